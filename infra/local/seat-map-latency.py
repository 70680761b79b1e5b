#!/usr/bin/env python3
"""Measures how soon a new concert's seat map is served in full by the query side (the local run must be up).
Creates five 200-seat concerts one after another and prints, for each, the time of the 201 and the time
from the 201 until GET /api/schedules/{id}/seats lists all 200 seats. Run from the repository root."""
import json, subprocess, time, urllib.request
adm = subprocess.check_output(["infra/local/jwt.sh","admin","ADMIN"]).decode().strip()
usr = subprocess.check_output(["infra/local/jwt.sh","alice"]).decode().strip()
def req(url, tok, data=None, method=None):
    r = urllib.request.Request(url, data=data, method=method, headers={"Authorization":"Bearer "+tok, "Content-Type":"application/json"})
    try: return json.load(urllib.request.urlopen(r))
    except urllib.error.HTTPError as e: return None
for run in range(5):
    body=json.dumps({"title":"Probe","venue":"Hall","schedules":[{"startsAt":"2026-12-24T19:00:00Z","salesOpenAt":"2026-12-01T10:00:00Z"}],"sections":[{"name":"A","grade":"VIP","price":1000,"currency":"KRW","rows":10,"seatsPerRow":20}]}).encode()
    t0=time.time(); r=req("http://localhost:8080/api/admin/concerts", adm, body, "POST"); t1=time.time()
    s=r["scheduleIds"][0]
    while True:
        m=req("http://localhost:8081/api/schedules/%s/seats"%s, usr)
        if m and len(m["seats"])==200: break
    t2=time.time()
    print("run %d: 201 in %d ms; full 200-seat map served %d ms after the 201" % (run, (t1-t0)*1000, (t2-t1)*1000))
