#!/usr/bin/env bash
# Runs a real single-node KRaft Kafka broker on 127.0.0.1:9092 in the foreground, from the Kafka jars on
# Maven Central. Its data lives in .local/kafka of the repository (delete it to start empty).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
state="$root/.local/kafka"
mkdir -p "$state"

if [ ! -s "$state/classpath.txt" ]; then
  echo "resolving the Kafka broker's jars (once)"
  "$root/mvnw" -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$state/classpath.txt"
fi
cp="$(cat "$state/classpath.txt")"

props="$state/server.properties"
cp "$here/server.properties" "$props"
echo "log.dirs=$state/data" >> "$props"

log4j="-Dlog4j.configuration=file:$here/log4j.properties"
if [ ! -f "$state/data/meta.properties" ]; then
  cluster_id=$(java $log4j -cp "$cp" kafka.tools.StorageTool random-uuid)
  java $log4j -cp "$cp" kafka.tools.StorageTool format -t "$cluster_id" -c "$props" >/dev/null
fi
exec java -Xmx512m $log4j -cp "$cp" kafka.Kafka "$props"
