// A JS owner of cacheable objects (ReplicaTest): `score` is replicated to every client that reads it.
const cacheable = Polyglot.eval('yonder', 'cacheable');
const score = cacheable({ home: 0, away: 0, players: ['ann', 'bob'], meta: { venue: 'park', round: 1 } });
Polyglot.export('score', score);
// Values a JS reader gets in JS's own kinds (ReplicaCompiledTest): undefined, a BigInt, a frozen array.
Polyglot.export('kinds', cacheable({ nothing: undefined, big: 2n ** 70n, frozen: Object.freeze([1, 2, 3]) }));
const scratch = cacheable({ away: 0, meta: { venue: 'park', round: 1 } });   // for the test that replaces and removes
Polyglot.export('scratch', scratch);
Polyglot.export('svc', {
  // One request, four writes to two objects: one update of score (home, away) and one of meta (venue).
  halfTime(venue) { score.home++; score.away++; score.home++; score.meta.venue = venue; return score.home; },
  goal(side) { score[side]++; return score[side]; },
  addPlayer(p) { score.players.push(p); return score.players.length; },
  seen() { return JSON.stringify(score); },        // what the owner itself sees
  later(ms, n) { setTimeout(() => { score.home = n; }, ms); },
  replaceMeta() { scratch.meta = { venue: 'new', round: 2 }; },
  removeAway() { delete scratch.away; },
  updatesPushed() { return Polyglot.eval('yonder', 'stats').updatesPushed; },
  // For ReplicaAttackTest and ReplicaReleaseTest.
  peek(r, name) { return r[name]; },               // a member of a replica of the caller's, read here
  sessions() { return Polyglot.eval('yonder', 'stats').sessions; },
  exports() { return Polyglot.eval('yonder', 'stats').exports; },
});
