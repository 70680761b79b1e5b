#!/usr/bin/env python3
"""Append-to-read-model delay under a load: reads the query side's ticketing_projection_apply_delay_seconds
histogram, runs the given command (a k6 scenario, say), reads it again and prints, per projection, how many
events were applied meanwhile and the p50/p99/max bucket bounds of their delay (the true value is at most
the bound). The local run must be up.
  infra/local/apply-delay.py /work/tools/k6 run -e RATE=150 -e DURATION=30s k6/command-throughput.js"""
import re, subprocess, sys, urllib.request
URL = "http://127.0.0.1:8081/actuator/prometheus"
LINE = re.compile(r'^ticketing_projection_apply_delay_seconds_bucket\{([^}]*)\} (\S+)$')

def buckets():
    found = {}
    for line in urllib.request.urlopen(URL).read().decode().splitlines():
        m = LINE.match(line)
        if not m:
            continue
        labels = dict(kv.split('=', 1) for kv in re.findall(r'(\w+="[^"]*")', m.group(1)))
        projection, le = labels['projection'].strip('"'), labels['le'].strip('"')
        found.setdefault(projection, {})[float('inf') if le == '+Inf' else float(le)] = float(m.group(2))
    return found

def quantile(cumulative, q):
    total = cumulative[-1][1]
    for bound, count in cumulative:
        if count >= q * total:
            return bound
    return float('inf')

before = buckets()
status = subprocess.call(sys.argv[1:]) if len(sys.argv) > 1 else 0
after = buckets()
for projection in sorted(after):
    cumulative = sorted((b, after[projection][b] - before.get(projection, {}).get(b, 0)) for b in after[projection])
    total = cumulative[-1][1]
    if total == 0:
        print(f"{projection:14s} no events applied")
        continue
    top = min(b for b, c in cumulative if c >= total)
    print(f"{projection:14s} {int(total):7d} events applied; delay p50 <= {quantile(cumulative, 0.5):.3f} s, "
          f"p99 <= {quantile(cumulative, 0.99):.3f} s, max <= {top:.3f} s")
sys.exit(status)
