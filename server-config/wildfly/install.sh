#!/usr/bin/env bash
# Prepares an unzipped WildFly 39.0.1.Final for Changewire and deploys the WAR at "/" (as ROOT.war):
#
#   server-config/wildfly/install.sh <wildfly directory> [<war>, default target/changewire.war]
#
# then start it (README.md, "Running on WildFly"):
#
#   <wildfly directory>/bin/standalone.sh -c standalone-full.xml -b 127.0.0.1 -P server-config/wildfly/demo.properties
set -euo pipefail
home="${1:?usage: $0 <wildfly directory> [<war>]}"
war="${2:-target/changewire.war}"
here="$(cd "$(dirname "$0")" && pwd)"
[ -x "$home/bin/jboss-cli.sh" ] || { echo "$home is not a WildFly directory (no bin/jboss-cli.sh)" >&2; exit 2; }
[ -f "$war" ] || { echo "no WAR at $war: build it with mvn package" >&2; exit 2; }
if grep -q 'microprofile-health-smallrye' "$home/standalone/configuration/standalone-full.xml"; then
  echo "standalone-full.xml is prepared already; deploying the WAR only"
else
  "$home/bin/jboss-cli.sh" --file="$here/configure.cli"
fi
cp "$war" "$home/standalone/deployments/ROOT.war"
echo "Deployed $war as ROOT.war; start: $home/bin/standalone.sh -c standalone-full.xml -b 127.0.0.1 -P $here/demo.properties"
