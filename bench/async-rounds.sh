#!/usr/bin/env bash
# W6-async in rounds of 3 s (bench/async-rounds.js), unpinned as the throughput phase is: the rate as the JIT catches
# up, and per batch of 1,000 calls the time to issue them, to the first answer and to the rest. Then one thread's
# synchronous noop calls. Usage: bench/async-rounds.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/yonder" --help >/dev/null   # builds first only when the sources are newer than the last build
WORK="$(mktemp -d)"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
YONDER_DAEMON=0 "$ROOT/yonder" serve "$ROOT/bench/src/main/resources/bench/svc.js" --listen 127.0.0.1:0 >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 120); do grep -q "listening on" "$WORK/server.log" && break; sleep 0.5; done
URL="$(sed -n 's/.*listening on //p' "$WORK/server.log" | head -1)"
{ echo "const url = '$URL';"; cat "$ROOT/bench/async-rounds.js"; } >"$WORK/client.js"
YONDER_DAEMON=0 "$ROOT/yonder" run "$WORK/client.js" --connect "$URL"
