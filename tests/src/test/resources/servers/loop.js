// Fixtures of EventLoopTest: a server whose methods answer later, through yonder serve's event loop.
let ticks = 0;
const ticking = setInterval(() => { ticks++; if (ticks === 3) clearInterval(ticking); }, 20);
setTimeout(() => { throw new Error('a timer that fails'); }, 10);   // reported; the loop goes on
Polyglot.export('loop', {
  later(ms, v) { return new Promise((resolve) => setTimeout(resolve, ms, v)); },
  failLater(ms) { return new Promise((_, reject) => setTimeout(() => reject(new RangeError('late by ' + ms)), ms)); },
  ticks() { return ticks; },
  order() {
    const log = [];
    setTimeout(() => log.push('timeout'), 0);
    queueMicrotask(() => log.push('microtask'));
    Promise.resolve().then(() => log.push('then'));
    log.push('sync');
    return log;
  },
  globals() { return [typeof setTimeout, typeof setInterval, typeof clearTimeout, typeof clearInterval, typeof queueMicrotask].join(); },
  cancelled() {
    const state = { fired: false };
    clearTimeout(setTimeout(() => { state.fired = true; }, 20));
    return state;
  },
});
