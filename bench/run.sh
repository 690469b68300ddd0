#!/usr/bin/env bash
# Delivery throughput and latency, measured by hand (not part of the build):
#   mvn -q package -DskipTests      # builds target/changewire.war and copies target/payara-micro.jar
#   bench/run.sh [instances] [events-per-instance] [port]
# Starts a Payara Micro on an empty H2 database in target/bench-data (or on PostgreSQL when
# BENCH_DB_URL is set, e.g. jdbc:postgresql://127.0.0.1:5432/changewire_bench), runs
# bench/DeliveryBench.java against it (a local receiver on 127.0.0.1), prints the results and kills the server.
set -euo pipefail
cd "$(dirname "$0")/.."
INSTANCES=${1:-10}
EVENTS=${2:-200}
PORT=${3:-18105}
DATA=target/bench-data
rm -rf "$DATA" && mkdir -p "$DATA"
DB_OPTS=()
if [[ -n "${BENCH_DB_URL:-}" ]]; then
  DB_OPTS=(-Dchangewire.db.url="$BENCH_DB_URL" -Dchangewire.db.user=postgres -Dchangewire.db.password=
           -Dchangewire.secrets.key=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=)
fi
java -Xmx1g -Dchangewire.data-dir="$DATA" -Dchangewire.sandbox.enabled=true \
  -Dchangewire.sandbox.admin-secret=bench-sandbox-admin-secret-0123456789 \
  -Dchangewire.sandbox.url="http://127.0.0.1:$PORT/sandbox/constantcontact" \
  -Dchangewire.callbacks.allow-private-networks=true -Dchangewire.poller.minimum-interval=PT1S \
  -Dchangewire.constantcontact.requests-per-day=100000000 -Dchangewire.constantcontact.token-requests-per-second=100000 \
  -Dchangewire.bootstrap.organization-secret=bench-organization-secret-0123456789 \
  -Dchangewire.bootstrap.user-secret=bench-user-secret-0123456789abcdef \
  "${DB_OPTS[@]}" \
  -jar target/payara-micro.jar --deploy target/changewire.war --contextroot / --port "$PORT" --nocluster \
  --interfaces 127.0.0.1 --rootdir "$DATA/payara-root" --logproperties server-config/logging.properties \
  > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill -9 $SERVER 2>/dev/null || true' EXIT
M2=${M2_REPO:-$HOME/.m2/repository}
CP="$M2/org/eclipse/parsson/parsson/1.1.7/parsson-1.1.7.jar:$(ls "$M2"/jakarta/json/jakarta.json-api/2.1.*/jakarta.json-api-2.1.*.jar | grep -v sources | tail -1)"
java -cp "$CP" bench/DeliveryBench.java "http://127.0.0.1:$PORT" "$INSTANCES" "$EVENTS"
