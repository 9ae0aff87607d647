// A client that connects by URL (no --connect) and prints what it got.
const url = java.lang.System.getProperty('yonder.test.url') || Polyglot.import('url');
const svc = Polyglot.eval('yonder', `${url}/svc`);
console.log('value=' + svc.value + ' add=' + svc.add(1, [1, 2, 3], {}));
