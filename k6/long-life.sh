#!/usr/bin/env bash
# Issue 19 point 4 in one run: the same operations (hold + release at 300/s and saturated, refusal, queue entry,
# seat map, two 20,000-seat concerts) on an empty store, then after 48 more concerts (1,000,000 seats in all) and a
# saturated sale of 120 s, then a flood; GC logs of both apps in /tmp/gc-{command,query}.log, phase marks (app
# uptimes) in the output so that the GC log can be cut per phase. Drops the local databases, tq* keys and Kafka's
# data first. Output: JSON lines in $OUT (default /tmp/longlife.jsonl). docs/benchmarks.md, "Session of 2026-12-04".
K6=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/longlife.jsonl}; : > $OUT
TREE=$(cd "$K6/.." && pwd); LABEL=ll
pkill -f run-local.sh; sleep 2; for i in $(seq 30); do pgrep -f 'command-side.*jar|query-side.*jar|kafka.Kafka' >/dev/null || break; sleep 1; done
mysql -uroot -e "drop database if exists ticketing_events; drop database if exists ticketing_read"
redis-cli --scan --pattern 'tq*' | xargs -r -n 500 redis-cli del >/dev/null
rm -rf $TREE/.local/kafka/data
export COMMAND_SIDE_JAVA_OPTS="-Xmx1g -XX:+ExitOnOutOfMemoryError -Xlog:gc*:file=/tmp/gc-command.log:uptime"
export QUERY_SIDE_JAVA_OPTS="-Xmx1g -XX:+ExitOnOutOfMemoryError -Xlog:gc*:file=/tmp/gc-query.log:uptime"
cd $TREE && (setsid nohup infra/local/run-local.sh > /tmp/run-$LABEL.log 2>&1 &)
for i in $(seq 300); do grep -q "The engine is running" /tmp/run-$LABEL.log && break; sleep 1; done
B=$K6/wrk-bench.py; G=$K6/growth-bench.py
CPID=$(pgrep -f 'command-side-.*-exec.jar'); QPID=$(pgrep -f 'query-side-.*-exec.jar')
up() { awk '{print $22}' /proc/$1/stat | python3 -c "import sys,os;st=int(sys.stdin.read());print(round(float(open('/proc/uptime').read().split()[0])-st/os.sysconf('SC_CLK_TCK'),1))"; }
mark() { echo "{\"mark\": \"$1\", \"command_uptime\": $(up $CPID), \"query_uptime\": $(up $QPID)}" >> $OUT; }
phases() {
  python3 $B pair --rate 600 --warmup ${W:-30} --duration 60 --connections 24 --label $1-p300 2>/dev/null | tail -1 >> $OUT
  python3 $B pair --rate 0 --warmup 10 --duration 45 --connections 32 --label $1-sat 2>/dev/null | tail -1 >> $OUT
  python3 $B refusal --warmup 10 --duration 30 --connections 16 --label $1-refusal 2>/dev/null | tail -1 >> $OUT
  python3 $B enter --rate 1000 --warmup 10 --duration 30 --connections 16 --label $1-enter 2>/dev/null | tail -1 >> $OUT
  python3 $B seatmap --warmup 10 --duration 30 --connections 16 --seats 1000 --label $1-seatmap 2>/dev/null | tail -1 >> $OUT
  python3 $G concerts --count 2 --seats 20000 2>&1 | tail -3 | sed "s/^/{\"label\": \"$1-create\", \"line\": /; s/$/}/" >> $OUT
}
python3 $B pair --rate 600 --duration ${WARM:-150} --connections 24 --label warm >/dev/null 2>&1
mark empty-start; W=30 phases empty; mark empty-end
python3 $G concerts --count 48 --seats 20000 > $OUT.grow.txt 2>&1; mark grown
python3 $B pair --rate 0 --duration 120 --connections 32 --label sale 2>/dev/null | tail -1 >> $OUT
mark full-start; W=30 phases full; mark full-end
python3 $K6/wrk-overload.py --no-thresholds 2>/dev/null | tail -1 | sed "s/^{/{\"label\": \"full-flood\", /" >> $OUT
mysql -uroot -N -e "select count(*) from ticketing_events.domain_event_entry" | sed 's/^/{"events": /; s/$/}/' >> $OUT
pkill -f run-local.sh; echo done
