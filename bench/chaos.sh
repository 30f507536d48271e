#!/usr/bin/env bash
# madoguchi chaos run: the packaged application on its embedded PostgreSQL, a steady mix of issue / call-next /
# complete through the REST API with display boards on the event stream, and at least 20 random faults one after
# the other (SIGKILL of the application, SIGKILL of the postmaster, pg_terminate_backend of the application's
# connections, both killed and started again, the connection pool exhausted). After each fault it waits until
# health is UP and an operation is acknowledged again; at the end it checks the database and the streams:
# nothing acknowledged lost, no number reused, no visit called twice, every stream caught up without gap or
# duplicate, the floor working by itself. The driver is bench/chaos/Chaos.java (JDK only, plus psql).
#
# Usage: bench/chaos.sh            (environment: SEED (printed by every run; the same seed injects the same
#                                   faults in the same order), FAULTS (24), WORKERS (6), SUBSCRIBERS (3),
#                                   HTTP_PORT (8383), PG_PORT (55433), PACE_MS (60), APP_JAVA_OPTS)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

HTTP_PORT=${HTTP_PORT:-8383}
PG_PORT=${PG_PORT:-55433}
FAULTS=${FAULTS:-24}
WORKERS=${WORKERS:-6}
SUBSCRIBERS=${SUBSCRIBERS:-3}
PACE_MS=${PACE_MS:-60}
SEED=${SEED:-$(( (RANDOM << 30) ^ (RANDOM << 15) ^ RANDOM ))}

DATA="$ROOT/target/chaos-data"
JAR="$ROOT/target/madoguchi-0.1.0-SNAPSHOT.jar"

die() { printf 'chaos.sh: %s\n' "$*" >&2; exit 1; }

for tool in java psql; do
    command -v "$tool" >/dev/null || die "$tool not found on PATH"
done
[ "$FAULTS" -ge 20 ] || echo "note: FAULTS=$FAULTS (the documented run injects at least 20)"
for port in "$HTTP_PORT" "$PG_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is already in use"
    fi
done

if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
    printf '\n== building %s\n' "$JAR"
    ./mvnw -q -B -o -DskipTests package
fi

rm -rf "$DATA"
mkdir -p "$DATA"
echo "data in $DATA (application log: $DATA/app.log); seed $SEED"
status=0
java -Xmx512m bench/chaos/Chaos.java --jar "$JAR" --data "$DATA" --seed "$SEED" --faults "$FAULTS" \
    --workers "$WORKERS" --subscribers "$SUBSCRIBERS" --http-port "$HTTP_PORT" --pg-port "$PG_PORT" \
    --pace-ms "$PACE_MS" --java-opts "${APP_JAVA_OPTS:-}" 2>&1 | tee "$DATA/chaos.txt" || status=$?
[ "$status" = 0 ] || die "the chaos run failed (status $status); see $DATA/chaos.txt and $DATA/app.log"
