#!/usr/bin/env python3
"""Concert creation as the store grows, against the local run (issue 19).

  k6/growth-bench.py concerts [--count 10] [--seats 20000] [--schedules 1]
  k6/growth-bench.py gc LOGFILE [LOGFILE...]

concerts  creates --count concerts one after another, each with --seats seats per schedule and --schedules schedules
          (so --seats 50000 --schedules 2 is a 100,000-seat stadium in one request). For each it prints the time of
          the POST until the concert exists (a 201, or a 202 job followed to its end through its status resource),
          the time until the query side serves every schedule's full seat map, and the command side's CPU seconds
          over that concert (from /proc, so the harness's own CPU is never counted). The last line compares the
          last concert with the first.
gc        summarises unified GC logs (-Xlog:gc*:file=...): pauses (count, p50, p99, max), the share of the
          logged wall time spent in pauses, and the CPU the collector used (User+Sys of its gc,cpu lines) against
          the wall time of those pauses: on a shared machine a pause is mostly a wait for a core.

Env: COMMAND_URL (http://127.0.0.1:8080), QUERY_URL (http://127.0.0.1:8081), TICKETING_JWT_SECRET (the local default
when unset). The command side's process is the one listening on COMMAND_URL's port (ss -ltnp), so other runs on the
machine are never measured by mistake.
"""
import argparse, base64, hashlib, hmac, json, os, re, subprocess, sys, time, urllib.error, urllib.parse, urllib.request

import importlib.util

# Tokens and addresses as wrk-bench.py makes them (one copy of the signing code).
_spec = importlib.util.spec_from_file_location('wrk_bench', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'wrk-bench.py'))
_wb = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_wb)
COMMAND, QUERY, SECRET, TCK, b64, jwt = _wb.COMMAND, _wb.QUERY, _wb.SECRET, _wb.TCK, _wb.b64, _wb.jwt


def call(base, method, path, token, body=None, timeout=300):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header('Authorization', 'Bearer ' + token)
    if data is not None:
        req.add_header('Content-Type', 'application/json')
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            text = res.read()
            return res.status, (json.loads(text) if text else None), res.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read()[:500], e.headers


def pid_on_port(url):
    port = urllib.parse.urlparse(url).port
    out = subprocess.run(['ss', '-Hltnp', f'sport = :{port}'], capture_output=True, text=True).stdout
    found = re.search(r'pid=(\d+)', out)
    return int(found.group(1)) if found else None


def cpu_seconds(pid):
    if pid is None:
        return float('nan')
    f = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) / TCK


def create(admin, seats, schedules, n):
    rows = max(1, (seats + 99) // 100)
    now = time.time()
    iso = lambda t: time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(t))
    body = {'title': f'growth-bench {n} {iso(now)}', 'venue': 'Bench Stadium',
            'schedules': [{'startsAt': iso(now + (30 + i) * 86400), 'salesOpenAt': iso(now - 3600)}
                          for i in range(schedules)],
            'sections': [{'name': 'A', 'grade': 'R', 'price': 50000, 'currency': 'KRW', 'rows': rows,
                          'seatsPerRow': 100}]}
    status, answer, headers = call(COMMAND, 'POST', '/api/admin/concerts', admin, body)
    if status == 201:
        return answer['scheduleIds'], rows * 100
    if status != 202:
        raise RuntimeError(f'POST /api/admin/concerts: {status} {answer!r}')
    location = headers['Location']
    path = urllib.parse.urlparse(location).path if location.startswith('http') else location
    last = None
    while True:  # an accepted job: followed through its status resource until it ends
        status, job, _ = call(COMMAND, 'GET', path, admin)
        if status != 200:
            raise RuntimeError(f'GET {path}: {status} {job!r}')
        if job['status'] == 'COMPLETED':
            return job['scheduleIds'], rows * 100
        if job['status'] == 'FAILED':
            raise RuntimeError(f'job failed: {job!r}')
        if job.get('seatsCreated') != last:
            last = job.get('seatsCreated')
            print(f'    job {job["status"]}: {last}/{job.get("seatsTotal")} seats', file=sys.stderr)
        time.sleep(0.1)


def wait_seat_maps(user, schedule_ids, seats, deadline_s=600):
    deadline = time.time() + deadline_s
    pending = list(schedule_ids)
    while pending:
        status, seat_map, _ = call(QUERY, 'GET', f'/api/schedules/{pending[0]}/seats', user)
        if status == 200 and sum(seat_map['counts'].values()) == seats:
            pending.pop(0)
            continue
        if time.time() > deadline:
            raise RuntimeError(f'seat map of {pending[0]} not complete within {deadline_s} s')
        time.sleep(0.05)


def concerts(args):
    admin, user = jwt('growth-admin', 'ADMIN'), jwt('growth-reader')
    pid = pid_on_port(COMMAND)
    results = []
    for n in range(1, args.count + 1):
        cpu0, t0 = cpu_seconds(pid), time.monotonic()
        schedule_ids, seats = create(admin, args.seats, args.schedules, n)
        created = time.monotonic() - t0
        cpu_created = cpu_seconds(pid) - cpu0
        wait_seat_maps(user, schedule_ids, seats)
        served = time.monotonic() - t0
        row = {'concert': n, 'seats': seats * len(schedule_ids), 'created_s': round(created, 2),
               'seat_map_served_s': round(served, 2), 'seat_map_after_creation_s': round(served - created, 2),
               'command_cpu_s': round(cpu_created, 2)}
        results.append(row)
        print(json.dumps(row), flush=True)
    first, last = results[0], results[-1]
    print(json.dumps({'last_vs_first_created': round(last['created_s'] / first['created_s'], 3),
                      'last_vs_first_served': round(last['seat_map_served_s'] / first['seat_map_served_s'], 3),
                      'last_vs_first_cpu': round(last['command_cpu_s'] / max(first['command_cpu_s'], 1e-9), 3)}))


UPTIME = re.compile(r'\[(\d+(?:\.\d+)?)s\]')
CPU = re.compile(r'\]\[gc,cpu\s*\] GC\(\d+\) User=(\d+\.\d+)s Sys=(\d+\.\d+)s Real=(\d+\.\d+)s')
PAUSE = re.compile(r'\]\[gc\s*\] GC\(\d+\) Pause .*?(\d+(?:\.\d+)?)ms$')


def gc(args):
    for name in args.logs:
        pauses, first, last, gc_cpu, gc_real = [], None, None, 0.0, 0.0
        for line in open(name):
            cpu = CPU.search(line)
            if cpu:
                gc_cpu += float(cpu.group(1)) + float(cpu.group(2))
                gc_real += float(cpu.group(3))
            up = UPTIME.search(line)
            if up:
                t = float(up.group(1))
                first = t if first is None else first
                last = t
            m = PAUSE.search(line.strip())
            if m:
                pauses.append(float(m.group(1)))
        pauses.sort()
        pct = lambda p: pauses[min(len(pauses) - 1, int(p * len(pauses)))] if pauses else 0
        wall = (last - first) if first is not None else 0
        total = sum(pauses) / 1000
        print(json.dumps({'log': name, 'pauses': len(pauses), 'p50_ms': pct(0.5), 'p99_ms': pct(0.99),
                          'max_ms': pauses[-1] if pauses else 0, 'pause_total_s': round(total, 3),
                          'logged_wall_s': round(wall, 1),
                          'gc_share': round(total / wall, 4) if wall else None,
                          # CPU the collector itself used (its User+Sys) against the wall time of its pauses: on a
                          # machine with more runnable threads than cores, a pause mostly waits for a core
                          'gc_cpu_s': round(gc_cpu, 2), 'gc_real_s': round(gc_real, 2)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='mode', required=True)
    c = sub.add_parser('concerts')
    c.add_argument('--count', type=int, default=10)
    c.add_argument('--seats', type=int, default=20000, help='seats per schedule (a multiple of 100)')
    c.add_argument('--schedules', type=int, default=1)
    g = sub.add_parser('gc')
    g.add_argument('logs', nargs='+')
    args = parser.parse_args()
    {'concerts': concerts, 'gc': gc}[args.mode](args)


if __name__ == '__main__':
    main()
