# Sourced by ./yonder and .ci/run. Exports JAVA_HOME as a JDK >= 25: $JAVA_HOME if it is one, else the newest under
# /usr/lib/jvm. The Graal JIT for Truffle needs JDK 25; the default java on this machine kind is 17.
yonder_jdk_version() {
  # The JDK's release file answers in a millisecond; starting its java to ask takes ~100 ms (every ./yonder pays it).
  local v=""
  [ -f "$1/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"$/\1/p' "$1/release")
  if [ -n "$v" ]; then echo "$v"; return; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}
yonder_find_jdk() {
  local c v best="" bestv=0
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    v=$(yonder_jdk_version "$c")
    v=${v%%.*}
    if [ "${v:-0}" -ge 25 ] 2>/dev/null && [ "$v" -gt "$bestv" ]; then
      best=$c; bestv=$v
      [ "$c" = "${JAVA_HOME:-}" ] && break
    fi
  done
  if [ -z "$best" ]; then
    echo "yonder: no JDK 25 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. Temurin 25, or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
yonder_find_jdk
