// Host Java's System.out, System.err and System.in, beside the guest's console: all must reach the client in order.
console.log('guest out');
java.lang.System.out.println('host out');
java.lang.System.err.println('host err');
console.error('guest err');
const reader = new java.io.BufferedReader(new java.io.InputStreamReader(java.lang.System.in, 'UTF-8'));
let line;
let n = 0;
while ((line = reader.readLine()) !== null) {
  console.log('read: ' + line + ' (' + (++n) + ')');
}
console.log('thread: ' + java.lang.Thread.currentThread().getName());
console.log('cwd file: ' + new java.io.File('host-streams.js').exists() + ', env: ' + java.lang.System.getenv('YONDER_TEST_MARK'));
