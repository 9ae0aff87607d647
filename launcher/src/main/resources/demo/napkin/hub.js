// Bob's Multiplex service in the Napkin demo (docs/napkin.md). It holds the napkin, kermit the frog and the red
// circle, sequences every shout at them, and knows nothing of the leaves' classes: it passes along the copy tags.
const multiplex = Polyglot.eval('yonder', 'multiplex');
const stats = () => Polyglot.eval('yonder', 'stats');
const napkin = multiplex('napkin.Napkin', { title: 'napkin' });
const kermit = multiplex('napkin.Frog', { name: 'kermit' });
const circle = multiplex('napkin.Circle', { color: 'red', x: 60, y: 60, r: 20 });
Polyglot.export('napkin', napkin);
Polyglot.export('kermit', kermit);
Polyglot.export('circle', circle);
const report = () => {
  const s = stats();
  return `${s.leaves} leaves of ${s.multiplexed} multiplexed objects, ${s.shoutsSequenced} shouts sequenced`;
};
Polyglot.export('bob', {
  // Leaves of the hub's objects now: a leaf process that imported all three roots counts three times.
  leaves() { return stats().leaves; },
  report,
});
console.log('Bob\'s hub holds the napkin, kermit the frog and the red circle at (' + circle.x + ', ' + circle.y + ')');
let last = '';
setInterval(() => {   // what Bob sees: leaves joining, shouts passing through, blots becoming multiplexed
  const now = report();
  if (now !== last) console.log((last = now));
}, 100);
