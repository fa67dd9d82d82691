#!/usr/bin/env python3
"""Placement benchmark: one synthetic round solved by `samplan place` (release
build, exact min-cost flow with pricing) and, in the same run, by a peer that
solves the same model exactly at full size; checks that both reach the same
objective and prints the time ratios.

usage: run.py [--households 2000] [--units 5000] [--areas 60] [--seed 1]
              [--samplan PATH] [--repeat 3] [--peer ortools|lp|mip|none]

Without --samplan (or $SAMPLAN) it builds the binary with
`cargo build --release -p samplan` from the repository root.

Peers (both build the model here, in Python, from the same CSV files; the
costs use the same formula, in the same order of operations, as the Rust code):

* `ortools` (default): OR-Tools' `SimpleMinCostFlow` on the full network of
  docs/placement.md, every allowed household–unit pair an arc: household
  (supply 1) → unit (capacity 1, cost round(distance_per_km × km) +
  temporary_penalty) → area (capacity 1) → sink through unit-capacity pieces
  j = 1, 2, … costing spread_per_household × (existing_households + j), and
  household → sink (unplaced_penalty). Integral and exact.
* `lp`: the MIP below without integrality. Its rows are two laminar families
  (households on one side; units, each nested in its area, on the other), so
  the matrix is totally unimodular and a simplex vertex optimum is integral;
  the run checks that every variable is 0 or 1, so the LP optimum is the MIP
  optimum, found without branching.
* `mip`: the same model as a MIP for HiGHS (highspy): binary x[h,u] per allowed
  pair, y[h] for "not placed", z[a,j] for the j-th piece of area a; rows
  Σu x[h,u] + y[h] = 1, Σh x[h,u] ≤ 1, Σ x in area a − Σj z[a,j] = 0. Solves
  500 × 1 250 in minutes; does not finish 2 000 × 5 000 within 43 minutes
  (bench/RESULTS.md).
"""
import argparse
import csv
import math
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# Defaults of placement::Settings.
DISTANCE_PER_KM = 10
TEMPORARY_PENALTY = 500
SPREAD = 100
UNPLACED = 100000
EARTH_RADIUS_KM = 6371.0088
MAX_PERSONS_PER_ROOM = 2
MAX_EXTRA_ROOMS = 1
DEG = math.pi / 180.0  # Rust's f64::to_radians multiplies by PI / 180


def read(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def unit_vectors(lat, lon):
    """(x, y, z) arrays of points on the unit sphere, as placement's `Prepared::new`."""
    import numpy as np

    phi, lam = lat * DEG, lon * DEG
    return np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)


def allowed_pairs(outdir):
    """Every allowed household–unit pair with its cost (distance + temporary),
    households and units in id order. Returns (households, units, areas,
    per-pair arrays h, u, cost, and the area of each unit)."""
    import numpy as np

    areas = read(os.path.join(outdir, "areas.csv"))
    units = sorted(read(os.path.join(outdir, "units.csv")), key=lambda u: u["unit_id"])
    households = sorted(read(os.path.join(outdir, "households.csv")), key=lambda h: h["household_id"])
    area_index = {a["area_id"]: i for i, a in enumerate(areas)}
    listed = np.array([a["listed"] == "1" for a in areas])
    u_rooms = np.array([int(u["rooms"]) for u in units])
    u_rent = np.array([int(u["rent"]) for u in units])
    u_access = np.array([u["accessible"] == "1" for u in units])
    u_area = np.array([area_index[u["area_id"]] for u in units])
    u_temp = np.array([u["tenure"] == "temporary" for u in units])
    u_lat = np.array([float(u["lat"]) for u in units])
    u_lon = np.array([float(u["lon"]) for u in units])
    u_xyz = unit_vectors(u_lat, u_lon)
    u_listed = listed[u_area]
    hs, us, costs = [], [], []
    for hi, h in enumerate(households):
        persons = int(h["adults"]) + int(h["children"])
        lo, hi_rooms = -(-persons // MAX_PERSONS_PER_ROOM), persons + MAX_EXTRA_ROOMS
        ok = (u_rooms >= lo) & (u_rooms <= hi_rooms) & (u_rent <= int(h["max_rent"])) & ~u_listed
        if h["needs_accessible"] == "1":
            ok &= u_access
        idx = np.flatnonzero(ok)
        anchors = [tuple(map(float, p.split(":"))) for p in h["anchors"].split(";")] if h["anchors"] else []
        km = np.zeros(len(idx))
        for la, lo_ in anchors:  # haversine_km(unit, anchor), summed in anchor order from 0.0
            ax, ay, az = unit_vectors(np.array([la]), np.array([lo_]))
            dx, dy, dz = u_xyz[0][idx] - ax, u_xyz[1][idx] - ay, u_xyz[2][idx] - az
            hav = (dx * dx + dy * dy + dz * dz) / 4.0
            km = km + 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.sqrt(hav), 1.0))
        x = float(DISTANCE_PER_KM) * km
        whole = np.floor(x)
        distance = whole.astype(np.int64) + (x - whole >= 0.5)  # Rust's f64::round for x >= 0
        hs.append(np.full(len(idx), hi, dtype=np.int64))
        us.append(idx)
        costs.append(distance + np.where(u_temp[idx], TEMPORARY_PENALTY, 0))
    return (households, units, areas, np.concatenate(hs), np.concatenate(us).astype(np.int64),
            np.concatenate(costs).astype(np.int64), u_area)


def ortools_flow(outdir):
    """The full network solved by OR-Tools' SimpleMinCostFlow."""
    import numpy as np
    from ortools.graph.python import min_cost_flow

    t0 = time.perf_counter()
    households, units, areas, ph, pu, pc, u_area = allowed_pairs(outdir)
    H, U, A = len(households), len(units), len(areas)
    sink = H + U + A
    used = np.zeros(U, dtype=bool)
    used[pu] = True
    used_units = np.flatnonzero(used)
    pieces = np.bincount(u_area[used_units], minlength=A)
    piece_area = np.repeat(np.arange(A), pieces)
    piece_j = np.concatenate([np.arange(1, k + 1) for k in pieces]) if len(piece_area) else np.zeros(0, dtype=np.int64)
    existing = np.array([int(a["existing_households"]) for a in areas])
    tails = np.concatenate([ph, np.arange(H), H + used_units, H + U + piece_area])
    heads = np.concatenate([H + pu, np.full(H, sink), H + U + u_area[used_units], np.full(len(piece_area), sink)])
    cost = np.concatenate([pc, np.full(H, UNPLACED), np.zeros(len(used_units), dtype=np.int64),
                           SPREAD * (existing[piece_area] + piece_j)])
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails.astype(np.int32), heads.astype(np.int32),
                                              np.ones(len(tails), dtype=np.int64), cost.astype(np.int64))
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:H] = 1
    supplies[sink] = -H
    smcf.set_nodes_supplies(np.arange(sink + 1, dtype=np.int32), supplies)
    build = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    status = smcf.solve()
    solve, solve_cpu = time.perf_counter() - t1, time.process_time() - c1
    ok = status == smcf.OPTIMAL
    return {"objective": smcf.optimal_cost() if ok else None, "status": "Optimal" if ok else str(status),
            "build_s": build, "solve_s": solve, "solve_cpu_s": solve_cpu, "nodes": sink + 1, "arcs": len(tails),
            "candidate_pairs": len(pc)}


def mip(outdir, integral=True):
    import numpy as np
    import highspy

    t0 = time.perf_counter()
    households, units, areas, ph, pu, pc, u_area = allowed_pairs(outdir)
    H, U, A = len(households), len(units), len(areas)
    cols_cost = pc.tolist()
    cols_rows = list(zip(ph.tolist(), (H + pu).tolist(), (H + U + u_area[pu]).tolist()))
    pieces = np.bincount(u_area[np.unique(pu)], minlength=A).tolist()
    n_x = len(cols_cost)

    # Columns: x (3 entries each), y (1 entry), z (1 entry, -1).
    starts, index, value, cost = [], [], [], []
    for c, rows in zip(cols_cost, cols_rows):
        starts.append(len(index)); index.extend(rows); value.extend((1.0, 1.0, 1.0)); cost.append(c)
    for hi in range(H):
        starts.append(len(index)); index.append(hi); value.append(1.0); cost.append(UNPLACED)
    for ai in range(A):
        e = int(areas[ai]["existing_households"])
        for j in range(1, pieces[ai] + 1):
            starts.append(len(index)); index.append(H + U + ai); value.append(-1.0); cost.append(SPREAD * (e + j))
    starts.append(len(index))
    n = len(cost)
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = H + U + A
    lp.col_cost_ = np.array(cost, dtype=np.float64)
    lp.col_lower_ = np.zeros(n)
    lp.col_upper_ = np.ones(n)
    lp.row_lower_ = np.array([1.0] * H + [-highspy.kHighsInf] * U + [0.0] * A)
    lp.row_upper_ = np.array([1.0] * H + [1.0] * U + [0.0] * A)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(value, dtype=np.float64)
    if integral:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    build = time.perf_counter() - t0

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.passModel(lp)
    t1 = time.perf_counter()
    h.run()
    solve = time.perf_counter() - t1
    status = h.modelStatusToString(h.getModelStatus())
    objective = h.getInfo().objective_function_value
    values = np.array(h.getSolution().col_value)
    # Largest distance of a column value from 0 or 1: 0 means the solution is integral.
    fractional = float(np.max(np.minimum(np.abs(values), np.abs(values - 1.0)))) if n else 0.0
    return {"objective": objective, "status": status, "build_s": build, "solve_s": solve,
            "columns": n, "rows": H + U + A, "candidate_pairs": n_x, "fractional": fractional}


def samplan_binary(arg):
    if arg:
        return arg
    if os.environ.get("SAMPLAN"):
        return os.environ["SAMPLAN"]
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "samplan"], cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, "release", "samplan")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--units", type=int, default=5000)
    p.add_argument("--areas", type=int, default=60)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--samplan")
    p.add_argument("--peer", choices=["ortools", "lp", "mip", "none"], default="ortools")
    p.add_argument("--repeat", type=int, default=3, help="samplan runs; the best time is reported")
    a = p.parse_args()
    binary = samplan_binary(a.samplan)

    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), d, "--households", str(a.households),
                        "--units", str(a.units), "--areas", str(a.areas), "--seed", str(a.seed)], check=True)
        files = ["--households", f"{d}/households.csv", "--units", f"{d}/units.csv", "--areas", f"{d}/areas.csv",
                 "--out", f"{d}/result.csv"]
        times, cpus = [], []
        for _ in range(a.repeat):
            before = os.times()
            t0 = time.perf_counter()
            run = subprocess.run([binary, "place", *files], capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            after = os.times()
            cpus.append(after.children_user + after.children_system - before.children_user - before.children_system)
            if run.returncode != 0:
                sys.exit(f"samplan place failed ({run.returncode}): {run.stderr}")
        ours = int(run.stdout.strip().splitlines()[-1].split()[1])
        placed = sum(1 for r in read(f"{d}/result.csv") if r["unit_id"])
        best = min(range(a.repeat), key=lambda i: times[i])
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()}, "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"round: {a.households} households x {a.units} units x {a.areas} areas (seed {a.seed})")
        print(f"samplan place: objective {ours}, placed {placed}, whole process wall {times[best]:.3f} s, "
              f"cpu {cpus[best]:.3f} s (best of {a.repeat}: wall {', '.join(f'{t:.3f}' for t in times)}; "
              f"cpu {', '.join(f'{t:.3f}' for t in cpus)})")
        if a.peer == "none":
            return
        if a.peer == "ortools":
            m = ortools_flow(d)
            print(f"OR-Tools SimpleMinCostFlow: objective {m['objective']}, status {m['status']}, "
                  f"{m['nodes']} nodes x {m['arcs']} arcs ({m['candidate_pairs']} allowed pairs), "
                  f"model built in {m['build_s']:.2f} s (Python), solved in {m['solve_s']:.3f} s wall, "
                  f"{m['solve_cpu_s']:.3f} s cpu")
            print(f"time ratio OR-Tools solve / samplan whole process: wall {m['solve_s'] / times[best]:.1f}x, "
                  f"cpu {m['solve_cpu_s'] / cpus[best]:.1f}x")
        else:
            m = mip(d, integral=a.peer == "mip")
            kind = "MIP" if a.peer == "mip" else "LP"
            print(f"HiGHS {kind}: objective {m['objective']:.1f}, status {m['status']}, "
                  f"{m['columns']} columns x {m['rows']} rows ({m['candidate_pairs']} allowed pairs), "
                  f"model built in {m['build_s']:.2f} s (Python), solved in {m['solve_s']:.3f} s, "
                  f"largest distance of a variable from 0 or 1: {m['fractional']:.2g}")
            print(f"time ratio HiGHS solve / samplan wall: {m['solve_s'] / times[best]:.1f}x")
        same = m["status"] == "Optimal" and round(m["objective"]) == ours and m.get("fractional", 0) < 1e-6
        print(f"same objective: {'yes' if same else 'NO'}")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
