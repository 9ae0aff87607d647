// The server side of the seeds' scenario. `x` lives in this process; clients use it as a native value.
const x = {
  name: 'x',
  counter: 0,
  items: [1, 2, 3],

  // a is copied; lst and y are references to the client's objects.
  foo(a, lst, y) {
    let sum = 0;
    for (let i = 0; i < lst.length; i++) {
      sum += lst[i];
    }
    const answer = y.greet('server');        // a callback into the client, while the client waits for foo
    y.seen = sum;                            // writes a member of the client's object
    return `foo got a=${a}, a list summing to ${sum}, and y said "${answer}"`;
  },

  twice(f, v) {
    return f(f(v));                          // the client's function, called back twice
  },

  withdraw(amount) {
    if (amount > 100) {
      throw new RangeError(`cannot withdraw ${amount}: the limit is 100`);
    }
    return 100 - amount;
  },
};

Polyglot.export('x', x);
console.log('server.js: exported x with members ' + Object.keys(x).join(', '));
