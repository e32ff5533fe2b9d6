#!/usr/bin/python3
"""Detection benchmark driver, run by scripts/bench-detection.sh (read its header first).

Arguments: server-url password resource east-port west-port actions-dir interval rounds target.
Breaks replication on the lab pair in four ways, ROUNDS times each, and times how long the status
API takes to show RED (and to leave GREEN), repairing and waiting for GREEN between rounds.
Stdlib plus Debian's python3-psycopg2.
"""
import base64
import json
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import psycopg2

URL, PASSWORD, RESOURCE = sys.argv[1], sys.argv[2], sys.argv[3]
PORTS = {"east": int(sys.argv[4]), "west": int(sys.argv[5])}
ACTIONS, INTERVAL, ROUNDS, TARGET = sys.argv[6], sys.argv[7], int(sys.argv[8]), float(sys.argv[9])
POLL = 0.05


def seconds(spring_duration):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m)?", spring_duration)
    if not m:
        raise SystemExit("INTERVAL must look like 5s, 1500ms or 1m, got " + spring_duration)
    return float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, None: 0.001}[m.group(2)]


GOAL = seconds(INTERVAL) + 1.0


def status():
    req = urllib.request.Request(URL + "/api/v1/resources/%s/status" % RESOURCE)
    auth = base64.b64encode(("dave:%s" % PASSWORD).encode()).decode()
    req.add_header("Authorization", "Basic " + auth)
    req.add_header("Accept", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            doc = json.loads(r.read())
    except (urllib.error.URLError, OSError) as e:
        return "ERROR", [str(e)]
    codes = [r.get("code") for r in doc.get("reasons", []) if isinstance(r, dict)]
    return doc.get("status"), codes


def sql(site, statement):
    c = psycopg2.connect(host="127.0.0.1", port=PORTS[site], user="postgres", dbname="postgres",
                         connect_timeout=5)
    c.autocommit = True
    try:
        cur = c.cursor()
        cur.execute(statement)
        return cur.fetchone()[0] if cur.description else None
    finally:
        c.close()


def action(site, name):
    r = subprocess.run(["sh", "%s/%s-%s.sh" % (ACTIONS, site, name)], capture_output=True,
                       text=True, timeout=120)
    if r.returncode != 0:
        raise SystemExit("%s-%s failed: %s%s" % (site, name, r.stdout, r.stderr))


def roles():
    primary = "east" if sql("east", "select not pg_is_in_recovery()") else "west"
    return primary, ("west" if primary == "east" else "east")


def wait_green(what, timeout=180):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = status()
        if last[0] == "GREEN":
            return
        time.sleep(0.2)
    raise SystemExit("not GREEN %d s after %s: %s" % (timeout, what, last))


def watch(since, due, timeout):
    """Polls the status API from `since`; returns (s to first non-GREEN, s to RED, RED reasons)."""
    left = None
    deadline = due + timeout
    while time.time() < deadline:
        st, codes = status()
        now = time.time()
        if st != "GREEN" and left is None:
            left = now - since
        if st == "RED":
            return left, now - due, codes
        time.sleep(POLL)
    raise SystemExit("no RED within %.0f s of the break (last %s)" % (timeout, status()))


class Writes:
    """A write every 10 ms on the primary while replay is paused, so the lag grows."""

    def __init__(self, site):
        self.stop = threading.Event()
        self.c = psycopg2.connect(host="127.0.0.1", port=PORTS[site], user="postgres",
                                  dbname="postgres")
        self.c.autocommit = True
        self.c.cursor().execute("create table if not exists bench_detect(id bigserial primary key,"
                                " at timestamptz default clock_timestamp())")
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        cur = self.c.cursor()
        while not self.stop.is_set():
            cur.execute("insert into bench_detect default values")
            time.sleep(0.01)

    def close(self):
        self.stop.set()
        self.t.join()
        self.c.close()


def receiver_cut():
    _, standby = roles()
    conninfo = sql(standby, "show primary_conninfo")
    sql(standby, "alter system set primary_conninfo = 'host=127.0.0.1 port=1 user=postgres'")
    sql(standby, "select pg_reload_conf()")
    t = time.time()

    def repair():
        sql(standby, "alter system set primary_conninfo = '%s'" % conninfo.replace("'", "''"))
        sql(standby, "select pg_reload_conf()")
    return t, t, repair


def stopped(which):
    def scenario():
        primary, standby = roles()
        site = primary if which == "primary" else standby
        action(site, "stop")
        t = time.time()
        return t, t, lambda: action(site, "start")
    return scenario


def replay_paused():
    primary, standby = roles()
    writes = Writes(primary)
    time.sleep(0.5)
    sql(standby, "select pg_wal_replay_pause()")
    t = time.time()

    def repair():
        sql(standby, "select pg_wal_replay_resume()")
        writes.close()
    return t, t + TARGET, repair


SCENARIOS = [("receiver-cut", receiver_cut), ("standby-stopped", stopped("standby")),
             ("primary-stopped", stopped("primary")), ("replay-paused", replay_paused)]


def main():
    print("bench: goal: RED within the poll interval + 1 s = %.1f s of the break" % GOAL)
    wait_green("start-up")
    results = {}
    for name, scenario in SCENARIOS:
        for n in range(1, ROUNDS + 1):
            wait_green("the previous repair")
            time.sleep(seconds(INTERVAL) * (n / (ROUNDS + 1)))  # spread breaks over the cycle
            broke, due, repair = scenario()
            try:
                left, red, codes = watch(broke, due, GOAL + 60)
            finally:
                repair()
            results.setdefault(name, []).append(red)
            print("%-16s round %d: not GREEN after %5.0f ms, RED %5.0f ms after %s (%s)" % (
                name, n, left * 1000, red * 1000,
                "the lag passed the target" if due != broke else "the break", ",".join(codes)))
    print()
    for name, _ in SCENARIOS:
        times = results[name]
        print("detection-ms scenario=%s median=%.0f max=%.0f goal=%.0f met=%s" % (
            name, statistics.median(times) * 1000, max(times) * 1000, GOAL * 1000,
            "yes" if max(times) <= GOAL else "no"))


if __name__ == "__main__":
    main()
