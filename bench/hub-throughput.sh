#!/usr/bin/env bash
# Hub calls per second through ONE instance against the sandbox, with the provider limits raised
# (sandbox limits via its admin endpoint, Changewire's via -D options), so what is measured is
# Changewire's own overhead: authentication, token lookup, rate limiter, REST client, normalization.
#
# Usage: mvn -q package -DskipTests && bench/hub-throughput.sh [runs] [calls-per-run] [parallel]
# Starts its own Payara Micro on $PORT (default 18193) with a throw-away H2 database, and stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
CALLS=${2:-200}
PARALLEL=${3:-1}
PORT=${PORT:-18193}
BASE="http://127.0.0.1:$PORT"
DATA=$(mktemp -d)
USER_SECRET=bench-user-secret-0123456789abcdef
ORG_SECRET=bench-organization-secret-0123456789abcdef
CLIENT_ID="bench-$(date +%s)-$$"
CLIENT_SECRET="bench-secret-$$"
CALLBACK=https://app.example.com/cb

java -Xmx1g -Dchangewire.data-dir="$DATA" -Dchangewire.sandbox.enabled=true \
  -Dchangewire.sandbox.admin-secret=bench-sandbox-admin-secret-0123456789 \
  -Dchangewire.sandbox.url="$BASE/sandbox/constantcontact" \
  -Dchangewire.bootstrap.user-secret=$USER_SECRET -Dchangewire.bootstrap.organization-secret=$ORG_SECRET \
  -Dchangewire.constantcontact.requests-per-second=100000 -Dchangewire.constantcontact.requests-per-day=100000000 -Dchangewire.constantcontact.token-requests-per-second=100000 \
  -Dchangewire.constantcontact.rate-tail-guard=PT0S \
  -jar target/payara-micro.jar --deploy target/changewire.war --contextroot / --port "$PORT" --nocluster \
  --rootdir "$DATA/payara" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT

for _ in $(seq 1 180); do
  curl -fs "$BASE/sandbox/constantcontact/stats" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "$BASE/sandbox/constantcontact/stats" > /dev/null || { echo "server did not start; see $DATA/server.log"; exit 1; }

curl -fs -X PUT -H 'Content-Type: application/json' -H 'Sandbox-Admin-Secret: bench-sandbox-admin-secret-0123456789' -d '{"requestsPerSecond":100000,"requestsPerDay":100000000}' \
  "$BASE/sandbox/constantcontact/admin/clients/$CLIENT_ID/limits" > /dev/null
LOCATION=$(curl -s -o /dev/null -w '%{redirect_url}' \
  "$BASE/sandbox/constantcontact/oauth2/default/v1/authorize?client_id=$CLIENT_ID&redirect_uri=$CALLBACK&response_type=code&scope=contact_data+campaign_data+offline_access&state=b&account=bench")
CODE=$(sed -E 's/.*[?&]code=([^&]+).*/\1/' <<< "$LOCATION")
TOKEN=$(curl -fs -H "Authorization: User $USER_SECRET, Organization $ORG_SECRET" -H 'Content-Type: application/json' \
  -d "{\"element\":{\"key\":\"constantcontact\"},\"providerData\":{\"code\":\"$CODE\"},\"name\":\"bench\",\"configuration\":{\"oauth.api.key\":\"$CLIENT_ID\",\"oauth.api.secret\":\"$CLIENT_SECRET\",\"oauth.callback.url\":\"$CALLBACK\"}}" \
  "$BASE/elements/api-v2/instances" | sed -E 's/.*"token":"([^"]+)".*/\1/')
AUTH="Authorization: User $USER_SECRET, Organization $ORG_SECRET, Element $TOKEN"
URL="$BASE/elements/api-v2/hubs/marketing/contacts?where=modified_since%3D%272020-01-01T00%3A00%3A00Z%27"

# warm-up
for _ in $(seq 1 50); do curl -fs -o /dev/null -H "$AUTH" "$URL"; done

RATES=()
for run in $(seq 1 "$RUNS"); do
  START=$(date +%s.%N)
  seq 1 "$CALLS" | xargs -P "$PARALLEL" -I{} curl -fs -o /dev/null -H "$AUTH" "$URL"
  END=$(date +%s.%N)
  RATE=$(echo "$CALLS / ($END - $START)" | bc -l)
  RATES+=("$RATE")
  printf 'run %d: %d calls, %d in parallel: %.1f calls/s\n' "$run" "$CALLS" "$PARALLEL" "$RATE"
done
MEDIAN=$(printf '%s\n' "${RATES[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
printf 'median: %.1f hub calls/s (%d in parallel)\n' "$MEDIAN" "$PARALLEL"
curl -fs "$BASE/sandbox/constantcontact/stats/$CLIENT_ID"; echo
