// A JS owner of publishable objects (PublishableTest): item-0 .. item-999, and world-7 with a nested array.
const publishable = Polyglot.eval('yonder', 'publishable');
const items = [];
for (let i = 0; i < 1000; i++) items.push(publishable('item-' + i, { v: i, name: 'item ' + i }));
const world = publishable('world-7', { terrain: 'hills', houses: [] });
Polyglot.export('svc', {
  change(i) { items[i].v += 1000; return items[i].v; },
  build(h) { world.houses.push(h); return world.houses.length; },
  churn(n) { for (let k = 0; k < n; k++) items[k % 1000].v++; },
});
