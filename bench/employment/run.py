#!/usr/bin/env python3
"""The employment round "Lav matchforslag" as a benchmark: the whole round as the server
runs it, timed in a release build, against OR-Tools on the same network.

samplan side: `samplan match-round ROUND.json` runs `employment::round` on a generated
round (generate.py: 2 000 persons, 500 openings, 1 500 seats by default): the candidate
network (every pair judged by the hard rules and soft costs of `matching::judge`, by the
shipped rule set, with distances per pair of postal areas), the exact solve with `flow`,
and the Danish reasons of the proposed pairs. It reports the time of that round
(`round_s`, the best and the median of `--inner` rounds in one process) and its parts,
and writes the network it solved in DIMACS form. Reading the JSON is not in round_s; the
process time (`process_s`, measured here) includes it and the start of the process.

Peer: OR-Tools' `SimpleMinCostFlow` on that same DIMACS network (the same nodes, arcs,
capacities and costs, the ratio rule's group nodes included), solve call timed alone
(the network is built from numpy arrays before the clock starts). The optimal costs
must agree. Printed ratios: OR-Tools solve / samplan solve, and OR-Tools solve /
samplan whole round (above 1: samplan faster).

Setup: pip install ortools numpy
Run:   python3 bench/employment/run.py [--samplan PATH] [--persons 2000] [--openings 500]
       [--seats 1500] [--seed 1] [--repeat 5] [--inner 5]
Without --samplan (or $SAMPLAN) it builds `cargo build --release -p samplan`.
"""
import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import generate  # noqa: E402


def ortools(path):
    import numpy as np
    from ortools.graph.python import min_cost_flow

    n, supply, rows = 0, {}, []
    with open(path) as f:
        for line in f:
            if line.startswith("p"):
                n = int(line.split()[2])
            elif line.startswith("n"):
                _, i, s = line.split()
                supply[int(i)] = int(s)
            elif line.startswith("a"):
                rows.append(line[2:])
    arcs = np.array(" ".join(rows).split(), dtype=np.int64).reshape(-1, 5)
    if (arcs[:, 2] != 0).any():
        sys.exit("the network has lower bounds; this peer expects none")
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(arcs[:, 0] - 1, arcs[:, 1] - 1, arcs[:, 3], arcs[:, 4])
    s = np.zeros(n, dtype=np.int64)
    for i, v in supply.items():
        s[i - 1] = v
    smcf.set_nodes_supplies(np.arange(n), s)
    t, c = time.perf_counter(), time.process_time()
    status = smcf.solve()
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    if status != smcf.OPTIMAL:
        sys.exit(f"OR-Tools status {status}")
    return smcf.optimal_cost(), wall, cpu, n, len(arcs)


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samplan", default=os.environ.get("SAMPLAN"))
    ap.add_argument("--persons", type=int, default=2000)
    ap.add_argument("--openings", type=int, default=500)
    ap.add_argument("--seats", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5, help="processes of samplan and solves of OR-Tools")
    ap.add_argument("--inner", type=int, default=5, help="rounds in each samplan process")
    a = ap.parse_args()
    binary = a.samplan
    if not binary:
        subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "samplan"], cwd=ROOT, check=True)
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        binary = os.path.join(target, "release", "samplan")
    import datetime
    data = generate.instance(a.persons, a.openings, a.seats, a.seed, datetime.date(2026, 12, 7))
    print(f"machine: {platform.machine()}, nproc {os.cpu_count()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as d:
        import json
        path, net = os.path.join(d, "round.json"), os.path.join(d, "round.min")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        rounds, solves, cpus, processes, cost = [], [], [], [], None
        for _ in range(a.repeat):
            t = time.perf_counter()
            out = subprocess.run([binary, "match-round", path, "--network", net, "--repeat", str(a.inner)], capture_output=True, text=True, check=True).stdout
            processes.append(time.perf_counter() - t)
            best = re.search(r"bedste af \d+: round_s ([0-9.]+) network_s ([0-9.]+) solve_s ([0-9.]+) reasons_s ([0-9.]+) cpu_s ([0-9.]+)", out)
            rounds.append(float(best.group(1)))
            solves.append(float(best.group(3)))
            cpus.append(float(best.group(5)))
            cost = int(re.search(r"cost (-?\d+)", out).group(1))
        print(out.split("\n")[0])
        print(out.split("\n")[1])
        print(f"samplan round (network + solve + reasons), best of {a.inner} per process, {a.repeat} processes: "
              f"best {min(rounds):.3f} s, median {median(rounds):.3f} s, worst {max(rounds):.3f} s (CPU median {median(cpus):.3f} s)")
        print(f"  solve part: median {median(solves):.3f} s; whole process (reading JSON included): median {median(processes):.3f} s")
        print("  " + [l for l in out.split("\n") if l.startswith("midterste")][0])
        peer = [ortools(net) for _ in range(a.repeat)]
        for c2, *_ in peer:
            if c2 != cost:
                sys.exit(f"costs differ: samplan {cost}, OR-Tools {c2}")
        pw, pc = median([p[1] for p in peer]), median([p[2] for p in peer])
        print(f"OR-Tools SimpleMinCostFlow on the same network ({peer[0][3]} nodes, {peer[0][4]} arcs): solve median {pw:.3f} s wall, {pc:.3f} s CPU")
        print(f"optimal cost {cost} (both agree; total fit {-cost})")
        print(f"ratio OR-Tools solve / samplan solve: {pw / median(solves):.2f}")
        print(f"ratio OR-Tools solve / samplan whole round: {pw / median(rounds):.2f}")
        print("under 1 second: " + ("yes" if median(rounds) < 1.0 else "no") + f" (median round {median(rounds):.3f} s)")


if __name__ == "__main__":
    main()
