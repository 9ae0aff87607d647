// The Multiplex bench's repeater (Shouts.java): started with --yonder.Connect=yonder://HUB, its polyglot bindings hold
// the hub's roots ('ping', 'hub'), which it serves again as its own; its leaves' shouts go up through it to the hub.
console.log('relay.js: repeating the roots of ' + Polyglot.eval('yonder', 'listener'));
