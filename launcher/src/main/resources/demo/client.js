// The client side of the seeds' scenario: uses the server's `x` as if it were local.
const x = Polyglot.import('x');
const step = (what, value) => console.log(`  ${what.padEnd(38)} ${value}`);

console.log('1. members of a remote object');
step('x.name', x.name);
step('typeof x.foo', typeof x.foo);
step('Object.keys(x)', JSON.stringify(Object.keys(x)));

console.log('2. the seeds\' call: x.foo(1, [1, 2, 3], y)');
const y = { greet(who) { return `hello ${who}, from the client`; } };
step('x.foo(1, [1, 2, 3], y)', x.foo(1, [1, 2, 3], y));
step('y.seen (written by the server)', y.seen);
step('x.twice(v => v * 10, 7)', x.twice(v => v * 10, 7));

console.log('3. writing members');
x.counter = x.counter + 41;
x.counter++;
step('x.counter after += 41 and ++', x.counter);

console.log('4. a remote array');
const items = x.items;
step('items.length', items.length);
step('items[1]', items[1]);
items[1] = 20;
items.push(4);
step('after items[1] = 20; items.push(4)', JSON.stringify(items));
let total = 0;
for (const v of items) total += v;
step('for..of sum', total);

console.log('5. JSON.stringify of the remote object');
step('JSON.stringify(x)', JSON.stringify(x));

console.log('6. a server-side error, caught here');
try {
  x.withdraw(500);
} catch (e) {
  step('caught message', e.message);
  step('exception type', e.name);
  const frames = Polyglot.eval('yonder', 'stackOf')(e);
  step('server stack', Array.from(frames).filter(f => f.includes('.js:')).join(' <- '));
}

console.log('7. an unknown member');
try {
  x.nope();
} catch (e) {
  // GraalJS's message for a foreign object quotes the object's whole display string (here the server object's
  // source); the demo shows the message from the reason on.
  const reason = e.message.lastIndexOf('failed due to: ');
  step('x.nope()', `${e.name}: ${reason >= 0 ? e.message.slice(reason) : e.message}`);
}
