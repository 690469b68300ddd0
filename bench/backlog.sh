#!/usr/bin/env bash
# Backlog drain, by hand (not part of the build), after `mvn -q package -DskipTests`:
#   bench/backlog.sh [instances] [contacts-per-instance] [runs] [first-port]
# A provider node (Payara Micro serving only the sandbox, its limits raised, no polling) on first-port, and
# per run a fresh Changewire node on first-port+1 (fresh embedded H2, or with BENCH_PG=1 a fresh PostgreSQL
# database on 127.0.0.1:5432) whose Constant Contact URLs point at the provider. bench/DeliveryBench.java
# (mode "backlog") is the receiver: it provisions the instances (contacts, 1 s interval), waits for their
# baselines, freezes the Changewire process (polling paused), writes the contacts, resumes it and prints a
# RESULT line (events/s, p50/p99 change->2xx, CPU ms per event from /proc, peak RSS, duplicates, misses, load).
# JFR=1 records the Changewire node of each run into target/backlog-<run>.jfr.
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCES=${1:-10}
EACH=${2:-1000}
RUNS=${3:-3}
PORT=${4:-19400}
NODE_PORT=$((PORT + 1))
PROVIDER="http://127.0.0.1:$PORT"
ROOT=${ROOT:-target/backlog}
WAR=${WAR:-target/changewire.war}
rm -rf "$ROOT" && mkdir -p "$ROOT"
USER_SECRET=bench-user-secret-0123456789abcdef
ORG_SECRET=bench-organization-secret-0123456789
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

await() { # url pid log
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "node died; see $3"; exit 1; }
    sleep 1
  done
  echo "node did not come up; see $3"; exit 1
}

java -Xmx1g -Dchangewire.data-dir="$ROOT/provider" -Dchangewire.sandbox.enabled=true \
  -Dchangewire.sandbox.url="$PROVIDER/sandbox/constantcontact" -Dchangewire.poller.enabled=false \
  -Dchangewire.sandbox.requests-per-second=100000 -Dchangewire.sandbox.requests-per-day=100000000 -Dchangewire.sandbox.token-requests-per-second=100000 \
  -Dchangewire.sandbox.max-accounts=100000 -Dchangewire.sandbox.seed=false \
  -Dchangewire.bootstrap.organization-secret=$ORG_SECRET -Dchangewire.bootstrap.user-secret=$USER_SECRET \
  -jar target/payara-micro.jar --deploy "$WAR" --contextroot / --port "$PORT" --nocluster \
  --interfaces 127.0.0.1 --rootdir "$ROOT/provider/payara-root" --logproperties server-config/logging.properties \
  > "$ROOT/provider.log" 2>&1 &
PIDS+=($!)
await "$PROVIDER/sandbox/constantcontact/stats" $! "$ROOT/provider.log"

M2=${M2_REPO:-$HOME/.m2/repository}
CP="$M2/org/eclipse/parsson/parsson/1.1.7/parsson-1.1.7.jar:$(ls "$M2"/jakarta/json/jakarta.json-api/2.1.*/jakarta.json-api-2.1.*.jar | grep -v sources | tail -1)"
for run in $(seq 1 "$RUNS"); do
  DATA="$ROOT/node-$run"
  mkdir -p "$DATA"
  DB_OPTS=()
  if [[ -n "${BENCH_PG:-}" ]]; then
    DB="changewire_backlog_$run"
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" > /dev/null
    DB_OPTS=(-Dchangewire.db.url="jdbc:postgresql://127.0.0.1:5432/$DB" -Dchangewire.db.user=postgres -Dchangewire.db.password=
             -Dchangewire.secrets.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=)
  fi
  JFR_OPTS=()
  if [[ -n "${JFR:-}" ]]; then
    JFR_OPTS=(-XX:StartFlightRecording=filename=target/backlog-$run.jfr,settings=profile,dumponexit=true)
  fi
  java -Xmx1g "${JFR_OPTS[@]}" -Dchangewire.data-dir="$DATA" \
    -Dchangewire.constantcontact.api-url="$PROVIDER/sandbox/constantcontact/v3" \
    -Dchangewire.constantcontact.authorize-url="$PROVIDER/sandbox/constantcontact/oauth2/default/v1/authorize" \
    -Dchangewire.constantcontact.token-url="$PROVIDER/sandbox/constantcontact/oauth2/default/v1/token" \
    -Dchangewire.constantcontact.requests-per-second=100000 -Dchangewire.constantcontact.requests-per-day=100000000 -Dchangewire.constantcontact.token-requests-per-second=100000 \
    -Dchangewire.constantcontact.rate-tail-guard=PT0S \
    -Dchangewire.callbacks.allow-private-networks=true -Dchangewire.poller.minimum-interval=PT1S \
    -Dchangewire.bootstrap.organization-secret=$ORG_SECRET -Dchangewire.bootstrap.user-secret=$USER_SECRET \
    "${DB_OPTS[@]}" \
    -jar target/payara-micro.jar --deploy "$WAR" --contextroot / --port "$NODE_PORT" --nocluster \
    --interfaces 127.0.0.1 --rootdir "$DATA/payara-root" --logproperties server-config/logging.properties \
    > "$DATA/server.log" 2>&1 &
  NODE=$!
  PIDS+=($NODE)
  await "http://127.0.0.1:$NODE_PORT/health/ready" $NODE "$DATA/server.log"
  echo "=== run $run: $INSTANCES x $EACH, node pid $NODE, uptime:$(uptime | sed 's/.*load/ load/')"
  java -cp "$CP" bench/DeliveryBench.java backlog "http://127.0.0.1:$NODE_PORT" "$PROVIDER" "$NODE" "$INSTANCES" "$EACH" \
    | tee "$ROOT/run-$run.txt" || true
  kill -CONT "$NODE" 2>/dev/null || true
  kill "$NODE" 2>/dev/null || true  # SIGTERM, so JFR dumps
  wait "$NODE" 2>/dev/null || true
done
echo "=== summary ($INSTANCES x $EACH, $RUNS runs, $(nproc) cores)"
grep -h '^RESULT' "$ROOT"/run-*.txt || true
