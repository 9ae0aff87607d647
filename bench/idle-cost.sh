#!/usr/bin/env bash
# What idle served contexts cost (docs/performance-tail.md): a hub (bench/hub.js under `yonder serve`) and one leaf
# JVM (ShoutLeaves) holding K leaves, each a context served by a thread of its own; then the CPU time both processes
# use in 10 s of doing nothing, from /proc/PID/stat (utime + stime). Usage: bench/idle-cost.sh [K]   (default 100)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/find-jdk.sh"
K="${1:-100}"
"$ROOT/yonder" --help >/dev/null   # builds first only when the sources are newer than the last build
CP="$ROOT/bench/target/classes:$ROOT/bench/target/lib/*"
FLAGS="$(cat "$ROOT/launcher/target/jvm.flags")"
WORK="$(mktemp -d)"
trap 'kill $HUB $LEAF 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$JAVA_HOME/bin/java" $FLAGS -cp "$ROOT/launcher/target/classes:$ROOT/launcher/target/lib/*" org.yonder.launcher.Main \
  serve "$ROOT/bench/src/main/resources/bench/hub.js" --listen 127.0.0.1:0 --yonder.MaxSessions=1000 >"$WORK/hub.log" 2>&1 &
HUB=$!
for _ in $(seq 1 120); do grep -q "listening on" "$WORK/hub.log" && break; sleep 0.5; done
URL="$(sed -n 's/.*listening on //p' "$WORK/hub.log" | head -1)"
mkfifo "$WORK/in"
"$JAVA_HOME/bin/java" $FLAGS -cp "$CP" org.yonder.bench.ShoutLeaves <"$WORK/in" >"$WORK/leaf.log" 2>&1 &
LEAF=$!
exec 3>"$WORK/in"
echo "JOIN $URL $K" >&3
for _ in $(seq 1 300); do grep -q "^JOINED" "$WORK/leaf.log" && break; sleep 1; done
grep -q "^JOINED" "$WORK/leaf.log" || { cat "$WORK/leaf.log"; exit 1; }
sleep 3
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICK="$(getconf CLK_TCK)"
l0=$(cpu $LEAF); h0=$(cpu $HUB)
sleep 10
l1=$(cpu $LEAF); h1=$(cpu $HUB)
echo "$K idle leaves: leaf JVM $(( (l1 - l0) * 1000 / TICK )) ms of CPU in 10 s; hub $(( (h1 - h0) * 1000 / TICK )) ms"
exec 3>&-
