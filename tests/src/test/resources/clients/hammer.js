// One of OverlapTest's hammering client processes: many calls, each with a value of its own, some with a callback;
// every answer must be the one for its own call. Prints "hammer ID ok N" or the first mix-up.
const id = java.lang.System.getProperty('hammer.id');
const svc = Polyglot.import('overlap');
const calls = Number(java.lang.System.getProperty('hammer.calls') || 1000);
let ok = 0;
for (let i = 0; i < calls; i++) {
  const v = `p${id}-${i}`;
  const got = i % 10 === 0 ? svc.viaCallback((tag) => tag + '/' + v, v) : svc.echo(v);
  const want = i % 10 === 0 ? `${v}:${v}/${v}` : v;
  if (got !== want) {
    console.log(`hammer ${id} mixed up: call ${i} wanted ${want} got ${got}`);
    java.lang.System.exit(3);
  }
  ok++;
}
console.log(`hammer ${id} ok ${ok}`);
