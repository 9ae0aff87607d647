// yonder run keeps the script's event loop going until no timer, pending call or remote promise is left.
const log = [];
let parts = 2;
const partDone = () => { if (--parts === 0) console.log('ran: ' + log.join(' ')); };
setTimeout(() => { log.push('timeout'); partDone(); }, 60);
let n = 0;
const every = setInterval(() => { if (++n === 3) { clearInterval(every); log.push('interval x3'); partDone(); } }, 5);
queueMicrotask(() => log.push('microtask'));
log.push('sync');
