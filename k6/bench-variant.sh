#!/usr/bin/env bash
# One variant of a back-to-back comparison on this machine (docs/benchmarks.md): stops any local run, drops the
# local databases, the waiting room's tq* keys and Kafka's data, starts TREE's own infra/local/run-local.sh with the
# given environment, runs the phases and stops it. Results are appended as JSON lines to $OUT.
#   k6/bench-variant.sh TREE LABEL [NAME=VALUE ...]
#   PHASES="warm p300 sat refusal enter flood flood4k profile" (default "p300 sat refusal"), WARM=seconds of the warm phase (150)
# The load generator is this tree's k6/wrk-bench.py / k6/wrk-overload.py. Needs wrk, mysql, redis-cli.
TREE=$1; LABEL=$2; shift 2
K6=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/bench-results.jsonl}
for kv in "$@"; do export "$kv"; done
pkill -f run-local.sh; sleep 2; for i in $(seq 30); do pgrep -f 'command-side.*jar|query-side.*jar|kafka.Kafka' >/dev/null || break; sleep 1; done
mysql -uroot -e "drop database if exists ticketing_events; drop database if exists ticketing_read"
redis-cli --scan --pattern 'tq*' | xargs -r -n 500 redis-cli del >/dev/null
rm -rf $TREE/.local/kafka/data 2>/dev/null
cd $TREE && (setsid nohup infra/local/run-local.sh > /tmp/run-$LABEL.log 2>&1 &)
for i in $(seq 240); do grep -q "The engine is running" /tmp/run-$LABEL.log && break; sleep 1; done
grep -q "The engine is running" /tmp/run-$LABEL.log || { echo "did not start"; tail -20 /tmp/run-$LABEL.log; exit 1; }
B=$K6/wrk-bench.py
for ph in ${PHASES:-p300 sat refusal}; do
  case $ph in
    warm) python3 $B pair --rate 600 --warmup 0 --duration ${WARM:-150} --connections 24 --label $LABEL-warm >/dev/null 2>&1 ;;
    p300) mysql -uroot -N -e "show global status where variable_name in ('Questions','Com_insert','Com_select','Com_update','Com_delete','Com_commit','Com_set_option','Com_begin','Com_rollback')" > $OUT.st-a
          python3 $B pair --rate 600 --warmup 30 --duration 60 --connections 24 --label $LABEL-p300 2>/dev/null | tail -1 >> $OUT
          mysql -uroot -N -e "show global status where variable_name in ('Questions','Com_insert','Com_select','Com_update','Com_delete','Com_commit','Com_set_option','Com_begin','Com_rollback')" > $OUT.st-b
          python3 -c "
import json;a=dict(l.split() for l in open('$OUT.st-a'));b=dict(l.split() for l in open('$OUT.st-b'));r=json.loads(open('$OUT').read().splitlines()[-1]);n=r['ops']+r['ops_per_s']*30
print(json.dumps({'label':'$LABEL-p300-sql','per_pair':{k:round((int(b[k])-int(a[k]))/n,2) for k in a}}))" >> $OUT ;;
    sat) python3 $B pair --rate 0 --warmup 10 --duration 45 --connections 32 --label $LABEL-sat 2>/dev/null | tail -1 >> $OUT ;;
    refusal) python3 $B refusal --warmup 10 --duration 30 --connections 16 --label $LABEL-refusal 2>/dev/null | tail -1 >> $OUT ;;
    enter) python3 $B enter --rate 1000 --warmup 10 --duration 30 --connections 16 --label $LABEL-enter 2>/dev/null | tail -1 >> $OUT ;;
    profile) # async-profiler (ASPROF=path to asprof) on both apps over 20 s of a saturated pair load: $OUT.$LABEL.{command,query}.collapsed
          python3 $B pair --rate 0 --warmup 5 --duration 35 --connections 32 --label $LABEL-profiled 2>/dev/null | tail -1 >> $OUT &
          sleep 15
          ${ASPROF:-asprof} -d 20 -e itimer -i 2ms -t -o collapsed -f $OUT.$LABEL.command.collapsed $(pgrep -f 'command-side.*jar' | head -1) >/dev/null &
          ${ASPROF:-asprof} -d 20 -e itimer -i 2ms -t -o collapsed -f $OUT.$LABEL.query.collapsed $(pgrep -f 'query-side.*jar' | head -1) >/dev/null
          wait ;;
    flood4k) python3 $K6/wrk-overload.py --rate 4000 --no-thresholds 2>/dev/null | tail -1 | python3 -c "import json,sys; r=json.loads(sys.stdin.read()); r['label']='$LABEL-flood4k'; print(json.dumps(r))" >> $OUT ;;
    flood) python3 $K6/wrk-overload.py --no-thresholds 2>/dev/null | tail -1 | python3 -c "import json,sys; r=json.loads(sys.stdin.read()); r['label']='$LABEL-flood'; print(json.dumps(r))" >> $OUT ;;
  esac
done
pkill -f run-local.sh; for i in $(seq 40); do pgrep -f 'command-side.*jar|query-side.*jar|kafka.Kafka' >/dev/null || break; sleep 1; done
echo "done $LABEL"
