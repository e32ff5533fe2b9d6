#!/usr/bin/python3
"""Switchover benchmark driver, run by scripts/bench-switchover.sh (read its header first).

Alternates, RUNS times each, a switchover through Continuity's REST API on a real lab pair (the
server running as its own process) and the bare manual sequence (../shared/bench/bare-switchover.sh,
one round per call, on its own pair), with writer.py inserting every ~10 ms into whichever node
takes writes, and prints the windows, a step-by-step breakdown of ours and the final line

  switchover-window-ms ours=<median> bare=<median> ratio=<ours/bare> whole-ms=<median>

Arguments: server-url password inventory-resource east-port west-port work-dir bench-dir runs.
Stdlib only, plus Debian's python3-psycopg2 for writer.py (a separate process).
"""
import base64
import json
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime

URL, PASSWORD, RESOURCE = sys.argv[1], sys.argv[2], sys.argv[3]
PORTS = {"east": int(sys.argv[4]), "west": int(sys.argv[5])}
WORK, BENCH, RUNS = sys.argv[6], sys.argv[7], int(sys.argv[8])
PY = "/usr/bin/python3"
WRITER = os.path.join(BENCH, "writer.py")
BARE = os.path.join(BENCH, "bare-switchover.sh")
STEADY = float(os.environ.get("STEADY", "3"))


def call(method, path, user, body=None, ok=(200, 201, 202)):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(URL + path, data=data, method=method)
    auth = base64.b64encode(("%s:%s" % (user, PASSWORD)).encode()).decode()
    req.add_header("Authorization", "Basic " + auth)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        text = e.read().decode(errors="replace")
        if e.code in ok:
            return e.code, json.loads(text or "null")
        raise SystemExit("%s %s -> %d: %s" % (method, path, e.code, text[:2000]))


def ts(text):
    """An ISO-8601 instant from the API as epoch seconds."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def failed_checks(plan):
    # the cool-down after the previous round is acknowledged at confirm (acknowledgeCooldown)
    return ["%s/%s" % (c.get("resourceId"), c.get("id")) for c in plan.get("prechecks", [])
            if not c.get("passed") and c.get("id") != "cooldown"]


def current_primary():
    _, res = call("GET", "/api/v1/resources/" + RESOURCE, "dave")
    return res["currentPrimarySite"]


def ours(round_no, target, events):
    """One switchover through the REST API; returns (whole seconds, step lines, execution id)."""
    source = "east" if target == "west" else "west"
    _, created = call("POST", "/api/v1/executions", "alice", {
        "type": "SWITCHOVER", "resourceId": RESOURCE, "targetSite": target,
        "reason": "bench-switchover round %d" % round_no, "changeTicket": "BENCH-%d" % round_no})
    ex = created["id"]
    for approver in ("bob", "carol"):
        call("POST", "/api/v1/executions/%s/approvals" % ex, approver, {"decision": "APPROVE"})
    deadline = time.time() + 120
    while True:  # the plan is confirmable once monitoring has fresh evidence after the last run
        _, plan = call("GET", "/api/v1/executions/%s/plan" % ex, "alice")
        if plan.get("confirmationToken") and not failed_checks(plan):
            break
        if time.time() > deadline:
            raise SystemExit("plan of %s never ready: %s" % (ex, json.dumps(plan)[:3000]))
        time.sleep(0.3)
    time.sleep(STEADY)  # steady writes before the switch
    t0 = time.time()
    call("POST", "/api/v1/executions/%s/confirm" % ex, "alice",
         {"confirmationToken": plan["confirmationToken"], "acknowledgeCooldown": True})
    while True:  # 5 ms polling: the whole-operation figure's resolution
        _, ex_view = call("GET", "/api/v1/executions/" + ex, "dave")
        state = ex_view.get("state")
        if state in ("SUCCEEDED", "FAILED", "CANCELLED"):
            break
        time.sleep(0.005)
    t1 = time.time()
    if state != "SUCCEEDED":
        raise SystemExit("run %s ended %s: %s" % (ex, state, json.dumps(ex_view)[:3000]))
    events.write("%d ours-%s %.6f %.6f %d %d %s\n"
                 % (round_no, target, t0, t1, PORTS[source], PORTS[target], ex))
    events.flush()
    _, evidence = call("GET", "/api/v1/executions/%s/evidence" % ex, "dave")
    steps = [(s["stepId"], ts(s["startedAt"]), ts(s["finishedAt"])) for s in evidence["steps"]
             if s.get("startedAt") and s.get("finishedAt")]
    return t0, t1, steps, ex


def acks(log):
    out = []
    with open(log) as f:
        for line in f:
            p = line.split()
            if len(p) == 5 and p[0] == "A":
                out.append((int(p[1]), float(p[3]), int(p[4])))
    return sorted(out, key=lambda a: a[1])


def window(log, t0, new_port):
    """(last ack before the switch, first ack on the new primary) after t0."""
    a = acks(log)
    k = next((i for i, x in enumerate(a) if x[1] >= t0 and x[2] == new_port), None)
    if not k:
        raise SystemExit("no write acknowledged on :%d after the switch" % new_port)
    return a[k - 1][1], a[k][1]


def verify(ports, log):
    r = subprocess.run([PY, WRITER, "verify", ports, log], capture_output=True, text=True)
    print("    verify: " + r.stdout.strip())
    if r.returncode != 0:
        raise SystemExit("acknowledged writes lost: " + r.stdout + r.stderr)


def bare(round_no):
    base = os.path.join(WORK, "bare")
    env = dict(os.environ, BASE=base, ROUNDS="1")
    r = subprocess.run(["bash", BARE], capture_output=True, text=True, env=env)
    out = r.stdout + r.stderr
    if r.returncode != 0:
        raise SystemExit("bare-switchover.sh failed:\n" + out[-4000:])
    m = re.search(r"^round 1 \S+\s+window=\s*([0-9.]+) ms.*$", out, re.M)
    lost = re.findall(r"verify: acked=\d+ present=\d+ missing=(\d+)", out)
    if not m or not lost or any(x != "0" for x in lost):
        raise SystemExit("bare-switchover.sh output not understood or writes lost:\n" + out[-4000:])
    detail = re.search(r"stop=\S+ catchup=\S+ promote\(true\)=\S+", out)
    print("  bare %d: window %.1f ms  (%s)  verify missing=0"
          % (round_no, float(m.group(1)), detail.group(0) if detail else ""))
    return float(m.group(1))


def main():
    ports = "%d,%d" % (PORTS["east"], PORTS["west"])
    log = os.path.join(WORK, "writer-ours.log")
    events = open(os.path.join(WORK, "events-ours.txt"), "w")
    open(log, "w").close()
    writer = subprocess.Popen([PY, WRITER, "run", ports, log])
    ours_w, bare_w, wholes, rows = [], [], [], []
    try:
        time.sleep(2)
        for r in range(1, RUNS + 1):
            primary = current_primary()
            target = "west" if primary == "east" else "east"
            t0, t1, steps, ex = ours(r, target, events)
            last, first = window(log, t0, PORTS[target])
            w = (first - last) * 1000
            ours_w.append(w)
            wholes.append((t1 - t0) * 1000)
            rows.append((r, target, t0, t1, last, first, steps))
            print("  ours %d: %s -> %s window %.1f ms  whole %.0f ms  (%s)"
                  % (r, "east" if target == "west" else "west", target, w, (t1 - t0) * 1000, ex))
            breakdown(t0, t1, last, first, steps)
            time.sleep(0.5)
            verify(ports, log)
            bare_w.append(bare(r))
    finally:
        writer.terminate()
        writer.wait()
        events.close()
    verify(ports, log)
    print("ours windows ms: " + " ".join("%.1f" % w for w in ours_w))
    print("bare windows ms: " + " ".join("%.1f" % w for w in bare_w))
    print("ours whole ms:   " + " ".join("%.0f" % w for w in wholes))
    print_medians(rows)
    o, b = statistics.median(ours_w), statistics.median(bare_w)
    print("switchover-window-ms ours=%.0f bare=%.0f ratio=%.2f whole-ms=%.0f"
          % (o, b, o / b, statistics.median(wholes)))


def parts(t0, t1, last, first, steps):
    """Named durations (ms) of one run of ours, from the step log and the writer's log."""
    by = {s[0]: s for s in steps}
    p = {}
    if steps:
        p["confirm -> first step started"] = (steps[0][1] - t0) * 1000
    for prev, cur in zip(steps, steps[1:]):
        p["step log between %s and %s" % (prev[0], cur[0])] = (cur[1] - prev[2]) * 1000
    for s in steps:
        p["step %s" % s[0]] = (s[2] - s[1]) * 1000
    if steps:
        p["last step finished -> SUCCEEDED seen"] = (t1 - steps[-1][2]) * 1000
    q, pr = by.get("quiesce-primary"), by.get("promote-target")
    if q:
        p["window: last ack -> quiesce started"] = (q[1] - last) * 1000
    if pr:
        p["window: promote finished -> first ack (client reconnect)"] = (first - pr[2]) * 1000
    return p


def breakdown(t0, t1, last, first, steps):
    for name, ms in parts(t0, t1, last, first, steps).items():
        print("      %-62s %8.1f ms" % (name, ms))


def print_medians(rows):
    table = {}
    for r, target, t0, t1, last, first, steps in rows:
        for name, ms in parts(t0, t1, last, first, steps).items():
            table.setdefault(name, []).append(ms)
    print("breakdown of ours, median of %d runs:" % len(rows))
    for name, values in table.items():
        print("  %-64s %8.1f ms" % (name, statistics.median(values)))


if __name__ == "__main__":
    main()
