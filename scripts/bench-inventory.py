#!/usr/bin/env python3
"""Simulated inventory for the benchmarks (bench-monitoring.sh, bench-console.sh).

    bench-inventory.py N LATENCY [BROKEN_IDS]

N resources bench-00000.., tier 1 for every fourth, probes taking LATENCY; the resources whose
numbers are in BROKEN_IDS (comma-separated) run the `broken` scenario (RED), the others `steady`.
"""
import sys

n, latency = int(sys.argv[1]), sys.argv[2]
broken = {int(x) for x in sys.argv[3].split(",") if x} if len(sys.argv) > 3 else set()
print("resources:")
for i in range(n):
    scenario = "broken" if i in broken else "steady"
    print(f"""  - id: bench-{i:05d}
    name: Bench {i}
    platform: simulated
    tier: {1 if i % 4 == 0 else 2}
    environment: {"prod" if i % 3 else "staging"}
    owner: team-{i % 40}@example.com
    sites: {{ primary: east, dr: west }}
    rpo: {{ target: 5m }}
    connector:
      settings: {{ scenario: {scenario}, probeLatency: {latency}, seed: "{i}" }}""")
