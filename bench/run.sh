#!/usr/bin/env bash
# Benchmark of madoguchi on this machine, with durable PostgreSQL settings (see docs/benchmarks.md):
#   1. builds the jar if needed and starts the application on a fresh data directory (target/bench-data),
#      with its embedded PostgreSQL 14 (fsync, synchronous_commit and full_page_writes on);
#   2. provisions a kiosk token and one staff account per counter through the admin API;
#   3. runs bench/LoadGenerator.java: issue / call-next / complete through the HTTP API;
#   4. runs pgbench (TPC-B-like) against the same PostgreSQL server, in a database "bench";
#   5. prints operations/s, latency percentiles, pgbench tps and the ratio, then stops the application.
#
# Usage: bench/run.sh            (environment overrides: WORKERS, SKIP_PGBENCH, WARMUP, DURATION, AUTH, HTTP_PORT,
#                                 PG_PORT, PGBENCH_SCALE, PGBENCH_DURATION, PGBENCH_JOBS, and APP_JAVA_OPTS
#                                 e.g. APP_JAVA_OPTS=-XX:StartFlightRecording=filename=target/bench.jfr,
#                                 and APP_ARGS: extra Spring arguments for experiments)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

HTTP_PORT=${HTTP_PORT:-8282}
PG_PORT=${PG_PORT:-55432}
WORKERS=${WORKERS:-31}            # one counter each; the honcho office has 31 counters
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
AUTH=${AUTH:-token}               # token (a staff API token per worker, made once with Basic) or basic
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
PGBENCH_DURATION=${PGBENCH_DURATION:-30}
PGBENCH_JOBS=${PGBENCH_JOBS:-2}
DIAGNOSTICS=${DIAGNOSTICS:-1}      # 1: also the short pgbench experiments of bench/pgbench/*.sql
DIAG_DURATION=${DIAG_DURATION:-10}
SKIP_PGBENCH=${SKIP_PGBENCH:-0}    # 1: only the load generator (for quick variants; no ratio)

DATA="$ROOT/target/bench-data"
JAR="$ROOT/target/madoguchi-0.1.0-SNAPSHOT.jar"
URL="http://localhost:$HTTP_PORT"
ADMIN_PASSWORD="bench-admin-$(date +%s)-$RANDOM"
STAFF_PASSWORD="bench-staff-password-$RANDOM"

say() { printf '\n== %s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
for tool in java curl psql pgbench; do
    command -v "$tool" >/dev/null || die "$tool not found on PATH"
done
PGBENCH=$(command -v pgbench)
[ "$PGBENCH" = /usr/bin/pgbench ] || echo "note: using $PGBENCH (the documented figures used Debian's /usr/bin/pgbench)"
for port in "$HTTP_PORT" "$PG_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is already in use"
    fi
done

if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
    say "building $JAR"
    mvn -q -B -o -DskipTests package
fi

# ---------------------------------------------------------------- start the application
APP_PID=""
SAMPLER_PID=""
GEN_PID=""
cleanup() {
    set +e
    for pid in "$SAMPLER_PID" "$GEN_PID"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null
    done
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        echo "stopping the application (pid $APP_PID)"
        kill "$APP_PID"
        for _ in $(seq 1 60); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$APP_PID" 2>/dev/null && kill -9 "$APP_PID"
    fi
    # If the JVM died without stopping its PostgreSQL, stop that server (ours: it runs on our data directory).
    local pm="$DATA/pg/postmaster.pid"
    if [ -f "$pm" ]; then
        local pg_pid
        pg_pid=$(head -1 "$pm")
        if [ -n "$pg_pid" ] && kill -0 "$pg_pid" 2>/dev/null; then
            echo "stopping the embedded PostgreSQL left behind (pid $pg_pid)"
            kill -INT "$pg_pid"
        fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$DATA"
mkdir -p "$DATA"
say "starting madoguchi on port $HTTP_PORT, embedded PostgreSQL on port $PG_PORT, data in $DATA (durable)"
MADOGUCHI_DATA_DIR="$DATA" MADOGUCHI_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    java ${APP_JAVA_OPTS:-} -jar "$JAR" --server.port="$HTTP_PORT" --madoguchi.embedded-db.port="$PG_PORT" \
    --madoguchi.embedded-db.durable=true --madoguchi.reception.auto-close-day=false ${APP_ARGS:-} \
    >"$DATA/app.log" 2>&1 &
APP_PID=$!

for i in $(seq 1 240); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$DATA/app.log"; die "the application exited during start-up"; }
    if curl -fs "$URL/actuator/health" 2>/dev/null | grep -q '"UP"'; then
        break
    fi
    [ "$i" = 240 ] && die "the application did not become healthy in 120 s (see $DATA/app.log)"
    sleep 0.5
done
echo "healthy after about $((i / 2)) s"

# The embedded server asks everyone for a password (docs/database-security.md): psql and pgbench read the
# superuser's from an owner-only pgpass file made from the one the application generated.
export PGPASSFILE="$DATA/pgpass"
(umask 077; printf 'localhost:%s:*:postgres:%s\n' "$PG_PORT" "$(cat "$DATA/pg-superuser-password")" >"$PGPASSFILE")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -d postgres -Atc "SELECT 'PostgreSQL ' || current_setting('server_version') || ': fsync=' || current_setting('fsync')
    || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes')
    || ', wal_sync_method=' || current_setting('wal_sync_method') || ', shared_buffers=' || current_setting('shared_buffers')"
DURABLE=$("${PSQL[@]}" -d postgres -Atc "SELECT current_setting('fsync') = 'on' AND current_setting('synchronous_commit') = 'on'
    AND current_setting('full_page_writes') = 'on'")
[ "$DURABLE" = t ] || die "the embedded database is not running with durable settings"

# ---------------------------------------------------------------- provision a kiosk and the staff
say "provisioning a kiosk token and one staff account per counter"
admin_post() {
    curl -fsS -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -d "$2" "$URL$1"
}
KIOSK_TOKEN=$(admin_post /api/v1/admin/devices '{"name":"bench kiosk","kind":"KIOSK","officeId":"honcho"}' \
    | sed -n 's/.*"token":"\(dev_[^"]*\)".*/\1/p')
[ -n "$KIOSK_TOKEN" ] || die "no kiosk token"
# counter numbers -> departments of the honcho office (db/migration/V3__itabashi_floor.sql)
staff_for() {
    local departments=$1; shift
    for n in "$@"; do
        admin_post /api/v1/admin/staff "{\"login\":\"bench-honcho-$n\",\"displayName\":\"Bench $n\",
            \"password\":\"$STAFF_PASSWORD\",\"role\":\"STAFF\",\"departments\":[$departments]}" >/dev/null
    done
}
staff_for '"koseki-jumin"' 1 2 3 4 5 6 7 8
staff_for '"kokuho-nenkin"' 11 12 13 14 15 16
staff_for '"kosodate"' 21 22 23
staff_for '"choju","kaigo","koki-korei"' 31 32 33 34
staff_for '"kazei"' 41 42 43
staff_for '"nozei"' 44 45 46
staff_for '"shogai"' 51 52
staff_for '"hoiku"' 53 54
echo "kiosk registered, 31 staff accounts created"

# ---------------------------------------------------------------- CPU accounting helpers
TICK=$(getconf CLK_TCK)
PG_MAIN=$(head -1 "$DATA/pg/postmaster.pid")
cpu_ticks() { # sum of user+system ticks of the given pids
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] || continue
        # fields after the "(comm)" part: utime and stime are fields 14 and 15 of the whole line
        total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    done
    echo "$total"
}
pg_pids() { echo "$PG_MAIN" $(ps -o pid= --ppid "$PG_MAIN"); }
thread_ticks() { # "tid name ticks" for every thread of the application's JVM
    local task
    for task in /proc/"$APP_PID"/task/*; do
        [ -r "$task/stat" ] || continue
        printf '%s %s %s\n' "${task##*/}" "$(tr ' ' '_' <"$task/comm")" \
            "$(sed 's/^.*) //' "$task/stat" | awk '{print $12 + $13}')"
    done
}
machine_ticks() { awk '/^cpu /{busy=$2+$3+$4+$7+$8+$9; print busy, busy+$5+$6}' /proc/stat; }

# ---------------------------------------------------------------- load generator
"${PSQL[@]}" -d postgres -c CHECKPOINT
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
say "load generator: $WORKERS workers, warm-up $WARMUP s, measured $DURATION s, auth=$AUTH"
# Sample PostgreSQL wait events of the application's sessions during the run (one extra connection).
{
    echo "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity
          WHERE datname = 'postgres' AND state = 'active' AND pid <> pg_backend_pid() \\watch 0.1"
} | "${PSQL[@]}" -d postgres -At >"$DATA/wait-samples.txt" 2>/dev/null &
SAMPLER_PID=$!

GEN_OUT="$DATA/loadgen.txt"
java -Xms256m -Xmx1g bench/LoadGenerator.java --url "$URL" --kiosk-token "$KIOSK_TOKEN" \
    --staff-prefix bench- --staff-password "$STAFF_PASSWORD" --workers "$WORKERS" \
    --warmup "$WARMUP" --duration "$DURATION" --auth "$AUTH" >"$GEN_OUT" 2>&1 &
GEN_PID=$!

until grep -q '^MEASURE-START' "$GEN_OUT" 2>/dev/null; do
    kill -0 "$GEN_PID" 2>/dev/null || break
    sleep 0.05
done
thread_ticks >"$DATA/threads-start.txt"
echo "measuring for $DURATION s"
APP0=$(cpu_ticks "$APP_PID"); PG0=$(cpu_ticks $(pg_pids)); read -r BUSY0 ALL0 < <(machine_ticks)
until grep -q '^MEASURE-END' "$GEN_OUT" 2>/dev/null; do
    kill -0 "$GEN_PID" 2>/dev/null || break
    sleep 0.05
done
thread_ticks >"$DATA/threads-end.txt"
APP1=$(cpu_ticks "$APP_PID"); PG1=$(cpu_ticks $(pg_pids)); read -r BUSY1 ALL1 < <(machine_ticks)
GEN_STATUS=0
wait "$GEN_PID" || GEN_STATUS=$?
GEN_PID=""
grep -v '^MEASURE-' "$GEN_OUT"
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
[ "$GEN_STATUS" = 0 ] || die "the load generator failed (status $GEN_STATUS); see $GEN_OUT and $DATA/app.log"

RESULT=$(grep '^RESULT ' "$GEN_OUT")
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$RESULT"; }
OPS=$(field ops_per_s); P50=$(field p50_ms); P99=$(field p99_ms)
GEN_CORES=$(sed -n 's/^load generator CPU in the measured window: .* = \([0-9.]*\) cores$/\1/p' "$GEN_OUT")
cores() { awk -v t="$1" -v hz="$TICK" -v s="$DURATION" 'BEGIN { printf "%.2f", t / hz / s }'; }
APP_CORES=$(cores $((APP1 - APP0)))
PG_CORES=$(cores $((PG1 - PG0)))
OTHER_CORES=$(awk -v m="$(awk -v b=$((BUSY1 - BUSY0)) -v a=$((ALL1 - ALL0)) -v n="$(nproc)" 'BEGIN { print a ? b / a * n : 0 }')" \
    -v x="$APP_CORES" -v y="$PG_CORES" -v z="${GEN_CORES:-0}" 'BEGIN { o = m - x - y - z; printf "%.2f", o < 0 ? 0 : o }')
MACHINE_CORES=$(awk -v b=$((BUSY1 - BUSY0)) -v a=$((ALL1 - ALL0)) -v n="$(nproc)" 'BEGIN { printf "%.2f", a ? b / a * n : 0 }')

say "application CPU by thread group during the measured window (cores)"
awk -v hz="$TICK" -v s="$DURATION" 'NR == FNR { start[$1] = $3; next }
    { name = $2; gsub(/[#_-]*[0-9]+$/, "", name); gsub(/[0-9]+/, "N", name); used[name] += $3 - start[$1] }
    END { for (n in used) if (used[n] > 0) printf "  %5.2f  %s\n", used[n] / hz / s, n }' \
    "$DATA/threads-start.txt" "$DATA/threads-end.txt" | sort -rn | head -12

say "PostgreSQL wait events of the application's active sessions during the run (share of samples)"
sort "$DATA/wait-samples.txt" | grep -v '^$' | uniq -c | sort -rn | head -12 \
    | awk '{ n[NR] = $1; w[NR] = $2; t += $1 } END { for (i = 1; i <= NR; i++) printf "  %5.1f%%  %s\n", 100 * n[i] / t, w[i] }'

if [ "$SKIP_PGBENCH" = 1 ]; then
    echo "HTTP API, $WORKERS workers, auth=$AUTH: $OPS operations/s, p50 $P50 ms, p99 $P99 ms (pgbench skipped)"
    echo "CPU (cores): app $APP_CORES, PostgreSQL $PG_CORES, load generator $GEN_CORES, other $OTHER_CORES"
    exit 0
fi

# ---------------------------------------------------------------- pgbench on the same server
say "pgbench: scale $PGBENCH_SCALE into database 'bench' on the same PostgreSQL server"
"${PSQL[@]}" -d postgres -c 'CREATE DATABASE bench'
pgbench -i -s "$PGBENCH_SCALE" -q -h localhost -p "$PG_PORT" -U postgres bench 2>&1 | tail -2
"${PSQL[@]}" -d postgres -c CHECKPOINT
say "pgbench: TPC-B-like, $WORKERS clients, $PGBENCH_JOBS threads, $PGBENCH_DURATION s"
PG_OUT="$DATA/pgbench.txt"
(cd "$DATA" && pgbench -c "$WORKERS" -j "$PGBENCH_JOBS" -T "$PGBENCH_DURATION" -l -h localhost -p "$PG_PORT" \
    -U postgres bench) >"$PG_OUT" 2>&1 || { cat "$PG_OUT"; die "pgbench failed"; }
grep -E 'number of (transactions actually processed|failed)|latency average|^tps' "$PG_OUT"
TPS=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$PG_OUT")
[ -n "$TPS" ] || die "no tps in pgbench output"
# per-transaction log (latency in microseconds, third column) -> exact percentiles
read -r PGB_P50 PGB_P99 < <(cat "$DATA"/pgbench_log.* | awk '{print $3}' | sort -n \
    | awk '{ v[NR] = $1 } END { i50 = int(NR * 0.50 + 0.999999); i99 = int(NR * 0.99 + 0.999999);
                               printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000 }')
rm -f "$DATA"/pgbench_log.*

# ---------------------------------------------------------------- diagnostics: what serialises commits
DIAG=""
if [ "$DIAGNOSTICS" = 1 ]; then
    say "diagnostics: pgbench scripts of bench/pgbench, $WORKERS clients, $DIAG_DURATION s each"
    "${PSQL[@]}" -d bench -c 'CREATE TABLE bench_log (id bigserial PRIMARY KEY, n int, at timestamptz DEFAULT now());
        CREATE TABLE bench_number (id int PRIMARY KEY, n int)'
    for script in commit commit-notify commit-then-notify number-row number-row-notify tpcb-notify; do
        out=$(pgbench -c "$WORKERS" -j "$PGBENCH_JOBS" -T "$DIAG_DURATION" -s "$PGBENCH_SCALE" -f "$ROOT/bench/pgbench/$script.sql" \
            -h localhost -p "$PG_PORT" -U postgres bench 2>&1) || { echo "$out"; die "pgbench $script failed"; }
        tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' <<<"$out")
        lat=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' <<<"$out")
        line=$(printf '  %-18s %9.0f tps  (latency average %s ms)' "$script" "$tps" "$lat")
        echo "$line"
        DIAG+="$line"$'\n'
    done
fi

# ---------------------------------------------------------------- summary
RATIO=$(awk -v o="$OPS" -v t="$TPS" 'BEGIN { printf "%.2f", o / t }')
verdict() { awk -v a="$1" -v op="$2" -v b="$3" 'BEGIN { ok = (op == ">=") ? a >= b : a <= b; print ok ? "met" : "NOT met" }'; }
SUMMARY="$DATA/summary.txt"
{
    echo "madoguchi benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname): $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB"
    echo "  HTTP API, $WORKERS workers, auth=$AUTH : $OPS operations/s, p50 $P50 ms, p99 $P99 ms"
    echo "  pgbench TPC-B-like, $WORKERS clients   : $TPS tps, p50 $PGB_P50 ms, p99 $PGB_P99 ms"
    echo "  ratio operations/s / pgbench tps      : $RATIO"
    echo "  CPU during the measured window (cores): app $APP_CORES, PostgreSQL $PG_CORES, load generator $GEN_CORES, other processes $OTHER_CORES; whole machine $MACHINE_CORES of $(nproc)"
    echo "  target >= 2000 operations/s : $(verdict "$OPS" ">=" 2000)"
    echo "  target p99 <= 50 ms         : $(verdict "$P99" "<=" 50)"
    echo "  target ratio >= 0.5         : $(verdict "$RATIO" ">=" 0.5)"
    if [ -n "$DIAG" ]; then
        echo "  diagnostics (pgbench scripts, $WORKERS clients):"
        printf '%s' "$DIAG"
    fi
} | tee "$SUMMARY"
say "details: $GEN_OUT, $PG_OUT, $DATA/app.log"
