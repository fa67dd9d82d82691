#!/usr/bin/env python3
"""The employment matching round ("Lav matchforslag") as a benchmark: samplan's
`flow` solver against OR-Tools' SimpleMinCostFlow on the same network.

The network is the one `crates/samplan/src/employment/round.rs` builds: one node per
opening supplying its free seats, one node per person, a sink; an arc opening -> person
(capacity 1, cost = -fit) for every allowed pair with a positive fit, person -> sink
(capacity 1), opening -> sink (its seats, cost 0) for seats left unfilled. The
instance: 2 000 persons, 500 openings with 1 500 seats in all (1-6 each), fits drawn
like the defaults of `MatchSettings` (base 100, skills, distance, hours; a share of the
pairs removed by hard rules). Deterministic per seed.

Times the solve call alone in each (samplan: `cargo run --release -p flow --example
solve_timed`; OR-Tools: around `solve()`), checks the optimal costs agree, prints the
ratio OR-Tools / samplan (above 1: samplan faster). The fit computation of the round
(in samplan, before the solve) is not in these times.

Setup: pip install ortools numpy
Run:   python3 bench/employment/run.py [--persons 2000] [--openings 500] [--seats 1500] [--repeat 3]
"""
import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def instance(persons, openings, seats, seed, allowed=0.45):
    rng = random.Random(seed)
    per = [1] * openings
    for _ in range(seats - openings):
        per[rng.randrange(openings)] += 1
    arcs = []
    for o in range(openings):
        for p in range(persons):
            if rng.random() >= allowed:
                continue  # removed by a hard rule (Danish level, licence, distance, IGU age)
            skills = rng.randint(0, 3) * 20 - rng.randint(0, 2) * 10
            fit = 100 + skills + (30 if rng.random() < 0.2 else 0) + (10 if rng.random() < 0.5 else 0) - 2 * rng.randint(0, 50) - 3 * rng.randint(0, 8)
            if fit > 0:
                arcs.append((o, p, fit))
    return per, arcs


def write_dimacs(path, persons, per, arcs):
    openings = len(per)
    n = openings + persons + 1
    sink = n
    lines = [f"p min {n} {len(arcs) + persons + openings}"]
    for o, k in enumerate(per):
        lines.append(f"n {o + 1} {k}")
    lines.append(f"n {sink} {-sum(per)}")
    for o, p, fit in arcs:
        lines.append(f"a {o + 1} {openings + p + 1} 0 1 {-fit}")
    for p in range(persons):
        lines.append(f"a {openings + p + 1} {sink} 0 1 0")
    for o, k in enumerate(per):
        lines.append(f"a {o + 1} {sink} 0 {k} 0")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def ortools(path):
    import numpy as np
    from ortools.graph.python import min_cost_flow

    n, supply, arc_rows = 0, {}, []
    with open(path) as f:
        for line in f:
            if line.startswith("p"):
                n = int(line.split()[2])
            elif line.startswith("n"):
                _, i, s = line.split()
                supply[int(i)] = int(s)
            elif line.startswith("a"):
                arc_rows.append(line[2:])
    arcs = np.array(" ".join(arc_rows).split(), dtype=np.int64).reshape(-1, 5)
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(arcs[:, 0] - 1, arcs[:, 1] - 1, arcs[:, 3], arcs[:, 4])
    s = np.zeros(n, dtype=np.int64)
    for i, v in supply.items():
        s[i - 1] = v
    smcf.set_nodes_supplies(np.arange(n), s)
    t = time.perf_counter()
    status = smcf.solve()
    wall = time.perf_counter() - t
    if status != smcf.OPTIMAL:
        sys.exit(f"OR-Tools status {status}")
    return smcf.optimal_cost(), wall


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=2000)
    ap.add_argument("--openings", type=int, default=500)
    ap.add_argument("--seats", type=int, default=1500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "flow", "--example", "solve_timed"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = os.path.join(target, "release", "examples", "solve_timed")
    per, arcs = instance(a.persons, a.openings, a.seats, a.seed)
    print(f"machine: nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}")
    print(f"round: {a.persons} persons, {a.openings} openings, {sum(per)} seats, {len(arcs)} allowed pairs")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "round.min")
        write_dimacs(path, a.persons, per, arcs)
        ours, theirs = [], []
        for _ in range(a.repeat):
            out = subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout
            cost = int(re.search(r"cost (-?\d+)", out).group(1))
            ours.append(float(re.search(r"solve_s ([0-9.]+)", out).group(1)))
            c2, w = ortools(path)
            theirs.append(w)
            if c2 != cost:
                sys.exit(f"costs differ: samplan {cost}, OR-Tools {c2}")
        ours.sort()
        theirs.sort()
        m, t = ours[len(ours) // 2], theirs[len(theirs) // 2]
        print(f"optimal total fit {-cost} (both agree)")
        print(f"solve, median of {a.repeat}: samplan {m:.3f} s, OR-Tools {t:.3f} s, ratio OR-Tools/samplan {t / m:.2f}")


if __name__ == "__main__":
    main()
