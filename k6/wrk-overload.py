#!/usr/bin/env python3
"""The overload scenario of issue 15, with wrk: a flood of holds far past capacity, then a moderate load.

  k6/wrk-overload.py [--rate 2000] [--duration 30] [--connections 400] [--users 400]
                     [--moderate-rate 100] [--moderate-duration 30] [--timeout 2] [--no-thresholds]

1. Set-up: a concert of its own (10,000 seats), --users flood users and --moderate-users others admitted through the
   waiting room (tokens signed here, as in wrk-bench.py).
2. Flood: --rate holds/s offered for --duration s over --connections connections (wrk paces each connection; a
   connection whose answer is late sends its next request at once, so the offered rate holds while answers are
   fast), every request a new seat, users taken in turn (one user holds at most one seat: its later holds are 409
   hold-limit decisions). wrk gives up on an answer after --timeout s, as a client would.
3. The time to the first healthy answer after the flood: a new user's hold answered (201 or 409) within 1 s, and a
   concert creation answered 201 (its own latency is printed too).
4. Moderate load: --moderate-rate holds/s for --moderate-duration s of other users; every answer must be 201 or 409.
Meanwhile a thread asks health, a waiting-room entry's status and the queue admin settings every 250 ms and keeps
the slowest answer and any non-200.

Prints one JSON line: goodput (201 + 409 per second of the flood), shed (503 urn:ticketing:overloaded) count, p99 of
accepted (201/409) and of shed answers, other statuses, wrk's timeouts, the time to healthy, the moderate phase's
answers, and the probes' worst latency. Thresholds (exit 1 when one fails, unless --no-thresholds): accepted p99 <
200 ms, shed p99 < 10 ms (as wrk sees it, so it includes the wait for a request thread), healthy within 5 s of the
flood's end, no error in the moderate phase, probes always 200 within 1 s.

Env: COMMAND_URL (http://127.0.0.1:8080), TICKETING_JWT_SECRET (the local default when unset). Needs wrk, python3.
"""
import argparse, importlib.util, json, os, subprocess, sys, tempfile, threading, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

_spec = importlib.util.spec_from_file_location('wrk_bench', os.path.join(os.path.dirname(__file__), 'wrk-bench.py'))
wb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(wb)
COMMAND = wb.COMMAND

LUA = wb.LUA_PACING + r'''
local users, started, seq, user_i = {}, {}, 0, 0
local counts, acc, shed = {}, {}, {}
local function count(name) counts[name] = (counts[name] or 0) + 1 end
local function observe(h, ms) local b = math.floor(ms * 10); h[b] = (h[b] or 0) + 1 end
function init(args)
  interval = tonumber(args[1]) or 0
  local index = wrk.thread:get("index")
  local i = 0
  for line in io.lines(USERS) do
    i = i + 1
    if i % THREADS == index - 1 then local t, a = line:match("(%S+) (%S+)"); users[#users + 1] = { t, a } end
  end
  seq = index * 1000000
end
function request()
  seq = seq + 1
  user_i = user_i % #users + 1
  local u = users[user_i]
  local n = (seq % SEATS) + SEAT_BASE
  local seat = "A-" .. (math.floor(n / 100) + 1) .. "-" .. (n % 100 + 1)
  started[seq] = now_ms()
  return wrk.format("POST", PATH, { ["Authorization"] = "Bearer " .. u[1], ["X-Admission-Token"] = u[2],
    ["Content-Type"] = "application/json", ["X-Request-Id"] = "q" .. seq }, '{"seatIds":["' .. seat .. '"]}')
end
local function encode()
  local parts = {}
  for k, v in pairs(counts) do parts[#parts + 1] = "c:" .. k .. "=" .. v end
  for k, v in pairs(acc) do parts[#parts + 1] = "a:" .. k .. "=" .. v end
  for k, v in pairs(shed) do parts[#parts + 1] = "s:" .. k .. "=" .. v end
  return table.concat(parts, ";")
end
function response(status, headers, body)
  local n = tonumber((headers["X-Request-Id"] or headers["x-request-id"] or ""):sub(2))
  local ms = (n and started[n]) and (now_ms() - started[n]) or nil
  if n then started[n] = nil end
  count("status_" .. status)
  if ms then
    if status == 201 or status == 409 then observe(acc, ms)
    elseif status == 503 then observe(shed, ms) end
  end
  if status == 503 and body:find("urn:ticketing:overloaded", 1, true) then count("shed") end
  wrk.thread:set("result", encode())
end
function done(summary, latency, requests)
  local total, hists = {}, { a = {}, s = {} }
  for _, t in ipairs(threads) do
    local s = t:get("result") or ""
    for kind, k, v in s:gmatch("(%a):([^=;]+)=(%d+)") do
      if kind == "c" then total[k] = (total[k] or 0) + tonumber(v)
      else local h = hists[kind]; h[tonumber(k)] = (h[tonumber(k)] or 0) + tonumber(v) end
    end
  end
  local function pct(h, p)
    local keys, n = {}, 0
    for k, v in pairs(h) do keys[#keys + 1] = k; n = n + v end
    table.sort(keys)
    local want, seen = n * p, 0
    for _, k in ipairs(keys) do seen = seen + h[k]; if seen >= want then return k / 10 end end
    return 0
  end
  local out = {}
  for k, v in pairs(total) do out[#out + 1] = string.format('"%s":%d', k, v) end
  io.write(string.format('WRK-RESULT {"counts":{%s},"accepted_ms":{"p50":%.1f,"p99":%.1f,"max":%.1f},"shed_ms":{"p50":%.1f,"p99":%.1f,"max":%.1f},"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
    table.concat(out, ","), pct(hists.a, 0.5), pct(hists.a, 0.99), pct(hists.a, 1.0),
    pct(hists.s, 0.5), pct(hists.s, 0.99), pct(hists.s, 1.0),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
'''


def timed(method, path, token=None, body=None, admission=None, timeout=5.0):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(COMMAND + path, data=data, method=method)
    if token:
        req.add_header('Authorization', 'Bearer ' + token)
    if admission:
        req.add_header('X-Admission-Token', admission)
    if data is not None:
        req.add_header('Content-Type', 'application/json')
    t0 = time.time()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            res.read()
            return res.status, time.time() - t0
    except urllib.error.HTTPError as e:
        e.read()
        return e.code, time.time() - t0
    except Exception:
        return None, time.time() - t0


class Probes(threading.Thread):
    """Health, a waiting-room entry's status and the queue admin settings, every 250 ms."""

    def __init__(self, schedule, user, entry, admin):
        super().__init__(daemon=True)
        self.paths = [('/actuator/health', None), (f'/api/queue/{schedule}/entries/{entry}', user),
                      (f'/api/admin/schedules/{schedule}/queue', admin)]
        self.worst = {p: 0.0 for p, _ in self.paths}
        self.bad = {p: 0 for p, _ in self.paths}
        self.asked = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            for path, token in self.paths:
                status, took = timed('GET', path, token, timeout=5)
                self.asked += 1
                self.worst[path] = max(self.worst[path], took)
                if status != 200 or took > 1.0:
                    self.bad[path] += 1
            self.stop.wait(0.25)


def wrk(users_file, path, seats, seat_base, rate, connections, duration, timeout, threads=2):
    work = tempfile.mkdtemp(prefix='wrk-overload-')
    lua = os.path.join(work, 'overload.lua')
    with open(lua, 'w') as f:
        f.write(f'THREADS = {threads}\nUSERS = "{users_file}"\nPATH = "{path}"\nSEATS = {seats}\nSEAT_BASE = {seat_base}\n')
        f.write(LUA)
    per_thread_ms = 1000.0 * threads / rate  # each thread's requests take slots this far apart
    t0 = time.time()
    out = subprocess.run(['wrk', f'-t{threads}', f'-c{connections}', f'-d{duration}s', '--timeout', f'{timeout}s',
                          '-s', lua, COMMAND, '--', str(per_thread_ms)], capture_output=True, text=True)
    wall = time.time() - t0
    line = next((l for l in out.stdout.splitlines() if l.startswith('WRK-RESULT ')), None)
    if line is None:
        sys.exit('wrk printed no result:\n' + out.stdout + out.stderr)
    return json.loads(line[len('WRK-RESULT '):]), wall


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--rate', type=float, default=2000)
    ap.add_argument('--duration', type=int, default=30)
    ap.add_argument('--connections', type=int, default=400)
    ap.add_argument('--users', type=int, default=400)
    ap.add_argument('--moderate-rate', type=float, default=100)
    ap.add_argument('--moderate-duration', type=int, default=30)
    ap.add_argument('--moderate-users', type=int, default=200)
    ap.add_argument('--timeout', type=float, default=2)
    ap.add_argument('--label', default='')
    ap.add_argument('--out', default=None)
    ap.add_argument('--no-thresholds', action='store_true')
    a = ap.parse_args()

    admin = wb.jwt('overload-admin', 'ADMIN')
    schedule = wb.create_schedule(10000, admin)
    run = os.urandom(4).hex()
    work = tempfile.mkdtemp(prefix='wrk-overload-')
    files = {}
    for phase, n in (('flood', a.users), ('moderate', a.moderate_users), ('probe', 64)):
        tokens = [wb.jwt(f'ovl-{run}-{phase}-{i}') for i in range(n)]
        with ThreadPoolExecutor(16) as pool:
            admissions = list(pool.map(lambda t: wb.admit(schedule, t), tokens))
        files[phase] = (os.path.join(work, f'{phase}.txt'), list(zip(tokens, admissions)))
        with open(files[phase][0], 'w') as f:
            for t, adm in files[phase][1]:
                f.write(f'{t} {adm}\n')
    watcher = wb.jwt(f'ovl-{run}-watcher')
    _, entry = wb.call('POST', f'/api/queue/{schedule}/entries', watcher)
    probes = Probes(schedule, watcher, entry['entryId'], admin)
    probes.start()
    holds = f'/api/schedules/{schedule}/holds'

    flood, flood_wall = wrk(files['flood'][0], holds, 5000, 0, a.rate, a.connections, a.duration, a.timeout)
    ended = time.time()
    # The first healthy answer: a new user's hold decided within 1 s (seats 9000+ are used by nobody else).
    healthy_hold, probe_answers = None, []
    for i, (token, admission) in enumerate(files['probe'][1]):
        status, took = timed('POST', holds, token, {'seatIds': [wb.seat(9000 + i)]}, admission, timeout=30)
        probe_answers.append(status)
        if status in (201, 409) and took <= 1.0:
            healthy_hold = time.time() - ended
            break
        if time.time() - ended > 60:
            break
        time.sleep(0.1)
    created, creation_s = timed('POST', '/api/admin/concerts', admin, {
        'title': 'after the flood', 'venue': 'Hall',
        'schedules': [{'startsAt': '2027-06-01T19:00:00Z', 'salesOpenAt': '2026-01-01T10:00:00Z'}],
        'sections': [{'name': 'A', 'grade': 'R', 'price': 1000, 'currency': 'KRW', 'rows': 1, 'seatsPerRow': 10}]},
        timeout=60)
    moderate, moderate_wall = wrk(files['moderate'][0], holds, 3000, 5000, a.moderate_rate, 16,
                                  a.moderate_duration, a.timeout)
    probes.stop.set()
    probes.join()

    c = flood['counts']
    decided = c.get('status_201', 0) + c.get('status_409', 0)
    mc = moderate['counts']
    moderate_ok = mc.get('status_201', 0) + mc.get('status_409', 0)
    moderate_errors = sum(v for k, v in mc.items() if k.startswith('status_')) - moderate_ok \
        + moderate['errors']['timeout'] + moderate['errors']['connect']
    report = {
        'label': a.label, 'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(ended - flood_wall)),
        'offered_rate': a.rate, 'connections': a.connections, 'flood_s': round(flood_wall, 1),
        'goodput_per_s': round(decided / flood_wall, 1), 'decided': decided,
        'shed': c.get('shed', 0), 'statuses': {k[7:]: v for k, v in c.items() if k.startswith('status_')},
        'accepted_ms': flood['accepted_ms'], 'shed_ms': flood['shed_ms'], 'wrk_errors': flood['errors'],
        'healthy_after_s': None if healthy_hold is None else round(healthy_hold, 2),
        'probe_hold_answers': probe_answers,
        'concert_creation_after_flood': {'status': created, 's': round(creation_s, 2)},
        'moderate': {'rate': a.moderate_rate, 'decided_per_s': round(moderate_ok / moderate_wall, 1),
                     'errors': moderate_errors, 'statuses': {k[7:]: v for k, v in mc.items() if k.startswith('status_')},
                     'accepted_ms': moderate['accepted_ms'], 'wrk_errors': moderate['errors']},
        'probes': {'asked': probes.asked, 'worst_s': {p: round(v, 3) for p, v in probes.worst.items()},
                   'bad': probes.bad},
    }
    checks = {
        'accepted p99 < 200 ms': flood['accepted_ms']['p99'] < 200,
        'shed p99 < 10 ms': report['shed'] > 0 and flood['shed_ms']['p99'] < 10,
        'healthy within 5 s of the flood': healthy_hold is not None and healthy_hold <= 5,
        'concert created after the flood': created == 201,
        'moderate load without errors': moderate_errors == 0,
        'probes 200 within 1 s throughout': sum(probes.bad.values()) == 0,
    }
    report['thresholds'] = checks
    text = json.dumps(report)
    print(text)
    if a.out:
        with open(a.out, 'a') as f:
            f.write(text + '\n')
    if not a.no_thresholds and not all(checks.values()):
        sys.exit('thresholds failed: ' + ', '.join(k for k, v in checks.items() if not v))


if __name__ == '__main__':
    main()
