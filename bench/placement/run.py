#!/usr/bin/env python3
"""Placement benchmark: one synthetic round solved by `samplan place` (release
build, exact min-cost flow) and by HiGHS as a MIP (highspy), in the same run.
Checks that both reach the same objective and prints the time ratio.

usage: run.py [--households 2000] [--units 5000] [--areas 60] [--seed 1]
              [--samplan PATH] [--skip-highs]

Without --samplan (or $SAMPLAN) it builds the binary with
`cargo build --release -p samplan` from the repository root.

The MIP is the same model: binary x[h,u] for each allowed pair (cost =
round(distance_per_km × km) + temporary_penalty), binary y[h] for "not placed"
(unplaced_penalty), binary z[a,j] for the j-th piece of area a
(spread_per_household × (existing_households + j)); rows: Σu x[h,u] + y[h] = 1,
Σh x[h,u] ≤ 1, Σ x in area a − Σj z[a,j] = 0. Costs are computed here with the
same formula, in the same order of operations, as the Rust code.
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


def haversine_km(alat, alon, blat, blon):
    phi1, phi2 = alat * DEG, blat * DEG
    d_phi = (blat - alat) * DEG
    d_lambda = (blon - alon) * DEG
    s1 = math.sin(d_phi / 2.0)
    s2 = math.sin(d_lambda / 2.0)
    h = s1 * s1 + math.cos(phi1) * math.cos(phi2) * s2 * s2
    return 2.0 * EARTH_RADIUS_KM * math.asin(min(math.sqrt(h), 1.0))


def round_half_away(x):
    """Rust's f64::round for x ≥ 0 (Python's round() is half-to-even)."""
    whole = math.floor(x)
    return int(whole) + (1 if x - whole >= 0.5 else 0)


def read(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def mip(outdir):
    import numpy as np
    import highspy

    t0 = time.perf_counter()
    areas = read(os.path.join(outdir, "areas.csv"))
    units = sorted(read(os.path.join(outdir, "units.csv")), key=lambda u: u["unit_id"])
    households = sorted(read(os.path.join(outdir, "households.csv")), key=lambda h: h["household_id"])
    area_index = {a["area_id"]: i for i, a in enumerate(areas)}
    listed = np.array([a["listed"] == "1" for a in areas])
    u_rooms = np.array([int(u["rooms"]) for u in units])
    u_rent = np.array([int(u["rent"]) for u in units])
    u_access = np.array([u["accessible"] == "1" for u in units])
    u_area = np.array([area_index[u["area_id"]] for u in units])
    u_temp = [u["tenure"] == "temporary" for u in units]
    u_lat = [float(u["lat"]) for u in units]
    u_lon = [float(u["lon"]) for u in units]
    u_listed = listed[u_area]

    H, U, A = len(households), len(units), len(areas)
    cols_cost, cols_rows = [], []  # per column: cost, and its rows
    pieces = [0] * A
    used = np.zeros(U, dtype=bool)
    for hi, h in enumerate(households):
        persons = int(h["adults"]) + int(h["children"])
        lo, hi_rooms = -(-persons // MAX_PERSONS_PER_ROOM), persons + MAX_EXTRA_ROOMS
        ok = (u_rooms >= lo) & (u_rooms <= hi_rooms) & (u_rent <= int(h["max_rent"])) & ~u_listed
        if h["needs_accessible"] == "1":
            ok &= u_access
        anchors = [tuple(map(float, p.split(":"))) for p in h["anchors"].split(";")] if h["anchors"] else []
        for ui in np.flatnonzero(ok):
            km = 0.0
            for la, lo_ in anchors:
                km += haversine_km(u_lat[ui], u_lon[ui], la, lo_)
            cost = round_half_away(float(DISTANCE_PER_KM) * km) + (TEMPORARY_PENALTY if u_temp[ui] else 0)
            cols_cost.append(cost)
            cols_rows.append((hi, H + ui, H + U + u_area[ui]))
        used |= ok
    n_x = len(cols_cost)
    for ui in np.flatnonzero(used):
        pieces[u_area[ui]] += 1

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
    return {"objective": objective, "status": status, "build_s": build, "solve_s": solve,
            "columns": n, "rows": H + U + A, "candidate_pairs": n_x}


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
    p.add_argument("--skip-highs", action="store_true")
    p.add_argument("--repeat", type=int, default=3, help="samplan runs; the best time is reported")
    a = p.parse_args()
    binary = samplan_binary(a.samplan)

    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), d, "--households", str(a.households),
                        "--units", str(a.units), "--areas", str(a.areas), "--seed", str(a.seed)], check=True)
        files = ["--households", f"{d}/households.csv", "--units", f"{d}/units.csv", "--areas", f"{d}/areas.csv",
                 "--out", f"{d}/result.csv"]
        times = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            run = subprocess.run([binary, "place", *files], capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            if run.returncode != 0:
                sys.exit(f"samplan place failed ({run.returncode}): {run.stderr}")
        ours = int(run.stdout.strip().splitlines()[-1].split()[1])
        placed = sum(1 for r in read(f"{d}/result.csv") if r["unit_id"])
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.processor() or platform.platform()}")
        print(f"round: {a.households} households x {a.units} units x {a.areas} areas (seed {a.seed})")
        print(f"samplan place: objective {ours}, placed {placed}, wall {min(times):.3f} s "
              f"(best of {a.repeat}: {', '.join(f'{t:.3f}' for t in times)})")
        if a.skip_highs:
            return
        m = mip(d)
        print(f"HiGHS MIP: objective {m['objective']:.1f}, status {m['status']}, "
              f"{m['columns']} columns x {m['rows']} rows ({m['candidate_pairs']} allowed pairs), "
              f"model built in {m['build_s']:.2f} s (Python), solved in {m['solve_s']:.3f} s")
        same = m["status"] == "Optimal" and round(m["objective"]) == ours
        print(f"same objective: {'yes' if same else 'NO'}")
        print(f"time ratio HiGHS solve / samplan wall: {m['solve_s'] / min(times):.1f}x")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
