// The Multiplex bench's hub (Shouts.java): one multiplexed object, 'ping' (copy tag bench.Ping), and the hub's counters.
// It registers no class for the tag, so the hub itself only sequences the shouts and passes them on to the leaves.
const multiplex = Polyglot.eval('yonder', 'multiplex');
const stats = () => Polyglot.eval('yonder', 'stats');
Polyglot.export('ping', multiplex('bench.Ping', { name: 'ping' }));
Polyglot.export('hub', {
  leaves() { return stats().leaves; },
  sequenced() { return stats().shoutsSequenced; },
});
