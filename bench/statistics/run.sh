#!/usr/bin/env bash
# Statistics benchmark (docs/benchmarks.md, "Statistics"):
#   1. builds the jar if needed; on the first run generates the H27–R5 history (3.87M visit rows) into a
#      durable data directory that later runs reuse (target/bench-stats-data; delete it to start over);
#   2. starts the application on it, creates a manager, a counter clerk and a kiosk token;
#   3. runs bench/statistics/StatsBench.java: 図表3 and 図表4-1 for every fiscal year, dashboard pages, the visit
#      export's rows/s, the legacy import's rows/s, and call-next latency without and during a full export;
#   4. removes the rows the import and the counter loop added to the statistics, and stops the application.
# Usage: bench/statistics/run.sh   (overrides: HTTP_PORT, PG_PORT, LEAN_PORT, APP_JAVA_OPTS)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
HTTP_PORT=${HTTP_PORT:-8383}
PG_PORT=${PG_PORT:-55433}
LEAN_PORT=${LEAN_PORT:-8384}
DATA="$ROOT/target/bench-stats-data"
JAR="$ROOT/target/madoguchi-0.1.0-SNAPSHOT.jar"
URL="http://localhost:$HTTP_PORT"
PASSWORD="stats-bench-password-$RANDOM$RANDOM"

say() { printf '\n== %s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }
for tool in java curl psql; do command -v "$tool" >/dev/null || die "$tool not found on PATH"; done
for port in "$HTTP_PORT" "$PG_PORT" "$LEAN_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then die "port $port is already in use"; fi
done
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
    say "building $JAR"
    mvn -q -B -o -DskipTests package
fi
mkdir -p "$DATA"
[ -f "$DATA/admin-password" ] || echo "stats-admin-$(date +%s)-$RANDOM$RANDOM" >"$DATA/admin-password"
ADMIN_PASSWORD=$(cat "$DATA/admin-password")
APP=(java ${APP_JAVA_OPTS:-} -jar "$JAR" --server.port="$HTTP_PORT" --madoguchi.embedded-db.port="$PG_PORT"
     --madoguchi.embedded-db.durable=true --madoguchi.reception.auto-close-day=false
     --madoguchi.liveinfo.stream-port="$LEAN_PORT")

APP_PID=""
cleanup() {
    set +e
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$APP_PID" 2>/dev/null && kill -9 "$APP_PID"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$DATA/history-generated" ]; then
    say "generating the H27–R5 history once (several minutes)"
    MADOGUCHI_DATA_DIR="$DATA" MADOGUCHI_ADMIN_PASSWORD="$ADMIN_PASSWORD" "${APP[@]}" \
        --madoguchi.statistics.generate-history=true --madoguchi.statistics.generate-history.exit=true \
        >"$DATA/generate.log" 2>&1 || { tail -30 "$DATA/generate.log"; die "history generation failed"; }
    grep -E "Generated history:|図表3 合計" "$DATA/generate.log" || true
    touch "$DATA/history-generated"
fi

say "starting madoguchi on port $HTTP_PORT (data in $DATA)"
MADOGUCHI_DATA_DIR="$DATA" MADOGUCHI_ADMIN_PASSWORD="$ADMIN_PASSWORD" "${APP[@]}" >"$DATA/app.log" 2>&1 &
APP_PID=$!
for i in $(seq 1 240); do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$DATA/app.log"; die "the application exited during start-up"; }
    curl -fs "$URL/actuator/health" 2>/dev/null | grep -q '"UP"' && break
    [ "$i" = 240 ] && die "the application did not become healthy in 120 s"
    sleep 0.5
done
# The embedded server asks everyone for a password (docs/database-security.md): psql and pgbench read the
# superuser's from an owner-only pgpass file made from the one the application generated.
export PGPASSFILE="$DATA/pgpass"
(umask 077; printf 'localhost:%s:*:postgres:%s\n' "$PG_PORT" "$(cat "$DATA/pg-superuser-password")" >"$PGPASSFILE")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PG_PORT" -U postgres -d postgres)
"${PSQL[@]}" -Atc "SELECT 'visit_fact rows: ' || count(*) FROM statistics.visit_fact"

say "accounts"
SUFFIX=$(date +%s)
admin_post() { curl -fsS -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -d "$2" "$URL$1"; }
admin_post /api/v1/admin/staff "{\"login\":\"bench-manager-$SUFFIX\",\"displayName\":\"Bench manager\",\"password\":\"$PASSWORD\",\"role\":\"MANAGER\",\"departments\":[]}" >/dev/null
admin_post /api/v1/admin/staff "{\"login\":\"bench-clerk-$SUFFIX\",\"displayName\":\"Bench clerk\",\"password\":\"$PASSWORD\",\"role\":\"STAFF\",\"departments\":[\"koseki-jumin\"]}" >/dev/null
KIOSK_TOKEN=$(admin_post /api/v1/admin/devices '{"name":"stats bench kiosk","kind":"KIOSK","officeId":"honcho"}' \
    | sed -n 's/.*"token":"\(dev_[^"]*\)".*/\1/p')
[ -n "$KIOSK_TOKEN" ] || die "no kiosk token"

say "benchmark (machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx1g bench/statistics/StatsBench.java "$URL" "bench-manager-$SUFFIX" "bench-clerk-$SUFFIX" "$KIOSK_TOKEN" "$PASSWORD"

say "cleaning up the rows the benchmark added"
"${PSQL[@]}" -c "DELETE FROM statistics.visit_fact WHERE source IN ('import', 'live')"
# The deleted rows would otherwise still be in the way of the next run's import (its key check and insert walk past
# them) until autovacuum comes round; a real installation does not delete 200,000 rows after every import.
"${PSQL[@]}" -c "VACUUM (ANALYZE) statistics.visit_fact"
