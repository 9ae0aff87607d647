// Host System.exit: a fresh JVM exits with 5; so must the client of a daemon (whose JVM it ends).
console.log('before exit');
java.lang.System.exit(5);
console.log('not reached');
