// A Multiplex hub (MultiplexTest, docs/multiplex.md): it holds multiplexed objects by name and knows nothing of the
// leaves' classes, except test.Counter and test.Levels, whose hub classes run here too (the state they keep is what a
// late joiner must get; a member reached through the reference comes from test.Levels).
const multiplex = Polyglot.eval('yonder', 'multiplex');
const leaf = Polyglot.eval('yonder', 'leaf');
const stats = () => Polyglot.eval('yonder', 'stats');
leaf('test.Counter', class HubCounter {
  remote_add(from, i) { this.count++; this.last = from + ':' + i; }
});
leaf('test.Levels', class HubLevels {
  who() { return 'the hub class'; }        // hidden on a leaf by its own class
  where() { return 'the hub class'; }      // hidden on a leaf by the state
  hubOnly() { return 'the hub class, for ' + this.name; }   // reached through the reference
});
const objects = new Map();
const arrived = new Map();
const initial = {
  'test.Counter': () => ({ count: 0, last: '' }),
  'test.Levels': () => ({ name: 'levels', who: 'the state', where: 'the state', stateOnly: 'the state' }),
  'test.Napkin': () => ({ title: 'napkin', blots: 0 }),
};
Polyglot.export('hub', {
  // The multiplexed object of that name (made on the first call): it arrives at the caller as a leaf.
  named(name, tag) {
    if (!objects.has(name)) objects.set(name, multiplex(tag, initial[tag]()));
    return objects.get(name);
  },
  leaves() { return stats().leaves; },
  // Leaves say they have the object; they start shouting once all of theirs have.
  arrive(name) { arrived.set(name, (arrived.get(name) ?? 0) + 1); },
  arrived(name) { return arrived.get(name) ?? 0; },
  sequenced() { return stats().shoutsSequenced; },
  published() { return stats().shoutsPublished; },   // on a NATS backbone (MultiplexNatsTest)
  pushed() { return stats().shoutsPushed; },        // SHOUT frames to its leaves' sessions (the embedded fan-out)
  sessions() { return stats().sessions; },
  sleep(ms) { Java.type('java.lang.Thread').sleep(ms); },   // holds the hub's thread (MultiplexTest's slow handler)
  state(name) { return JSON.stringify(objects.get(name)); },
  heapAfterGc() {
    const rt = Java.type('java.lang.Runtime').getRuntime();
    Java.type('java.lang.System').gc();
    return rt.totalMemory() - rt.freeMemory();
  },
});
console.log('hub.js: ready');
