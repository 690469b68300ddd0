#!/usr/bin/env bash
# How the embedded H2 file grows under the capacity benchmark's load: one poller-capacity run of one size
# with a long measuring window, and the file's size and the completed scheduled runs sampled every minute.
# Run by hand from the project root after `mvn package -DskipTests`, on a quiet machine:
#   bench/h2-file-growth.sh [port] [instances] [measure-seconds]
# Prints "time MB runs" lines, then poller-capacity's own result (RESULT line, heap, RSS, final file size).
set -euo pipefail
PORT=${1:-18300}
N=${2:-2000}
MEASURE=${3:-1800}
cd "$(dirname "$0")/.."
started=$(date +%s)
bench/poller-capacity.sh "$PORT" "$N" "$MEASURE" 1g > target/h2-file-growth-capacity.log 2>&1 &
CAPACITY=$!
echo "seconds MB completed-scheduled-runs"
while kill -0 $CAPACITY 2>/dev/null; do
  sleep 60
  file=$(ls -t target/bench-*/changewire.mv.db 2>/dev/null | head -1 || true)
  [ -n "$file" ] || continue
  runs=$(curl -s "http://127.0.0.1:$PORT/metrics" \
    | grep '^changewire_poller_runs_total{outcome="COMPLETED",trigger="SCHEDULED"}' | cut -d' ' -f2 || true)
  echo "$(( $(date +%s) - started )) $(du -m "$file" | cut -f1) ${runs:--}"
done
grep -v '^instance ' target/h2-file-growth-capacity.log
