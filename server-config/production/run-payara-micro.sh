#!/usr/bin/env bash
# Starts one Changewire node on Payara Micro against PostgreSQL.
#
#   run-payara-micro.sh                     a single node
#   CLUSTER_MEMBERS=10.0.0.1:6900,10.0.0.2:6900 BIND=10.0.0.1 run-payara-micro.sh
#                                           one node of several on the same database
#
# Expects payara-micro.jar and changewire.war in $CHANGEWIRE_HOME (default /opt/changewire) and the
# settings of changewire.env.example in the environment. Nodes agree through the database; the
# Hazelcast cluster is optional and only shares caches, so --nocluster is the default.
set -euo pipefail
HOME_DIR="${CHANGEWIRE_HOME:-/opt/changewire}"
CONFIG_DIR="$(cd "$(dirname "$0")/.." && pwd)"
: "${CHANGEWIRE_DB_URL:?set CHANGEWIRE_DB_URL (see changewire.env.example)}"
: "${CHANGEWIRE_SECRETS_KEY:?set CHANGEWIRE_SECRETS_KEY (openssl rand -base64 32)}"

cluster=(--nocluster)
if [ -n "${CLUSTER_MEMBERS:-}" ]; then
  cluster=(--clustermode "tcpip:${CLUSTER_MEMBERS}" --interfaces "${BIND:?set BIND to this node's address}")
fi

exec java ${JAVA_OPTS:--Xmx1g -XX:+ExitOnOutOfMemoryError} \
  -jar "$HOME_DIR/payara-micro.jar" \
  --deploy "$HOME_DIR/changewire.war" --contextroot / \
  --port "${HTTP_PORT:-8080}" \
  --rootdir "${PAYARA_ROOT:-$HOME_DIR/runtime}" \
  "${cluster[@]}" \
  --prebootcommandfile "$CONFIG_DIR/pre-boot-commands.asadmin" \
  --postbootcommandfile "$CONFIG_DIR/post-boot-commands.asadmin" \
  --logproperties "$CONFIG_DIR/production/logging.properties"
