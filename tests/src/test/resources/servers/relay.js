// A relay: started with --yonder.Connect=yonder://SERVER, its polyglot bindings hold SERVER's roots, so it serves them
// again as its own. Its clients get its proxies of SERVER's objects: references forwarded through a third process.
console.log('relay.js: serving the roots of the server it connected to');
