#!/usr/bin/env python3
"""Min-cost flow benchmark: samplan's `flow` crate against OR-Tools and networkx.

Generates NETGEN-style and assignment instances (see gen.py) of 1 000, 10 000
and 100 000 nodes (about 10 arcs per node), plus the dense OR-Library
assign800 when the shared data folder is there; solves each with
`samplan solve-mcf` (release build), OR-Tools `SimpleMinCostFlow` and, up to
--networkx-max nodes, networkx `network_simplex`, all in this one run; checks
that the optimal costs are equal; prints the times and the ratios.

Times: "solve" is the solver call alone, as each program reports it (samplan:
`--timing`; the peers: around the solve call in peers.py), wall clock and CPU;
"process" is the wall time of the whole process (read, build, solve, write).
Ratios are peer / samplan, so > 1 means samplan is faster.

Setup:
    pip install ortools networkx numpy
    cargo build --release -p samplan        # from the project root
Run:
    python3 bench/mcf/run.py [--sizes 1000,10000,100000] [--repeat 3]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import gen  # noqa: E402


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"nproc {os.cpu_count()}, CPU {model}, load average {os.getloadavg()[0]:.2f}"


def run(cmd):
    start = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    return p, wall


def samplan(binary, path):
    p, wall = run([binary, "solve-mcf", "--quiet", "--timing", path])
    cost = int(p.stdout.split()[1])
    t = dict(re.findall(r"(\w+)=([0-9.]+)s", p.stderr))
    return cost, float(t["solve"]), float(t.get("solve_cpu", "nan")), wall


def peer(name, path):
    p, wall = run([sys.executable, os.path.join(HERE, "peers.py"), name, path])
    f = p.stdout.split()
    return int(f[1]), float(f[3]), float(f[5]), wall


def ratio_of(peer_time, our_time):
    # CPU times below the kernel's accounting tick can read as 0.
    return f"{peer_time / our_time:.2f}" if our_time > 0 else "n/a"


def best(results):
    """Per column, the median over repeats (costs must all agree)."""
    costs = {r[0] for r in results}
    if len(costs) != 1:
        sys.exit(f"costs differ between repeats: {costs}")
    return (results[0][0],) + tuple(statistics.median(r[i] for r in results) for i in (1, 2, 3))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=1, help="runs per solver and instance (median is shown)")
    ap.add_argument("--networkx-max", type=int, default=10000, help="largest node count given to networkx")
    ap.add_argument("--samplan", default=os.path.join(ROOT, "target", "release", "samplan"))
    ap.add_argument("--kinds", default="netgen,assign,orlib")
    ap.add_argument("--keep", help="write the instances to this folder and keep them")
    args = ap.parse_args()
    if not os.access(args.samplan, os.X_OK):
        sys.exit(f"{args.samplan} not found: run `cargo build --release -p samplan` first")
    try:
        import ortools  # noqa: F401
        import networkx  # noqa: F401
    except ImportError as e:
        sys.exit(f"{e}: run `pip install ortools networkx numpy`")

    workdir = args.keep or tempfile.mkdtemp(prefix="mcf-bench-")
    os.makedirs(workdir, exist_ok=True)
    kinds = args.kinds.split(",")
    instances = []
    for n in (int(s) for s in args.sizes.split(",")):
        if "netgen" in kinds:
            instances.append((f"netgen-{n}", n, lambda n=n: gen.netgen(n, seed=n)))
        if "assign" in kinds:
            instances.append((f"assign-{n}", n, lambda n=n: gen.assignment(n // 2, seed=n)))
    orlib = os.path.join(ROOT, "..", "shared", "data", "benchmarks", "orlib_assign", "assign800.txt")
    if "orlib" in kinds and os.path.exists(orlib):
        instances.append(("orlib-assign800", 1600, lambda: gen.orlib_assignment(orlib)))

    print(f"machine: {machine()}")
    print(f"samplan: {args.samplan}; repeats: {args.repeat} (median shown)")
    header = (f"{'instance':<16} {'nodes':>7} {'arcs':>8} {'cost':>12} | {'solver':<8} "
              f"{'solve s':>8} {'cpu s':>8} {'process s':>9} | {'solve ratio':>11} {'cpu ratio':>9} {'process ratio':>13}")
    print(header)
    print("-" * len(header))
    for name, n, make in instances:
        path = os.path.join(workdir, name + ".min")
        problem = make()
        gen.write_dimacs(path, problem, name)
        m = len(problem[2])
        solvers = [("samplan", lambda: samplan(args.samplan, path)), ("ortools", lambda: peer("ortools", path))]
        if n <= args.networkx_max:
            solvers.append(("networkx", lambda: peer("networkx", path)))
        rows = {s: best([f() for _ in range(args.repeat)]) for s, f in solvers}
        ours = rows["samplan"]
        for s, (cost, solve, cpu, process) in rows.items():
            if cost != ours[0]:
                sys.exit(f"{name}: {s} found cost {cost}, samplan {ours[0]}: the optima differ")
            ratio = "" if s == "samplan" else (
                f"{ratio_of(solve, ours[1]):>11} {ratio_of(cpu, ours[2]):>9} {ratio_of(process, ours[3]):>13}")
            print(f"{name:<16} {n:>7} {m:>8} {cost:>12} | {s:<8} {solve:>8.3f} {cpu:>8.3f} {process:>9.3f} | {ratio}")
        sys.stdout.flush()
        if not args.keep:
            os.remove(path)
    print(f"all optimal costs agree; machine at the end: {machine()}")


if __name__ == "__main__":
    main()
