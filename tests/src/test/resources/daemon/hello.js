// One remote call, as a user's first script: printed on stdout.
const svc = Polyglot.import('svc');
console.log('value=' + svc.value + ' add=' + svc.add(1, [1, 2, 3], {}));
