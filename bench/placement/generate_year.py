#!/usr/bin/env python3
"""Generates a synthetic year for `samplan place-year`: the round of generate.py
(households, units and areas around a municipality's centre, shaped like Danish
social housing) plus the day each household arrives (`arrival_day`, uniform
over 0–364) and the first day each unit can be let (`available_from`: 40 % of
the units are free on day 0, the rest become free uniformly over the year),
and a history file: last year's arrivals, drawn from the same distribution
with another seed. Each household's main adult has age, sex, years of education
and Danish level (0 none, 1–3 Prøve i Dansk 1–3) for the employment model,
and outcomes.csv holds past residents (area, the same features, employed after
12 months 0/1) drawn from a known logistic model with an effect and an
education slope per area (printed with --print-truth), areas weighted by the
refugee households already living there, so small areas have few residents.
Same seed, same files.

usage: generate_year.py OUTDIR [--households 2000] [--units 3000] [--areas 60]
                               [--municipality 0751] [--seed 1] [--available-at-start 0.4]
                               [--residents 4000] [--print-truth]
"""
import argparse
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import centre, offset  # noqa: E402


def areas(rng, n, lat0, lon0, name):
    out = []
    for i in range(n):
        lat, lon = offset(rng, lat0, lon0, 6.0)
        listed = 1 if rng.random() < 0.07 else 0
        out.append((f"A{i:03d}", f"{name} område {i + 1}", listed, rng.randint(0, 15), lat, lon))
    return out


def units(rng, n, area_list, at_start):
    room_weights = [(1, 10), (2, 30), (3, 35), (4, 20), (5, 5)]
    out = []
    for i in range(n):
        area = rng.choice(area_list)
        rooms = rng.choices([r for r, _ in room_weights], [x for _, x in room_weights])[0]
        rent = max(int(2500 + 1500 * rooms + rng.gauss(0, 700)), 2000)
        accessible = 1 if rng.random() < 0.15 else 0
        tenure = "temporary" if rng.random() < 0.2 else "permanent"
        lat, lon = offset(rng, area[4], area[5], 0.6)
        available = 0 if rng.random() < at_start else rng.randint(1, 364)
        out.append([f"U{i:05d}", area[0], rooms, rent, accessible, tenure, lat, lon, available])
    return out


def households(rng, n, lat0, lon0, prefix):
    rows = []
    for _ in range(n):
        adults = 1 if rng.random() < 0.45 else 2
        children = rng.choices([0, 1, 2, 3, 4, 5], [35, 20, 20, 13, 8, 4])[0]
        persons = adults + children
        max_rent = int(4500 + 1100 * min(persons, 5) + rng.gauss(0, 900))
        needs_accessible = 1 if rng.random() < 0.08 else 0
        anchors = [offset(rng, lat0, lon0, 5.0) for _ in range(rng.choice([0, 1, 2, 2, 3]))]
        day = rng.randint(0, 364)
        age = rng.randint(18, 60)
        sex = rng.choice("fm")
        education = min(18, max(0, int(rng.gauss(9, 4))))
        danish = rng.choices([0, 1, 2, 3], [40, 25, 25, 10])[0]
        rows.append([adults, children, needs_accessible, max_rent,
                     ";".join(f"{la}:{lo}" for la, lo in anchors), day, age, sex, education, danish])
    rows.sort(key=lambda r: r[5])
    return [[f"{prefix}{i:04d}"] + r for i, r in enumerate(rows)]


HOUSEHOLD_HEADER = ["household_id", "adults", "children", "needs_accessible", "max_rent", "anchors",
                    "arrival_day", "age", "sex", "education_years", "danish_level"]


def outcomes(rng, n, area_list):
    """Past residents from a known model: logit = -0.4 + 0.3 age - 0.3 age^2
    - 0.5 female + 0.5 education + 0.3 danish + effect[area] + slope[area] * education
    (age and education standardised as (age - 38.5) / 12.4, (years - 9) / 5.5)."""
    import math
    truth = {a[0]: (rng.gauss(0, 0.5), rng.gauss(0, 0.2)) for a in area_list}
    weights = [a[3] + 1 for a in area_list]
    rows = []
    for _ in range(n):
        area = rng.choices(area_list, weights)[0][0]
        age = rng.randint(18, 60)
        female = rng.random() < 0.5
        education = min(18, max(0, int(rng.gauss(9, 4))))
        danish = rng.choices([0, 1, 2, 3], [40, 25, 25, 10])[0]
        a, e = (age - 38.5) / 12.4, (education - 9) / 5.5
        effect, slope = truth[area]
        logit = -0.4 + 0.3 * a - 0.3 * a * a - 0.5 * female + 0.5 * e + 0.3 * danish + effect + slope * e
        employed = 1 if rng.random() < 1 / (1 + math.exp(-logit)) else 0
        rows.append([area, age, "f" if female else "m", education, danish, employed])
    return rows, truth


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--units", type=int, default=3000)
    p.add_argument("--areas", type=int, default=60)
    p.add_argument("--municipality", default="0751")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--available-at-start", type=float, default=0.4)
    p.add_argument("--residents", type=int, default=4000)
    p.add_argument("--print-truth", action="store_true")
    a = p.parse_args()
    rng = random.Random(a.seed)
    lat0, lon0, name = centre(a.municipality)
    os.makedirs(a.outdir, exist_ok=True)
    area_list = areas(rng, a.areas, lat0, lon0, name)
    write(os.path.join(a.outdir, "areas.csv"), ["area_id", "name", "listed", "existing_households"],
          [r[:4] for r in area_list])
    write(os.path.join(a.outdir, "units.csv"),
          ["unit_id", "area_id", "rooms", "rent", "accessible", "tenure", "lat", "lon", "available_from"],
          units(rng, a.units, area_list, a.available_at_start))
    write(os.path.join(a.outdir, "households.csv"), HOUSEHOLD_HEADER,
          households(rng, a.households, lat0, lon0, "H"))
    # Last year: the same distribution, another stream of random numbers.
    past = random.Random(a.seed + 1_000_000)
    write(os.path.join(a.outdir, "history.csv"), HOUSEHOLD_HEADER,
          households(past, a.households, lat0, lon0, "P"))
    rows, truth = outcomes(random.Random(a.seed + 2_000_000), a.residents, area_list)
    write(os.path.join(a.outdir, "outcomes.csv"),
          ["area_id", "age", "sex", "education_years", "danish_level", "employed_12m"], rows)
    if a.print_truth:
        for area_id, (effect, slope) in truth.items():
            print(f"{area_id} effect {effect:+.3f} slope {slope:+.3f}")


if __name__ == "__main__":
    main()
