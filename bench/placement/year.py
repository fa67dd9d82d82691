#!/usr/bin/env python3
"""Year benchmark: for each seed, generates a year (generate_year.py: 2 000
households, 3 000 units, 60 areas, and last year's arrivals as history) and
decides it with every policy of `samplan place-year`: hindsight (the optimum
with full knowledge, the lower bound), greedy, online with the history, and
online without it (scenarios from this year's arrivals so far). Prints, per
seed and on average, each objective as a ratio to hindsight and the wall time
of one arrival day's decision (median and largest).

It runs the `place_year` example of the `placement` crate: the same library
call as the command, built in release without the application crate
(`cargo build --release -p placement --example place_year`), because a release
build of the whole `samplan` binary takes a quarter of an hour on the shared
two-core machine.

usage: year.py [--seeds 1-10] [--households 2000] [--units 3000] [--areas 60]
               [--horizon 60] [--bin PATH] [--no-history-run]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def binary(path):
    if path:
        return path
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.run(["cargo", "build", "--release", "-p", "placement", "--example", "place_year"],
                   cwd=ROOT, check=True)
    return os.path.join(target, "release", "examples", "place_year")


def run(bin_path, directory, policy, seed, horizon):
    started = time.time()
    out = subprocess.run([bin_path, directory, policy, str(seed), str(horizon)],
                         capture_output=True, text=True, check=True).stdout
    wall = time.time() - started
    fields = {}
    for line in out.splitlines():
        parts = line.split()
        if parts[0] == "decisions":
            fields.update(decisions=int(parts[1]), median_ms=float(parts[3]), max_ms=float(parts[5]))
        elif parts[0] == "placed":
            fields["placed"] = int(parts[1])
        elif parts[0] == "objective":
            fields["objective"] = int(parts[1])
    fields["wall_s"] = wall
    return fields


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", default="1-10")
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--units", type=int, default=3000)
    p.add_argument("--areas", type=int, default=60)
    p.add_argument("--horizon", type=int, default=60)
    p.add_argument("--bin")
    p.add_argument("--no-history-run", action="store_true",
                   help="also run online without the history file")
    a = p.parse_args()
    lo, _, hi = a.seeds.partition("-")
    seeds = range(int(lo), int(hi or lo) + 1)
    bin_path = binary(a.bin)
    policies = [("hindsight", True), ("greedy", True), ("online", True)]
    if a.no_history_run:
        policies.append(("online", False))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            d = os.path.join(tmp, f"seed{seed}")
            subprocess.run([sys.executable, os.path.join(HERE, "generate_year.py"), d, "--seed", str(seed),
                            "--households", str(a.households), "--units", str(a.units),
                            "--areas", str(a.areas)], check=True)
            row = {"seed": seed}
            for policy, with_history in policies:
                if not with_history:
                    os.rename(os.path.join(d, "history.csv"), os.path.join(d, "history.off"))
                r = run(bin_path, d, policy, seed, a.horizon)
                if not with_history:
                    os.rename(os.path.join(d, "history.off"), os.path.join(d, "history.csv"))
                row[policy if with_history else "online_nohist"] = r
            rows.append(row)
            h = row["hindsight"]["objective"]
            cells = [f"seed {seed}", f"hindsight {h}"]
            for key in [k for k in ("greedy", "online", "online_nohist") if k in row]:
                r = row[key]
                cells.append(f"{key} {r['objective'] / h:.4f} (median {r['median_ms']:.0f} ms, max {r['max_ms']:.0f} ms)")
            print(" | ".join(cells), flush=True)

    keys = [k for k in ("greedy", "online", "online_nohist") if k in rows[0]]
    print()
    print("| seed | hindsight objective | " + " | ".join(f"{k} / hindsight" for k in keys)
          + " | " + " | ".join(f"{k}: median / max ms per day" for k in keys if k != "greedy") + " |")
    print("| ---: | ---: | " + " | ".join("---:" for _ in keys) + " | "
          + " | ".join("---:" for k in keys if k != "greedy") + " |")
    for row in rows:
        h = row["hindsight"]["objective"]
        print(f"| {row['seed']} | {h} | " + " | ".join(f"{row[k]['objective'] / h:.4f}" for k in keys)
              + " | " + " | ".join(f"{row[k]['median_ms']:.0f} / {row[k]['max_ms']:.0f}" for k in keys if k != "greedy")
              + " |")
    means = {k: statistics.mean(r[k]["objective"] / r["hindsight"]["objective"] for r in rows) for k in keys}
    print("| mean | | " + " | ".join(f"**{means[k]:.4f}**" for k in keys) + " | "
          + " | ".join(f"{statistics.median(r[k]['median_ms'] for r in rows):.0f} / {max(r[k]['max_ms'] for r in rows):.0f}"
                       for k in keys if k != "greedy") + " |")
    for k in keys:
        print(f"{k}/hindsight mean {means[k]:.4f}")
    print(f"hindsight solve: median {statistics.median(r['hindsight']['median_ms'] for r in rows) / 1000:.2f} s")


if __name__ == "__main__":
    main()
