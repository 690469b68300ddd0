#!/usr/bin/env bash
# The quota planner pacing a key that cannot afford its instances (issue 13): N instances at 1 minute
# with the default poller configuration on one key with its own daily budget; prints the requests served
# each minute against what the rest of the day allows. Run by hand from the project root after
# `./mvnw package -DskipTests`:
#   bench/quota-pace.sh [port] [instances] [requestsPerDay] [minutes]
set -euo pipefail
PORT=${1:-18320}
INSTANCES=${2:-40}
PER_DAY=${3:-0}   # 0: what makes the rest of today fit at half the configured rate
MINUTES=${4:-12}
SECRET=bench-sandbox-admin-secret-0123456789
cd "$(dirname "$0")/.."
DATA=$(mktemp -d target/bench-XXXX)
java -Xmx1g -Dchangewire.data-dir=$DATA \
  -Dchangewire.sandbox.enabled=true -Dchangewire.sandbox.url=http://127.0.0.1:$PORT/sandbox/constantcontact \
  -Dchangewire.sandbox.admin-secret=$SECRET -Dchangewire.sandbox.seed=false \
  -Dchangewire.poller.minimum-interval=PT1M \
  -Dchangewire.bootstrap.user-secret=bench-user-secret-0123456789abcdef \
  -Dchangewire.bootstrap.organization-secret=bench-organization-secret-0123456789abcdef \
  -jar target/payara-micro.jar --deploy target/changewire.war --contextroot / --port $PORT --nocluster \
  --interfaces 127.0.0.1 --logproperties server-config/logging.properties > $DATA/server.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for i in $(seq 1 240); do
  curl -sf -o /dev/null http://127.0.0.1:$PORT/health/ready && break
  sleep 1
done
echo "=== $INSTANCES instances, $PER_DAY requests a day, $MINUTES minutes (server pid $PID, log $DATA/server.log)"
java bench/QuotaPace.java $PORT $INSTANCES $PER_DAY $MINUTES $SECRET
