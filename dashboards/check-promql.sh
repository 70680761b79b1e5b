#!/usr/bin/env bash
# Proves that every dashboard panel's and every alert's PromQL has data: starts the real Prometheus (Debian's
# `prometheus` package; installed if missing) on a free port against the running apps (the local run by
# default), drives a short booking journey so that every series exists (a concert, the waiting room, a hold,
# a payment through the mock provider, a cancellation), waits for scrapes, then evaluates each expression
# through Prometheus's HTTP API. Exits non-zero and lists every expression that returns no data.
#   infra/local/run-local.sh   (in another terminal)
#   dashboards/check-promql.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
COMMAND_URL=${COMMAND_URL:-http://127.0.0.1:8080}
QUERY_URL=${QUERY_URL:-http://127.0.0.1:8081}
PORT=${PROM_PORT:-19090}

command -v prometheus >/dev/null || apt-get install -y prometheus >/dev/null
curl -fsS "$COMMAND_URL/actuator/health" >/dev/null || { echo "command side not reachable at $COMMAND_URL" >&2; exit 2; }
curl -fsS "$QUERY_URL/actuator/health" >/dev/null || { echo "query side not reachable at $QUERY_URL" >&2; exit 2; }

work=$(mktemp -d)
hostport() { echo "$1" | sed -E 's#^https?://##; s#/.*$##'; }
cat >"$work/prometheus.yml" <<YAML
global: { scrape_interval: 2s, evaluation_interval: 2s }
rule_files: ["$root/dashboards/prometheus/alerts.yml"]
scrape_configs:
  - { job_name: command-side, metrics_path: /actuator/prometheus, static_configs: [ { targets: ["$(hostport "$COMMAND_URL")"] } ] }
  - { job_name: query-side, metrics_path: /actuator/prometheus, static_configs: [ { targets: ["$(hostport "$QUERY_URL")"] } ] }
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$PORT" >"$work/prometheus.log" 2>&1 &
prom=$!
trap 'kill $prom 2>/dev/null; wait $prom 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1 && break; sleep 0.2; done

echo "driving a short booking journey so every series exists..."
python3 - "$COMMAND_URL" "$QUERY_URL" "$root" <<'PY'
import json, subprocess, sys, time, urllib.request, urllib.error
command, query, root = sys.argv[1:4]
def tok(sub, role="USER"):
    return subprocess.check_output([root + "/infra/local/jwt.sh", sub, role]).decode().strip()
def call(method, url, token=None, body=None, headers=None):
    h = {"Content-Type": "application/json"}
    if token: h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    req = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method=method, headers=h)
    try:
        with urllib.request.urlopen(req) as r:
            text = r.read().decode(); return r.status, (json.loads(text) if text.startswith(("{", "[")) else text)
    except urllib.error.HTTPError as e:
        text = e.read().decode(); return e.code, (json.loads(text) if text.startswith("{") else text)
admin = tok("promql-admin", "ADMIN")
now = time.time()
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
status, created = call("POST", command + "/api/admin/concerts", admin, {"title": "PromQL check", "venue": "Hall",
    "schedules": [{"startsAt": iso(now + 30 * 86400), "salesOpenAt": iso(now - 3600)}],
    "sections": [{"name": "A", "grade": "R", "price": 1000, "currency": "KRW", "rows": 1, "seatsPerRow": 4}]})
assert status == 201, created
schedule = created["scheduleIds"][0]
for _ in range(100):
    if call("PUT", f"{command}/api/admin/schedules/{schedule}/queue", admin, {"admitPerSecond": 100, "maxActive": 100, "paused": False})[0] == 200:
        break
    time.sleep(0.1)
def admitted(user):
    status, entry = call("POST", f"{command}/api/queue/{schedule}/entries", user)
    for _ in range(100):
        if entry.get("status") == "ADMITTED":
            return entry["admissionToken"]
        time.sleep(0.1)
        status, entry = call("GET", f"{command}/api/queue/{schedule}/entries/{entry['entryId']}", user)
    raise SystemExit("not admitted: %s" % entry)
alice, bob = tok("promql-alice"), tok("promql-bob")
call("POST", f"{command}/api/schedules/{schedule}/holds", alice, {"seatIds": ["A-1-1"]})          # gate refusal
a = admitted(alice)
status, held = call("POST", f"{command}/api/schedules/{schedule}/holds", alice, {"seatIds": ["A-1-1", "A-1-2"]}, {"X-Admission-Token": a})
assert status == 201, held
status, order = call("POST", f"{command}/api/reservations/{held['reservationId']}/payments", alice, None, {"X-Admission-Token": a})
assert status == 201, order
print("mock provider:", call("POST", f"{command}/mock-provider/payments/{order['paymentOrderId']}?outcome=PAID", alice)[0])
b = admitted(bob)
print("contended hold:", call("POST", f"{command}/api/schedules/{schedule}/holds", bob, {"seatIds": ["A-1-2"]}, {"X-Admission-Token": b})[0])
status, other = call("POST", f"{command}/api/schedules/{schedule}/holds", bob, {"seatIds": ["A-1-3"]}, {"X-Admission-Token": b})
print("hold and cancel:", status, call("DELETE", f"{command}/api/reservations/{other['reservationId']}", bob)[0])
call("GET", f"{query}/api/schedules/{schedule}/seats", alice)
# Someone left waiting in a paused room, for the queue-length series.
call("PUT", f"{command}/api/admin/schedules/{schedule}/queue", admin, {"admitPerSecond": 1, "maxActive": 1, "paused": True})
call("POST", f"{command}/api/queue/{schedule}/entries", tok("promql-carol"))
PY

echo "waiting for scrapes..."
sleep 20
python3 - "$PORT" "$root" <<'PY'
import json, re, sys, urllib.parse, urllib.request
port, root = sys.argv[1:3]
exprs = []
dash = json.load(open(root + "/dashboards/grafana/dashboards/ticketing-overview.json"))
for panel in dash["panels"]:
    for target in panel["targets"]:
        exprs.append(("panel: " + panel["title"], target["expr"]))
for line in open(root + "/dashboards/prometheus/alerts.yml"):
    m = re.match(r"\s*- alert: (\S+)", line)
    if m: alert = m.group(1)
    m = re.match(r"\s*data_expr: '(.*)'\s*$", line)
    if m: exprs.append(("alert: " + alert, m.group(1)))
empty = []
for where, expr in exprs:
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    result = json.load(urllib.request.urlopen(url))
    ok = result["status"] == "success" and len(result["data"]["result"]) > 0
    print(("ok    " if ok else "EMPTY ") + where + " :: " + expr)
    if not ok: empty.append(where)
rules = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/rules"))
bad = [r["name"] for g in rules["data"]["groups"] for r in g["rules"] if r.get("health") not in ("ok", "unknown")]
print(f"{len(exprs) - len(empty)} of {len(exprs)} expressions have data; alert rules loaded: "
      f"{sum(len(g['rules']) for g in rules['data']['groups'])}, unhealthy: {bad}")
if empty or bad:
    sys.exit(1)
PY
