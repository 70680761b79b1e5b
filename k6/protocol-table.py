#!/usr/bin/env python3
"""k6/protocol-table.py <outdir>... : the figures of k6/protocol.py runs, one line per phase."""
import json, os, re, sys
def load(d, ph):
    try:
        return json.load(open(f'{d}/{ph}.json'))['metrics'], json.load(open(f'{d}/{ph}.cpu.json'))
    except FileNotFoundError:
        return None, None
def p(m, k, q):
    return m.get(k, {}).get(q, float('nan'))
for d in sys.argv[1:]:
    name = os.path.basename(d.rstrip('/'))
    m, c = load(d, 'hold')
    if m:
        n = m['holds_accepted']['count']; cpu = c['cpu']
        print(f"{name:10s} HOLD {n/60:7.1f} holds/s p95 {p(m,'hold_latency','p(95)'):6.0f} p99 {p(m,'hold_latency','p(99)'):6.0f} ms | "
              "ms CPU/pair " + ' '.join(f"{k} {1000*v/n:.2f}" for k, v in cpu.items()))
    if os.path.exists(f'{d}/lag.log'):
        for line in open(f'{d}/lag.log'):
            if 'events applied' in line:
                print(f"{name:10s} LAG  {line.strip()}")
        m, c = load(d, 'lag')
        if m: print(f"{name:10s} LAG  load {m['holds_accepted']['count']/40:.1f} holds/s p99 {p(m,'hold_latency','p(99)'):.0f} ms")
    m, c = load(d, 'queue')
    if m:
        n = m['entries_accepted']['count']; reqs = m['http_reqs']['count']
        print(f"{name:10s} QUEUE {n/30:7.1f} entries/s ({reqs} reqs) enter p95 {p(m,'http_req_duration{name:enter}','p(95)'):.0f} p99 {p(m,'http_req_duration{name:enter}','p(99)'):.0f} ms "
              f"poll p99 {p(m,'http_req_duration{name:poll}','p(99)'):.0f} | ms CPU/req " + ' '.join(f"{k} {1000*v/reqs:.3f}" for k, v in c['cpu'].items()))
    m, c = load(d, 'flash')
    if m:
        dec = m['hold_decisions']['count']; audit = m.get('checks{audit:no-oversell}', {})
        sold = [l.strip() for l in open(f'{d}/flash.log') if 'flash sale:' in l]
        print(f"{name:10s} FLASH {dec} decisions {m['hold_decisions']['rate']:.0f}/s wall {c['wall']:.0f}s hold p99 {p(m,'http_req_duration{name:hold}','p(99)'):.0f} ms "
              f"map p95 {p(m,'http_req_duration{name:seat-map}','p(95)'):.0f} ms audit fails {audit.get('fails')} passes {audit.get('passes')} | {sold[-1][-160:] if sold else ''}")
