// A client whose uncaught error is its own: the launcher must not call its stack remote.
function thrower() { throw new RangeError('a local one'); }
thrower();
