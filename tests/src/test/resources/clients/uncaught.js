// A client whose server-side error is not caught: `yonder run` prints it and exits with 1.
const svc = Polyglot.import('svc');
console.log('about to fail');
svc.fail('nobody caught this');
console.log('not reached');
