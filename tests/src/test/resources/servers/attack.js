// Fixtures of CodeExecutionTest: what a server publishes innocently, from which an attacker walks towards code
// execution. This file is sloppy-mode script code on purpose.
function whoami() { return this; }   // sloppy mode: called with this null, `this` is the global object
function throwsThis() { throw this; }
Polyglot.export('api', {
  whoami,
  throwsThis,
  echo(x) { return x; },
  spin(ms) { const end = Date.now() + ms; while (Date.now() < end) { /* busy */ } return ms; },   // keeps the context busy (MemoryBoundsTest)
  big(n) { return 'x'.repeat(n); },
  counter: 0,
  kit: { F: Function, run: eval, load: typeof load === 'function' ? load : eval, ok: Math.max },   // machinery a server holds in an object
  list: Java.type('java.util.ArrayList'),   // a host class, published to make lists
  makeList() { return new (Java.type('java.util.ArrayList'))(); },
});
