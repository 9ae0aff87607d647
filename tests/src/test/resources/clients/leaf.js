// A Multiplex leaf process (MultiplexTest). System properties: leaf.name, leaf.object (the hub's object), leaf.shouts
// (how many to shout), leaf.expect (how many shouts to wait for), leaf.waitLeaves (shout once the hub has that many
// leaves have the object), leaf.payload (characters of padding per shout). It prints the shouts it got, in its order, and the state.
const System = Java.type('java.lang.System');
const prop = (k, d) => System.getProperty('leaf.' + k, d);
const me = prop('name', 'js');
const shouts = +prop('shouts', '0');
const expect = +prop('expect', '0');
const pad = 'x'.repeat(+prop('payload', '0'));
const got = [];
class Counter {
  remote_add(from, i, padding) { got.push(from + ':' + i); }
}
Polyglot.eval('yonder', 'leaf')('test.Counter', Counter);
const hub = Polyglot.import('hub');
const counter = hub.named(prop('object', 'counter'), 'test.Counter');
hub.arrive(prop('object', 'counter'));
console.log('JOINED ' + me + ' ' + (counter instanceof Counter) + ' count=' + counter.count);
const started = Date.now();
const go = () => {
  if (hub.arrived(prop('object', 'counter')) < +prop('waitLeaves', '1') && Date.now() - started < 180000) return setTimeout(go, 10);
  console.log('SHOUTING ' + me);
  for (let i = 0; i < shouts; i++) counter.shout_add(me, i, pad);
  const wait = () => {
    if (got.length < expect && Date.now() - started < 300000) return setTimeout(wait, 5);
    setTimeout(() => {   // then a shout too many would show
      console.log('ORDER ' + got.join(','));
      console.log('STATE ' + counter.count + ' ' + counter.last);
    }, +prop('linger', '300'));
  };
  wait();
};
go();
