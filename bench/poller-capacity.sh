#!/usr/bin/env bash
# How many instances (3 resources each, 1-minute interval) one node keeps, and what saturation costs:
# runs per window against expected, schedule lag p50/p99/max, the queue of due runs, PATCH latency while
# saturated (PollerCapacity's RESULT line), then heap after a full GC, RSS and the database file's size.
# Run by hand from the project root after `mvn package -DskipTests`:
#   bench/poller-capacity.sh [port] [sizes] [measure-seconds] [heap] [extra JVM options, e.g. -Dchangewire.db.url=...]
# Each size gets a fresh node and a fresh H2 database; the sandbox's and the element's rate limits are raised.
# A size may repeat ("2000 2000 2000") for medians of 3.
set -euo pipefail
PORT=${1:-18114}
SIZES=${2:-"250 500 1000 2000"}
MEASURE=${3:-120}
HEAP=${4:-1g}
EXTRA=${5:-}
cd "$(dirname "$0")/.."
for N in $SIZES; do
  DATA=$(mktemp -d target/bench-XXXX)
  java -Xmx$HEAP $EXTRA -Dchangewire.data-dir=$DATA \
    -Dchangewire.sandbox.enabled=true -Dchangewire.sandbox.url=http://127.0.0.1:$PORT/sandbox/constantcontact \
    -Dchangewire.sandbox.requests-per-second=100000 -Dchangewire.sandbox.requests-per-day=100000000 -Dchangewire.sandbox.token-requests-per-second=100000 \
    -Dchangewire.sandbox.max-accounts=100000 -Dchangewire.sandbox.churn-interval=PT30S \
    -Dchangewire.constantcontact.requests-per-second=100000 -Dchangewire.constantcontact.requests-per-day=100000000 -Dchangewire.constantcontact.token-requests-per-second=100000 \
    -Dchangewire.limits.instances-per-organization=100000 \
    -Dchangewire.bootstrap.user-secret=bench-user-secret-0123456789abcdef \
    -Dchangewire.bootstrap.organization-secret=bench-organization-secret-0123456789abcdef \
    -jar target/payara-micro.jar --deploy target/changewire.war --contextroot / --port $PORT --nocluster \
    --interfaces 127.0.0.1 --logproperties server-config/logging.properties > $DATA/server.log 2>&1 &
  PID=$!
  for i in $(seq 1 240); do
    curl -sf -o /dev/null http://127.0.0.1:$PORT/health/ready && break
    sleep 1
  done
  echo "=== $N instances (server pid $PID, log $DATA/server.log)"
  java bench/PollerCapacity.java $PORT $N $MEASURE || true
  jcmd $PID GC.run > /dev/null 2>&1 || true
  sleep 2
  echo "--- heap after a full GC:"; jcmd $PID GC.heap_info 2>/dev/null | head -3 || true
  echo "--- RSS: $(grep VmRSS /proc/$PID/status | awk '{print $2 / 1024 " MB"}')"
  echo "--- H2 file: $(du -m $DATA/changewire.mv.db 2>/dev/null | cut -f1) MB (PostgreSQL: see pg_database_size)"
  kill $PID; wait $PID 2>/dev/null || true
done
