// A client process of ReplicaTest: holds replicas of the server's `score`, counts their updates, and reports once the
// owner's change has arrived.
const score = Polyglot.import('score');
const onChange = Polyglot.eval('yonder', 'onChange');
const events = [];
onChange(score, (names) => events.push('score:' + Array.from(names).join(',')));
onChange(score.meta, (names) => events.push('meta:' + Array.from(names).join(',')));
const roundTrips = () => Polyglot.eval('yonder', 'stats').roundTrips;
const before = roundTrips();
let sum = 0;
for (let i = 0; i < 10000; i++) sum += score.home + score.meta.round + score.players.length;
console.log('round trips for 30000 reads: ' + (roundTrips() - before) + ' (sum ' + sum + ')');
console.log('ready');
const report = () => {
  console.log('venue ' + score.meta.venue + ', home ' + score.home + ', away ' + score.away);
  console.log('events ' + JSON.stringify(events));
};
const started = Date.now();
const waitFor = () => {
  if (score.meta.venue === 'stadium') setTimeout(report, 500);   // then any further (wrong) update would show
  else if (Date.now() - started < 60000) setTimeout(waitFor, 5);
  else console.log('timed out: venue ' + score.meta.venue);
};
waitFor();
