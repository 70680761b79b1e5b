#!/usr/bin/env bash
# Runs the whole engine locally in the foreground until Ctrl-C or SIGTERM:
#   - makes sure MariaDB/MySQL (127.0.0.1:3306) and Redis (127.0.0.1:6379) are up,
#   - builds the apps,
#   - starts a real single-node KRaft Kafka broker (127.0.0.1:9092) unless KAFKA_BOOTSTRAP_SERVERS is set,
#   - starts the command side (:8080) and the query side (:8081) with the `local` profile.
# Everything it started is stopped when it stops. Logs: .local/logs/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
logs="$root/.local/logs"
mkdir -p "$logs"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_http() {
  local name=$1 url=$2 pid=$3
  for _ in $(seq 1 180); do
    if curl -fsS "$url" >/dev/null 2>&1; then echo "$name is up: ${url%/actuator*}"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "error: $name exited; see $logs" >&2; return 1; fi
    sleep 1
  done
  echo "error: $name did not become ready; see $logs" >&2
  return 1
}

infra/local/ensure-services.sh

echo "building (./mvnw install -DskipTests)..."
./mvnw -B -q install -DskipTests

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  if port_open 9092; then
    echo "error: something already listens on 127.0.0.1:9092; set KAFKA_BOOTSTRAP_SERVERS to use it" >&2
    exit 1
  fi
  echo "starting a local Kafka broker (KRaft) on 127.0.0.1:9092"
  infra/local/kafka/kafka-broker.sh >"$logs/kafka.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do port_open 9092 && break; sleep 1; done
  port_open 9092 || { echo "error: Kafka did not start; see $logs/kafka.log" >&2; exit 1; }
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
fi

export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-local}
java ${COMMAND_SIDE_JAVA_OPTS:--Xmx1g} -jar command-side/target/command-side-*-exec.jar >"$logs/command-side.log" 2>&1 &
pids+=($!)
command_pid=$!
java ${QUERY_SIDE_JAVA_OPTS:--Xmx1g} -jar query-side/target/query-side-*-exec.jar >"$logs/query-side.log" 2>&1 &
pids+=($!)
query_pid=$!

wait_http "command side" "http://127.0.0.1:${COMMAND_PORT:-8080}/actuator/health/readiness" "$command_pid"
wait_http "query side" "http://127.0.0.1:${QUERY_PORT:-8081}/actuator/health/readiness" "$query_pid"
cat <<TXT

The engine is running (Kafka: $KAFKA_BOOTSTRAP_SERVERS). Logs in .local/logs/. Ctrl-C stops everything.
Try:  ADMIN=\$(infra/local/jwt.sh admin ADMIN); USER_TOKEN=\$(infra/local/jwt.sh alice)
      see README.md, "Try it".
TXT
# Runs until a child dies or we are told to stop.
wait -n "${pids[@]}"
echo "a process exited; see $logs" >&2
exit 1
