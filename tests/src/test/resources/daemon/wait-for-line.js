// Holds the daemon until the test writes a line to its stdin.
console.log('waiting');
const line = new java.io.BufferedReader(new java.io.InputStreamReader(java.lang.System.in)).readLine();
console.log('got ' + line);
