#!/usr/bin/env bash
# SSE fan-out benchmark of the public status stream (org.madoguchi.liveinfo):
#   1. builds the jar if needed and starts madoguchi on port 8383 with -Xmx512m and a fresh data directory
#      (target/sse-bench-data), Tomcat allowed enough connections for the subscribers;
#   2. opens SUBSCRIBERS (default 10000) SSE connections to /api/v1/public/offices/honcho/status/stream
#      with bench/sse/SseLoad.java (one thread, non-blocking NIO), on the lean stream server's port
#      STREAM_PORT (default 8384); LEAN=0 measures the servlet stream on PORT instead;
#   3. issues UPDATES (default 10) tickets one by one and measures when each subscriber got the new status;
#   4. prints delivery latency (p50/p99/max), the server's heap and threads, and stops the application.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PORT=${PORT:-8383}
SUBSCRIBERS=${SUBSCRIBERS:-10000}
UPDATES=${UPDATES:-10}
WARMUP_UPDATES=${WARMUP_UPDATES:-2}   # sent first and shown, not counted (cold JIT)
STREAM_PORT=${STREAM_PORT:-8384}
LEAN=${LEAN:-1}
DATA="$ROOT/target/sse-bench-data"
JAR="$ROOT/target/madoguchi-0.1.0-SNAPSHOT.jar"
export MADOGUCHI_ADMIN_PASSWORD="sse-bench-$(date +%s)-$RANDOM"
say() { printf '\n== %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

for tool in java jcmd curl; do command -v "$tool" >/dev/null || die "$tool is missing"; done
# Client and server each hold one descriptor per subscriber, plus jars and database connections.
want=$((SUBSCRIBERS + 2000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
    ulimit -n "$want" 2>/dev/null || die "need ulimit -n >= $want (hard limit $(ulimit -Hn))"
fi
curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && die "port $PORT is taken"

if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
    say "building $JAR"
    mvn -q -B -o -DskipTests package
fi

APP_PID=
cleanup() {
    [ -n "${CLIENT:-}" ] && kill "$CLIENT" 2>/dev/null || true
    if [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null; then
        # A JVM that ran out of memory may not stop by itself.
        for _ in $(seq 1 20); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$APP_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$DATA"; mkdir -p "$DATA"
say "starting madoguchi on port $PORT (-Xmx${XMX:-512m}), data in $DATA"
MADOGUCHI_DATA_DIR="$DATA" java -Xmx${XMX:-512m} ${APP_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
    --madoguchi.reception.auto-close-day=false \
    --server.tomcat.max-connections=$((SUBSCRIBERS + 1000)) --server.tomcat.accept-count=2000 \
    --madoguchi.liveinfo.max-subscribers=$((SUBSCRIBERS + 1000)) \
    --madoguchi.liveinfo.max-subscribers-per-client=$((SUBSCRIBERS + 1000)) \
    --madoguchi.liveinfo.stream-port="$STREAM_PORT" --madoguchi.liveinfo.stream-server.enabled=$([ "$LEAN" = 1 ] && echo true || echo false) \
    --server.max-http-request-header-size=${HEADER_SIZE:-8KB} --server.tomcat.max-http-response-header-size=${HEADER_SIZE:-8KB} \
    ${APP_ARGS:-} >"$DATA/app.log" 2>&1 &
APP_PID=$!
for i in $(seq 1 240); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$DATA/app.log"; die "the application exited during start-up"; }
    curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"' && break
    sleep 0.5
    [ "$i" = 240 ] && die "not healthy after 120 s (see $DATA/app.log)"
done

heap() {
    jcmd "$APP_PID" GC.heap_info 2>/dev/null | grep -Eo 'total [0-9]+K, used [0-9]+K' | head -1
}
say "heap before: $(heap)"
say "opening $SUBSCRIBERS subscribers and sending $UPDATES updates"
java -Xmx1g bench/sse/SseLoad.java --port "$PORT" $([ "$LEAN" = 1 ] && echo --stream-port "$STREAM_PORT") --subscribers "$SUBSCRIBERS" --updates "$UPDATES" --warmup-updates "$WARMUP_UPDATES" \
    | tee "$DATA/client.txt" &
CLIENT=$!
# Sample the server while the subscribers are connected: heap used (and after a full GC), threads.
peak=0
while kill -0 "$CLIENT" 2>/dev/null; do
    used=$(jcmd "$APP_PID" GC.heap_info 2>/dev/null | grep -Eo 'used [0-9]+K' | head -1 | grep -Eo '[0-9]+' || echo 0)
    [ "${used:-0}" -gt "$peak" ] && peak=$used
    if grep -q 'received the initial status' "$DATA/client.txt" 2>/dev/null && [ -z "${sampled:-}" ]; then
        sampled=1
        threads=$(jcmd "$APP_PID" Thread.print 2>/dev/null | grep -c '^"' || true)
        jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true
        live_after_gc=$(heap)
        # Where the heap goes per connection (top classes after the full GC).
        jcmd "$APP_PID" GC.class_histogram 2>/dev/null | head -40 >"$DATA/histogram.txt" || true
    fi
    sleep 1
done
wait "$CLIENT"
say "summary"
grep SUMMARY "$DATA/client.txt"
echo "server heap: peak used sampled $((peak / 1024)) MiB of max ${XMX:-512m}; with all subscribers connected, after a full GC: ${live_after_gc:-n/a}"
echo "server threads with all subscribers connected: ${threads:-n/a}"
