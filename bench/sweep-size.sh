#!/usr/bin/env bash
# What a full sweep of one account costs by paging (issue 14): requests and time for N contacts, with
# Constant Contact's own limits (4 requests a second, on the sandbox and in the element). Run by hand
# from the project root after `./mvnw package -DskipTests`:
#   bench/sweep-size.sh [port] [contacts] [pageSize]
set -euo pipefail
PORT=${1:-18320}
CONTACTS=${2:-10000}
PAGE=${3:-500}
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
echo "=== $CONTACTS contacts, $PAGE a page (server pid $PID, log $DATA/server.log)"
java bench/SweepSize.java $PORT $CONTACTS $PAGE $SECRET
