// Runs until it is cancelled.
console.log('spinning');
let i = 0;
while (true) { i++; }
