#!/usr/bin/env bash
# Runs the whole engine locally in the foreground until Ctrl-C or SIGTERM:
#   - makes sure MariaDB/MySQL (127.0.0.1:3306) and Redis (127.0.0.1:6379) are up,
#   - builds the apps,
#   - starts a real single-node KRaft Kafka broker (127.0.0.1:9092) unless KAFKA_BOOTSTRAP_SERVERS is set,
#   - starts the command side (:8080) and the query side (:8081) with the `local` profile.
# Everything it started is stopped when it stops, and when any of them exits (it says which, with its exit code
# and the end of its log). The apps run with -XX:+ExitOnOutOfMemoryError: an app out of memory ends, and so does
# the local run, instead of going on half-alive (issue 20); the heap dump goes to .local/logs/.
# Logs: .local/logs/.
set -euo pipefail
# Job control: every child gets a process group of its own, so stopping it stops whatever it started too
# (the broker script's Maven or java), and a Ctrl-C reaches this script, which stops them in order.
set -m
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
logs="$root/.local/logs"
mkdir -p "$logs"

pids=()
declare -A names=() logfiles=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "stopping..."
  # Apps first (newest first), the broker last: the apps flush to it as they stop.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM -- "-${pids[i]}" 2>/dev/null || true; done
  for _ in $(seq 1 30); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 1
  done
  for pid in "${pids[@]}"; do
    if kill -0 -- "-$pid" 2>/dev/null; then
      echo "${names[$pid]:-process $pid} did not stop within 30 s: killing it" >&2
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "stopped"
}
# start NAME LOG COMMAND...: runs COMMAND in the background (its own process group) with its output in LOG.
start() {
  local name=$1 log=$2
  shift 2
  "$@" >"$log" 2>&1 &
  pids+=($!)
  names[$!]=$name
  logfiles[$!]=$log
}
# Says loudly which child ended, how, and what its log said last.
report_exit() {
  local pid=$1 status=$2 why=""
  case $status in
    3) why=" (java's exit code after an OutOfMemoryError with -XX:+ExitOnOutOfMemoryError; heap dump in $logs)" ;;
    137) why=" (SIGKILL: killed from outside, e.g. by the kernel's OOM killer)" ;;
    143) why=" (SIGTERM)" ;;
  esac
  {
    echo
    echo "=================================================================="
    echo "error: ${names[$pid]:-process $pid} (pid $pid) exited with status $status$why"
    echo "last lines of ${logfiles[$pid]:-its log}:"
    tail -n 30 "${logfiles[$pid]:-/dev/null}" 2>/dev/null | sed 's/^/  | /'
    echo "stopping everything else"
    echo "=================================================================="
  } >&2
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# True once the process has exited, after saying how (report_exit); false while it runs.
has_ended() {
  local pid=$1 status=0
  kill -0 "$pid" 2>/dev/null && return 1
  wait "$pid" || status=$?
  report_exit "$pid" "$status"
  return 0
}
wait_http() {
  local name=$1 url=$2 pid=$3
  for _ in $(seq 1 180); do
    if curl -fsS "$url" >/dev/null 2>&1; then echo "$name is up: ${url%/actuator*}"; return 0; fi
    if has_ended "$pid"; then return 1; fi
    sleep 1
  done
  echo "error: $name did not become ready; see $logs" >&2
  return 1
}

infra/local/ensure-services.sh

# package, not install: the apps run from their target/ jars, and nothing is written into ~/.m2.
echo "building (./mvnw package -DskipTests)..."
./mvnw -B -q package -DskipTests

if [ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]; then
  if port_open 9092; then
    echo "error: something already listens on 127.0.0.1:9092; set KAFKA_BOOTSTRAP_SERVERS to use it" >&2
    exit 1
  fi
  echo "starting a local Kafka broker (KRaft) on 127.0.0.1:9092"
  start "Kafka broker" "$logs/kafka.log" infra/local/kafka/kafka-broker.sh
  broker_pid=$!
  for _ in $(seq 1 120); do
    port_open 9092 && break
    if has_ended "$broker_pid"; then exit 1; fi
    sleep 1
  done
  port_open 9092 || { echo "error: Kafka did not start; see $logs/kafka.log" >&2; exit 1; }
  export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092
fi

export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-local}
# A fatal error ends the JVM (exit code 3) rather than leaving it half-alive; the heap dump is for the operator.
fatal_opts="-XX:+ExitOnOutOfMemoryError -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=$logs"
# shellcheck disable=SC2086 # the options are a word list
start "command side" "$logs/command-side.log" \
  java ${COMMAND_SIDE_JAVA_OPTS:--Xmx1g $fatal_opts} -jar command-side/target/command-side-*-exec.jar
command_pid=$!
# shellcheck disable=SC2086
start "query side" "$logs/query-side.log" \
  java ${QUERY_SIDE_JAVA_OPTS:--Xmx1g $fatal_opts} -jar query-side/target/query-side-*-exec.jar
query_pid=$!

wait_http "command side" "http://127.0.0.1:${COMMAND_PORT:-8080}/actuator/health/readiness" "$command_pid"
wait_http "query side" "http://127.0.0.1:${QUERY_PORT:-8081}/actuator/health/readiness" "$query_pid"
cat <<TXT

The engine is running (Kafka: $KAFKA_BOOTSTRAP_SERVERS). Logs in .local/logs/. Ctrl-C stops everything.
Try:  ADMIN=\$(infra/local/jwt.sh admin ADMIN); USER_TOKEN=\$(infra/local/jwt.sh alice)
      see README.md, "Try it".
TXT
# Runs until a child exits or we are told to stop (a trapped INT/TERM interrupts the wait).
status=0
wait -n -p exited "${pids[@]}" || status=$?
report_exit "$exited" "$status"
exit 1
