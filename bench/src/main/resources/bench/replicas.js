// The replicas' rows of ./yonder bench (the Cacheable/Publishable issue), served beside svc.js by a server of its own.
// `fanout.state` is a cacheable object; bump() changes it, and every client holding a replica gets the update before
// bump's answer leaves.
const fanoutState = Polyglot.eval('yonder', 'cacheable')({ n: 0 });
Polyglot.export('fanout', { state: fanoutState, bump() { return ++fanoutState.n; } });

// 1,000 publishable objects; changeTen() changes ten of them, so a client that kept replicas of all finds ten stale
// when it connects again.
const benchItems = [];
for (let i = 0; i < 1000; i++) benchItems.push(Polyglot.eval('yonder', 'publishable')('bench-item-' + i, { v: i }));
let benchRound = 0;
Polyglot.export('items', { changeTen() { benchRound++; for (let k = 0; k < 10; k++) benchItems[(benchRound * 97 + k * 100) % 1000].v++; } });
