#!/usr/bin/env bash
# The cheapest contended decision, without k6's own cost: against the local run, a 10-seat schedule whose seat
# A-1-1 one user holds, and <users> more admitted users; writes $OUT/refusal.lua (default /tmp/ticketing-refusal)
# for wrk, in which every request is one of those users asking for A-1-1 (an answer of 409 seat-unavailable):
#   k6/wrk-refusal-setup.sh 64 && wrk -t2 -c32 -d30s -s /tmp/ticketing-refusal/refusal.lua http://127.0.0.1:8080
# wrk counts every 409 under "Non-2xx or 3xx responses". Needs curl, python3, openssl, wrk (Debian package).
set -euo pipefail
out=${OUT:-/tmp/ticketing-refusal}; mkdir -p "$out"
n=${1:-64}; J=$(cd "$(dirname "$0")/.." && pwd)/infra/local/jwt.sh; C=http://127.0.0.1:8080
admin=$($J k6-admin ADMIN 7200)
now=$(date -u +%s)
body=$(printf '{"title":"refusal %s","venue":"Hall","schedules":[{"startsAt":"%s","salesOpenAt":"%s"}],"sections":[{"name":"A","grade":"R","price":50000,"currency":"KRW","rows":1,"seatsPerRow":10}]}' \
  $now "$(date -u -d @$((now+2592000)) +%FT%TZ)" "$(date -u -d @$((now-3600)) +%FT%TZ)")
sched=$(curl -fsS -X POST $C/api/admin/concerts -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d "$body" | python3 -c 'import json,sys;print(json.load(sys.stdin)["scheduleIds"][0])')
for i in $(seq 1 100); do
  curl -fsS -o /dev/null -X PUT $C/api/admin/schedules/$sched/queue -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"admitPerSecond":100000,"maxActive":1000000,"paused":false}' && break; sleep 0.2
done
admit() { # <token> -> admission token
  local e; e=$(curl -fsS -X POST $C/api/queue/$sched/entries -H "Authorization: Bearer $1")
  local id; id=$(echo "$e" | python3 -c 'import json,sys;print(json.load(sys.stdin)["entryId"])')
  for i in $(seq 1 100); do
    a=$(curl -fsS $C/api/queue/$sched/entries/$id -H "Authorization: Bearer $1" | python3 -c 'import json,sys;d=json.load(sys.stdin);print(d.get("admissionToken") or "")')
    [ -n "$a" ] && { echo "$a"; return; }; sleep 0.2
  done
  echo "not admitted" >&2; return 1
}
holder=$($J refusal-holder USER 7200); ha=$(admit $holder)
curl -fsS -o /dev/null -w 'holder: %{http_code}\n' -X POST $C/api/schedules/$sched/holds -H "Authorization: Bearer $holder" -H "X-Admission-Token: $ha" -H 'Content-Type: application/json' -d '{"seatIds":["A-1-1"]}'
: > $out/users.txt
for u in $(seq 1 $n); do t=$($J refusal-$u USER 7200); echo "$t $(admit $t)" >> $out/users.txt; done
cat > $out/refusal.lua <<LUA
local users = {}
for line in io.lines("$out/users.txt") do
  local t, a = line:match("(%S+) (%S+)"); users[#users + 1] = { t, a }
end
local path = "/api/schedules/$sched/holds"
local body = '{"seatIds":["A-1-1"]}'
request = function()
  local u = users[math.random(#users)]
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. u[1], ["X-Admission-Token"] = u[2], ["Content-Type"] = "application/json" }, body)
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms p99 %.1f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA
echo "schedule $sched, $(wc -l < $out/users.txt) users"
