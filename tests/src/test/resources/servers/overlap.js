// Fixtures of OverlapTest: methods that call back their caller, and ones that take a while, to show that one
// client's slow request holds up no other client.
let served = 0;
Polyglot.export('overlap', {
  // Calls the caller's function and answers with what it returned.
  viaCallback(cb, tag) { served++; return tag + ':' + cb(tag); },
  echo(x) { served++; return x; },
  served() { return served; },
  // A file API for promise pipelining: open() takes a while; its answer's methods are called before it comes back.
  open(name) {
    java.lang.Thread.sleep(200);
    if (name === 'missing') throw new RangeError('no file named ' + name);
    return { name, read() { return 'text of ' + name; }, reader() { return { all() { return ['all of', name].join(' '); } }; } };
  },
  pipelinedServed() { return Polyglot.eval('yonder', 'stats').pipelinedServed; },
  // Suspends for ms (a timer settles it): the context serves others meanwhile.
  later(ms, v) { return new Promise((resolve) => setTimeout(resolve, ms, v)); },
});
