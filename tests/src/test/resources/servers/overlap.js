// Fixtures of OverlapTest: methods that call back their caller, and ones that take a while, to show that one
// client's slow request holds up no other client.
let served = 0;
Polyglot.export('overlap', {
  // Calls the caller's function and answers with what it returned.
  viaCallback(cb, tag) { served++; return tag + ':' + cb(tag); },
  echo(x) { served++; return x; },
  served() { return served; },
  // Suspends for ms (a timer settles it): the context serves others meanwhile.
  later(ms, v) { return new Promise((resolve) => setTimeout(resolve, ms, v)); },
});
