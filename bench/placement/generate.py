#!/usr/bin/env python3
"""Generates a synthetic placement round for the benchmark: households, units and
areas spread around a Danish municipality's centre (default: Aarhus, 0751, from
crates/quota/data/kommuner.csv). The data are random but shaped like a real round:
room counts and rents of Danish social housing, some accessible and temporary
units, a few listed areas, anchors (school, job, language centre, network) near
the centre. Same seed, same files.

usage: generate.py OUTDIR [--households 2000] [--units 5000] [--areas 60]
                          [--municipality 0751] [--seed 1]
"""
import argparse
import csv
import math
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def centre(code):
    with open(os.path.join(ROOT, "crates/quota/data/kommuner.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kommunekode"] == code:
                return float(row["interior_lat"]), float(row["interior_lon"]), row["kommunenavn"]
    raise SystemExit(f"unknown municipality {code}")


def offset(rng, lat, lon, sigma_km):
    """A point about sigma_km around (lat, lon), Gaussian in each direction."""
    dy = rng.gauss(0, sigma_km) / 111.2
    dx = rng.gauss(0, sigma_km) / (111.2 * math.cos(math.radians(lat)))
    return round(lat + dy, 5), round(lon + dx, 5)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("--households", type=int, default=2000)
    p.add_argument("--units", type=int, default=5000)
    p.add_argument("--areas", type=int, default=60)
    p.add_argument("--municipality", default="0751")
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rng = random.Random(a.seed)
    lat0, lon0, name = centre(a.municipality)
    os.makedirs(a.outdir, exist_ok=True)

    areas = []
    for i in range(a.areas):
        lat, lon = offset(rng, lat0, lon0, 6.0)
        listed = 1 if rng.random() < 0.07 else 0
        areas.append((f"A{i:03d}", f"{name} område {i + 1}", listed, rng.randint(0, 15), lat, lon))
    with open(os.path.join(a.outdir, "areas.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["area_id", "name", "listed", "existing_households"])
        for area_id, area_name, listed, existing, _, _ in areas:
            w.writerow([area_id, area_name, listed, existing])

    # Rooms and rents roughly like Danish social housing (kr. per month).
    room_weights = [(1, 10), (2, 30), (3, 35), (4, 20), (5, 5)]
    with open(os.path.join(a.outdir, "units.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unit_id", "area_id", "rooms", "rent", "accessible", "tenure", "lat", "lon"])
        for i in range(a.units):
            area = rng.choice(areas)
            rooms = rng.choices([r for r, _ in room_weights], [x for _, x in room_weights])[0]
            rent = int(2500 + 1500 * rooms + rng.gauss(0, 700))
            accessible = 1 if rng.random() < 0.15 else 0
            tenure = "temporary" if rng.random() < 0.2 else "permanent"
            lat, lon = offset(rng, area[4], area[5], 0.6)
            w.writerow([f"U{i:05d}", area[0], rooms, max(rent, 2000), accessible, tenure, lat, lon])

    with open(os.path.join(a.outdir, "households.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["household_id", "adults", "children", "needs_accessible", "max_rent", "anchors"])
        for i in range(a.households):
            adults = 1 if rng.random() < 0.45 else 2
            children = rng.choices([0, 1, 2, 3, 4, 5], [35, 20, 20, 13, 8, 4])[0]
            persons = adults + children
            max_rent = int(4500 + 1100 * min(persons, 5) + rng.gauss(0, 900))
            needs_accessible = 1 if rng.random() < 0.08 else 0
            anchors = [offset(rng, lat0, lon0, 5.0) for _ in range(rng.choice([0, 1, 2, 2, 3]))]
            w.writerow([f"H{i:04d}", adults, children, needs_accessible, max_rent,
                        ";".join(f"{la}:{lo}" for la, lo in anchors)])


if __name__ == "__main__":
    main()
