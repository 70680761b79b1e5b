#!/usr/bin/env python3
"""The issue-7 measurement protocol against a running local system (infra/local/run-local.sh):
  k6/protocol.py <label> <outdir> [phases]      phases: warm,hold,lag,queue,flash (default: all, in order)
Each phase runs one k6 scenario and records its summary (<outdir>/<phase>.json), its output, and the CPU
seconds that the command side, query side, MariaDB, Redis, the Kafka broker and k6 itself spent meanwhile
(<outdir>/<phase>.cpu.json, read from /proc), so results can be put as CPU per request next to the rates.
k6/protocol-table.py <outdir>... prints one line per phase. Needs K6 (default /work/tools/k6) and Linux.
The apps are found by their command lines (command-side / query-side exec jars, kafka.Kafka)."""
import json, os, resource, subprocess, sys, time
label, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
K6 = os.environ.get('K6', '/work/tools/k6'); MAIN = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TCK = os.sysconf('SC_CLK_TCK')
def pgrep(pattern):
    return int(subprocess.check_output(['pgrep', '-f', pattern]).split()[0])
def pidof(p):
    return int(subprocess.check_output(['pidof', '-s', p]).split()[0])
procs = {'command': pgrep('command-side-.*-exec.jar'), 'query': pgrep('query-side-.*-exec.jar'),
         'mariadb': pidof('mariadbd'), 'redis': pidof('redis-server'), 'kafka': pgrep('kafka.Kafka')}
def cpu(p):
    f = open(f'/proc/{p}/stat').read().rsplit(')', 1)[1].split()
    return (int(f[11]) + int(f[12])) / TCK
def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN); return r.ru_utime + r.ru_stime
def phase(name, env, script, wrap=None):
    summary = f'{out}/{name}.json'
    cmd = [K6, 'run', '--quiet', f'--summary-export={summary}'] + sum((['-e', f'{k}={v}'] for k, v in env.items()), []) + [f'k6/{script}']
    if wrap: cmd = wrap + cmd
    before = {k: cpu(p) for k, p in procs.items()}; kb = child_cpu(); t0 = time.time()
    with open(f'{out}/{name}.log', 'w') as log:
        rc = subprocess.call(cmd, cwd=MAIN, stdout=log, stderr=subprocess.STDOUT)
    wall = time.time() - t0
    res = {k: cpu(p) - before[k] for k, p in procs.items()}; res['k6+wrapper'] = child_cpu() - kb
    rec = {'label': label, 'phase': name, 'rc': rc, 'wall': wall, 'cpu': res, 'env': env}
    json.dump(rec, open(f'{out}/{name}.cpu.json', 'w'), indent=1)
    print(label, name, 'rc', rc, 'wall %.0f' % wall, {k: round(v, 1) for k, v in res.items()}, flush=True)
phases = sys.argv[3].split(',') if len(sys.argv) > 3 else ['warm', 'hold', 'lag', 'queue', 'flash']
for ph in phases:
    if ph == 'warm':
        # JIT warm-up: C2 keeps compiling for minutes on 2 cores; both paths at moderate load.
        w1 = subprocess.Popen([K6, 'run', '--quiet', '-e', 'RATE=150', '-e', 'DURATION=240s', '-e', 'VUS=100', 'k6/command-throughput.js'], cwd=MAIN, stdout=open(f'{out}/warm-hold.log', 'w'), stderr=subprocess.STDOUT)
        w2 = subprocess.Popen([K6, 'run', '--quiet', '-e', 'RATE=300', '-e', 'DURATION=240s', '-e', 'POLLS=1', 'k6/queue-surge.js'], cwd=MAIN, stdout=open(f'{out}/warm-queue.log', 'w'), stderr=subprocess.STDOUT)
        w1.wait(); w2.wait(); print(label, 'warm done', flush=True)
    elif ph == 'hold':
        phase('hold', {'RATE': 500, 'VUS': 100, 'DURATION': '60s', 'ROWS': 40, 'SEATS_PER_ROW': 100}, 'command-throughput.js')
    elif ph == 'hold300':
        phase('hold300', {'RATE': 300, 'VUS': 100, 'DURATION': '60s', 'ROWS': 40, 'SEATS_PER_ROW': 100}, 'command-throughput.js')
    elif ph == 'lag':
        phase('lag', {'RATE': 150, 'VUS': 100, 'DURATION': '40s'}, 'command-throughput.js', wrap=[f'{MAIN}/infra/local/apply-delay.py'])
    elif ph == 'lag300':
        phase('lag300', {'RATE': 300, 'VUS': 100, 'DURATION': '40s'}, 'command-throughput.js', wrap=[f'{MAIN}/infra/local/apply-delay.py'])
    elif ph == 'queue':
        phase('queue', {'RATE': 3000, 'DURATION': '30s', 'POLLS': 1, 'VUS': 300, 'MAX_VUS': 1500}, 'queue-surge.js')
    elif ph == 'flash':
        phase('flash', {'USERS': 2000, 'VUS': 300, 'MAX_ACTIVE': 5000, 'ADMIT_PER_SECOND': 2000}, 'flash-sale.js')
