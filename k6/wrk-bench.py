#!/usr/bin/env python3
"""Server CPU per operation, measured with wrk (cheap load generator) against the local run.

  k6/wrk-bench.py pair    [--rate 300] [--duration 30] [--connections 32] [--users 256]
  k6/wrk-bench.py refusal [--duration 30] [--connections 32] [--users 64]
  k6/wrk-bench.py enter   [--rate 2000] [--duration 30] [--connections 32]
  k6/wrk-bench.py seatmap [--rate 0] [--duration 30] [--connections 16] [--seats 1000]

pair     every user holds one seat of its own and releases it again as soon as the hold is answered: one
         operation = one hold (201) + one release (202). Other hold answers (409, 403, 503) are counted apart.
refusal  every request asks for a seat that another user holds: one operation = one 409 seat-unavailable.
enter    every request is a new user entering the waiting room: one operation = one 201 entry.
seatmap  every request reads a --seats seat map from the query side (QUERY_URL): one operation = one 200.

--rate paces the requests (HTTP requests per second over all connections, so a pair is two; 0 = as fast as the
connections go); --warmup N first runs the same load for N s unmeasured (C2 compiles for minutes on 2 cores). The set-up
(a concert of its own, users admitted through the waiting room, tokens signed here) runs before the measured
window; CPU is read from /proc for the command side, the query side, MariaDB, Redis and the Kafka broker over
the wrk run only, so wrk's own CPU is never counted. Prints one JSON line (also written with --out FILE).

Env: COMMAND_URL (http://127.0.0.1:8080), QUERY_URL (http://127.0.0.1:8081), TICKETING_JWT_SECRET (the local default when unset), BENCH_PIDS
(command=PID,query=PID,kafka=PID: which processes to read when more than one local run is up).
Needs wrk (Debian package), python3, Linux /proc. Finds the apps by their command lines (exec jars, kafka.Kafka).
"""
import argparse, base64, hashlib, hmac, json, os, subprocess, sys, tempfile, time, urllib.error, urllib.request
from concurrent.futures import ThreadPoolExecutor

COMMAND = os.environ.get('COMMAND_URL', 'http://127.0.0.1:8080')
QUERY = os.environ.get('QUERY_URL', 'http://127.0.0.1:8081')
SECRET = os.environ.get('TICKETING_JWT_SECRET', 'local-development-jwt-secret-change-me-0123456789').encode()
TCK = os.sysconf('SC_CLK_TCK')


def b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b'=')


HEADER = b64(b'{"alg":"HS256","typ":"JWT"}')


def jwt(sub, role='USER', ttl=7200):
    now = int(time.time())
    payload = b64(json.dumps({'sub': sub, 'roles': [role], 'iat': now, 'exp': now + ttl}, separators=(',', ':')).encode())
    signing = HEADER + b'.' + payload
    return (signing + b'.' + b64(hmac.new(SECRET, signing, hashlib.sha256).digest())).decode()


def call(method, path, token=None, body=None, ok=(200, 201, 202)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(COMMAND + path, data=data, method=method)
    if token:
        req.add_header('Authorization', 'Bearer ' + token)
    if data is not None:
        req.add_header('Content-Type', 'application/json')
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            text = res.read()
            return res.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as e:
        if e.code in ok:
            return e.code, None
        raise RuntimeError(f'{method} {path}: {e.code} {e.read()[:300]!r}')


def create_schedule(seats, admin):
    rows = max(1, (seats + 99) // 100)
    now = time.time()
    iso = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t))
    _, created = call('POST', '/api/admin/concerts', admin, {
        'title': f'wrk-bench {iso(now)}', 'venue': 'Bench Hall',
        'schedules': [{'startsAt': iso(now + 30 * 86400), 'salesOpenAt': iso(now - 3600)}],
        'sections': [{'name': 'A', 'grade': 'R', 'price': 50000, 'currency': 'KRW', 'rows': rows, 'seatsPerRow': 100}]})
    schedule = created['scheduleIds'][0]
    deadline = time.time() + 30
    while True:  # the waiting room learns the schedule a moment after the 201
        try:
            call('PUT', f'/api/admin/schedules/{schedule}/queue', admin,
                 {'admitPerSecond': 100000, 'maxActive': 1000000, 'paused': False})
            return schedule
        except RuntimeError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


def admit(schedule, token):
    _, entry = call('POST', f'/api/queue/{schedule}/entries', token)
    deadline = time.time() + 60
    while time.time() < deadline:
        _, polled = call('GET', f"/api/queue/{schedule}/entries/{entry['entryId']}", token)
        if polled.get('admissionToken'):
            return polled['admissionToken']
        time.sleep(0.1)
    raise RuntimeError('not admitted within 60 s')


def seat(i):
    return f'A-{i // 100 + 1}-{i % 100 + 1}'


def pids():
    def pgrep(pattern):
        out = subprocess.run(['pgrep', '-f', pattern], capture_output=True, text=True).stdout.split()
        return [int(p) for p in out if int(p) != os.getpid()]
    found = {'command': pgrep('command-side-.*-exec.jar'), 'query': pgrep('query-side-.*-exec.jar'),
             'mariadb': pgrep('mariadbd'), 'redis': pgrep('redis-server'), 'kafka': pgrep('kafka.Kafka')}
    chosen = {k: v[0] for k, v in found.items() if v}
    # Several local runs on one machine (other ports, other databases): BENCH_PIDS names the processes to read,
    # e.g. BENCH_PIDS=command=123,query=456,kafka=789; the ones it does not name are still found by name.
    for item in filter(None, os.environ.get('BENCH_PIDS', '').split(',')):
        name, pid = item.split('=')
        chosen[name.strip()] = int(pid)
    return chosen


def cpu_seconds(pid):
    f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) / TCK


# The clock, the threads' set-up and paced sending: the start of every wrk script here (wrk-overload.py's too).
LUA_PACING = r'''
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_nsec; } timespec; int clock_gettime(int, timespec *); ]]
local ts = ffi.new("timespec")
local function now_ms() ffi.C.clock_gettime(1, ts); return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6 end
local threads = {}
local counter = 0
function setup(thread) counter = counter + 1; thread:set("index", counter); thread:set("count", THREADS); table.insert(threads, thread) end
local interval, next_slot = 0, nil
-- Paced sending: every request takes the next slot of this thread's schedule; under overload the slots
-- fall behind and requests go as fast as the connections allow.
function delay()
  if interval == 0 then return 0 end
  local t = now_ms()
  if next_slot == nil or next_slot < t - 1000 then next_slot = t end
  next_slot = next_slot + interval
  return math.max(0, next_slot - t)
end
'''

LUA_COMMON = LUA_PACING + r'''
local hist, counts, sent = {}, {}, {}
local function count(name) counts[name] = (counts[name] or 0) + 1 end
local function observe(ms) local b = math.floor(ms * 10); hist[b] = (hist[b] or 0) + 1 end
local function encode()
  local parts = {}
  for k, v in pairs(counts) do parts[#parts + 1] = "c:" .. k .. "=" .. v end
  for k, v in pairs(hist) do parts[#parts + 1] = "h:" .. k .. "=" .. v end
  return table.concat(parts, ";")
end
function done(summary, latency, requests)
  local total, buckets = {}, {}
  for _, t in ipairs(threads) do
    local s = t:get("result") or ""
    for kind, k, v in s:gmatch("(%a):([^=;]+)=(%d+)") do
      if kind == "c" then total[k] = (total[k] or 0) + tonumber(v) else buckets[tonumber(k)] = (buckets[tonumber(k)] or 0) + tonumber(v) end
    end
  end
  local keys, n = {}, 0
  for k, v in pairs(buckets) do keys[#keys + 1] = k; n = n + v end
  table.sort(keys)
  local function pct(p) local want, seen = n * p, 0; for _, k in ipairs(keys) do seen = seen + buckets[k]; if seen >= want then return k / 10 end end; return 0 end
  local out = {}
  for k, v in pairs(total) do out[#out + 1] = string.format('"%s":%d', k, v) end
  io.write(string.format('WRK-RESULT {"counts":{%s},"op_ms":{"p50":%.1f,"p99":%.1f,"max":%.1f},"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d}}\n',
    table.concat(out, ","), pct(0.5), pct(0.99), pct(1.0), summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status))
end
local function publish() wrk.thread:set("result", encode()) end
'''

# One user per slot of the users file; a thread takes every THREADS-th user. A user's state: free, holding
# (hold sent), releasing (release sent). The X-Request-Id the app echoes tells which user an answer is for.
LUA_PAIR = r'''
local users, free, releases, started = {}, {}, {}, {}
function init(args)
  interval = tonumber(args[1]) or 0
  local i = 0
  for line in io.lines(USERS) do
    i = i + 1
    if i % wrk.thread:get("count") == wrk.thread:get("index") - 1 then
      local t, a, s = line:match("(%S+) (%S+) (%S+)")
      users[i] = { token = t, admission = a, seat = s }
      free[#free + 1] = i
    end
  end
end
function request()
  local r = table.remove(releases, 1)
  if r then
    local u = users[r.user]
    started[r.user] = now_ms()
    return wrk.format("DELETE", "/api/reservations/" .. r.id, { ["Authorization"] = "Bearer " .. u.token, ["X-Request-Id"] = "r" .. r.user }, nil)
  end
  local i = table.remove(free, 1)
  if i then
    local u = users[i]
    started[i] = now_ms()
    return wrk.format("POST", PATH, { ["Authorization"] = "Bearer " .. u.token, ["X-Admission-Token"] = u.admission,
      ["Content-Type"] = "application/json", ["X-Request-Id"] = "h" .. i }, '{"seatIds":["' .. u.seat .. '"]}')
  end
  count("idle")
  return wrk.format("GET", "/actuator/health/liveness", { ["X-Request-Id"] = "i0" }, nil)
end
function response(status, headers, body)
  local id = headers["X-Request-Id"] or headers["x-request-id"] or ""
  local kind, user = id:sub(1, 1), tonumber(id:sub(2))
  if kind == "h" then
    observe(now_ms() - started[user])
    if status == 201 then
      count("hold_201"); releases[#releases + 1] = { user = user, id = body:match('"reservationId":"([^"]+)"') }
    else
      count("hold_" .. status); free[#free + 1] = user
    end
  elseif kind == "r" then
    count("release_" .. status)
    if status == 202 then count("pairs") end
    free[#free + 1] = user
  end
  publish()
end
'''

# Requests carry a sequence number in X-Request-Id so that each answer finds its own send time.
LUA_SEQ = r'''
local started, seq = {}, 0
local function stamp() seq = seq + 1; started[seq] = now_ms(); return "q" .. seq end
local function answered(headers)
  local n = tonumber((headers["X-Request-Id"] or headers["x-request-id"] or ""):sub(2))
  if n and started[n] then observe(now_ms() - started[n]); started[n] = nil end
end
-- Counts every answer by status, and as an operation when its status is the one that means done.
local function counted(status, headers, done_status)
  answered(headers)
  count("status_" .. status)
  if status == done_status then count("ops") end
  publish()
end
'''

LUA_REFUSAL = LUA_SEQ + r'''
local users = {}
function init(args)
  interval = tonumber(args[1]) or 0
  for line in io.lines(USERS) do local t, a = line:match("(%S+) (%S+)"); users[#users + 1] = { t, a } end
end
function request()
  local u = users[math.random(#users)]
  return wrk.format("POST", PATH, { ["Authorization"] = "Bearer " .. u[1], ["X-Admission-Token"] = u[2],
    ["Content-Type"] = "application/json", ["X-Request-Id"] = stamp() }, '{"seatIds":["A-1-1"]}')
end
function response(status, headers, body)
  counted(status, headers, 409)
end
'''

LUA_SEATMAP = LUA_SEQ + r'''
local token
function init(args)
  interval = tonumber(args[1]) or 0
  for line in io.lines(USERS) do token = line end
end
function request()
  return wrk.format("GET", PATH, { ["Authorization"] = "Bearer " .. token, ["X-Request-Id"] = stamp() }, nil)
end
function response(status, headers, body)
  answered(headers)
  count("status_" .. status)
  if status == 200 then count("ops") end
  publish()
end
'''

LUA_ENTER = LUA_SEQ + r'''
local tokens, next_user = {}, 0
function init(args)
  interval = tonumber(args[1]) or 0
  local i = 0
  for line in io.lines(USERS) do
    i = i + 1
    if i % wrk.thread:get("count") == wrk.thread:get("index") - 1 then tokens[#tokens + 1] = line end
  end
end
function request()
  next_user = next_user % #tokens + 1
  return wrk.format("POST", PATH, { ["Authorization"] = "Bearer " .. tokens[next_user], ["X-Request-Id"] = stamp() }, nil)
end
function response(status, headers, body)
  counted(status, headers, 201)
end
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('mode', choices=['pair', 'refusal', 'enter', 'seatmap'])
    ap.add_argument('--seats', type=int, default=1000, help='seatmap: seats of the schedule read')
    ap.add_argument('--rate', type=float, default=None, help='requests/s over all connections (0: unpaced)')
    ap.add_argument('--duration', type=int, default=30)
    ap.add_argument('--connections', type=int, default=32)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--users', type=int, default=None)
    ap.add_argument('--warmup', type=int, default=0, help='seconds of the same load first, not measured (JIT)')
    ap.add_argument('--label', default='')
    ap.add_argument('--out', default=None)
    a = ap.parse_args()
    rate = a.rate if a.rate is not None else {'pair': 300, 'refusal': 0, 'enter': 2000, 'seatmap': 0}[a.mode]
    procs = pids()
    if 'command' not in procs:
        sys.exit('no command side running (start infra/local/run-local.sh)')
    if a.warmup:
        bench(a, rate, procs, a.warmup)  # a schedule and users of its own; its figures are dropped
    report = bench(a, rate, procs, a.duration)
    text = json.dumps(report)
    print(text)
    if a.out:
        with open(a.out, 'a') as f:
            f.write(text + '\n')


def bench(a, rate, procs, duration):
    admin = jwt('wrk-admin', 'ADMIN')
    work = tempfile.mkdtemp(prefix='wrk-bench-')
    users_file = os.path.join(work, 'users.txt')
    run = os.urandom(4).hex()
    if a.mode == 'pair':
        n = a.users or max(256, 4 * a.connections)
        schedule = create_schedule(n, admin)
        tokens = [jwt(f'wrk-{run}-{i}') for i in range(n)]
        with ThreadPoolExecutor(16) as pool:
            admissions = list(pool.map(lambda t: admit(schedule, t), tokens))
        with open(users_file, 'w') as f:
            for i, (t, adm) in enumerate(zip(tokens, admissions)):
                f.write(f'{t} {adm} {seat(i)}\n')
        script, path, ops_key = LUA_PAIR, f'/api/schedules/{schedule}/holds', 'pairs'
    elif a.mode == 'refusal':
        n = a.users or 64
        schedule = create_schedule(10, admin)
        holder = jwt(f'wrk-{run}-holder')
        req = urllib.request.Request(COMMAND + f'/api/schedules/{schedule}/holds', method='POST',
                                     data=b'{"seatIds":["A-1-1"]}')
        req.add_header('Authorization', 'Bearer ' + holder)
        req.add_header('X-Admission-Token', admit(schedule, holder))
        req.add_header('Content-Type', 'application/json')
        urllib.request.urlopen(req, timeout=30).read()
        tokens = [jwt(f'wrk-{run}-{i}') for i in range(n)]
        with ThreadPoolExecutor(16) as pool:
            admissions = list(pool.map(lambda t: admit(schedule, t), tokens))
        with open(users_file, 'w') as f:
            for t, adm in zip(tokens, admissions):
                f.write(f'{t} {adm}\n')
        script, path, ops_key = LUA_REFUSAL, f'/api/schedules/{schedule}/holds', 'ops'
    elif a.mode == 'seatmap':
        schedule = create_schedule(a.seats, admin)
        reader = jwt(f'wrk-{run}-reader')
        deadline = time.time() + 60
        while True:  # until the query side has projected every seat
            try:
                req = urllib.request.Request(QUERY + f'/api/schedules/{schedule}/seats')
                req.add_header('Authorization', 'Bearer ' + reader)
                with urllib.request.urlopen(req, timeout=30) as res:
                    if len(json.loads(res.read())['seats']) >= a.seats:
                        break
            except urllib.error.HTTPError:
                pass
            if time.time() > deadline:
                raise RuntimeError('the seat map was not served within 60 s')
            time.sleep(0.2)
        with open(users_file, 'w') as f:
            f.write(reader + '\n')
        script, path, ops_key = LUA_SEATMAP, f'/api/schedules/{schedule}/seats', 'ops'
    else:
        n = a.users or int(max(rate, 5000) * duration * 1.2)
        schedule = create_schedule(1, admin)
        with open(users_file, 'w') as f:
            for i in range(n):
                f.write(jwt(f'wrk-{run}-{i}') + '\n')
        script, path, ops_key = LUA_ENTER, f'/api/queue/{schedule}/entries', 'ops'
    threads = a.threads
    per_connection_ms = 0 if rate == 0 else 1000.0 * threads / rate  # each thread's slots, spaced
    lua = os.path.join(work, 'bench.lua')
    with open(lua, 'w') as f:
        f.write(f'THREADS = {threads}\nUSERS = "{users_file}"\nPATH = "{path}"\n')
        f.write(LUA_COMMON + script)
    before = {k: cpu_seconds(p) for k, p in procs.items()}
    t0 = time.time()
    out = subprocess.run(['wrk', f'-t{threads}', f'-c{a.connections}', f'-d{duration}s', '--timeout', '10s',
                          '-s', lua, QUERY if a.mode == 'seatmap' else COMMAND, '--', str(per_connection_ms)], capture_output=True, text=True)
    wall = time.time() - t0
    cpu = {k: cpu_seconds(p) - before[k] for k, p in procs.items()}
    line = next((l for l in out.stdout.splitlines() if l.startswith('WRK-RESULT ')), None)
    if line is None:
        sys.exit('wrk printed no result:\n' + out.stdout + out.stderr)
    result = json.loads(line[len('WRK-RESULT '):])
    ops = result['counts'].get(ops_key, 0)
    server = sum(cpu.values())
    return {'label': a.label, 'mode': a.mode, 'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t0)),
              'offered_rate': rate, 'connections': a.connections, 'duration_s': round(wall, 1),
              'ops': ops, 'ops_per_s': round(ops / wall, 1), 'latency_ms': result['op_ms'],
              'counts': result['counts'], 'errors': result['errors'],
              'server_cpu_s': {k: round(v, 2) for k, v in cpu.items()},
              'server_cpu_ms_per_op': round(1000 * server / ops, 3) if ops else None,
              'cpu_ms_per_op_by_process': {k: round(1000 * v / ops, 3) for k, v in cpu.items()} if ops else None}
    return report


if __name__ == '__main__':
    main()
