#!/usr/bin/env python3
"""A generated employment round for `samplan match-round` (bench/employment/run.py).

Writes one JSON file in the form the command reads: {"today", "openings", "persons"},
openings and persons as the server has them (OpeningView, and Candidate: the profile
row plus what the family plan holds). Deterministic per seed. The shape follows the
demo municipality (Holbæk, Region Sjælland): homes in Holbæk's postal areas, workplaces
in the region's (some farther than the 50 km limit), five kinds of opening, required
skills, Danish levels, driving licences, weekly hours and time slots; persons with
skills, DU levels, languages, planned hours and busy slots, some parents of a child
under 6 without daycare, ages and residence bases that make some IGU pairs ineligible.

usage: generate.py [--persons 2000] [--openings 500] [--seats 1500] [--seed 1] OUT.json
"""
import argparse
import csv
import datetime
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
POSTAL = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "dk", "postnumre_derived_from_dagi_2014.csv"))
if not os.path.exists(POSTAL):
    POSTAL = "/work/shared/data/dk/postnumre_derived_from_dagi_2014.csv"

HOLBAEK = "0316"
# Region Sjælland's municipalities (kommunekoder).
SJAELLAND = {"0253", "0259", "0265", "0269", "0306", "0316", "0320", "0326", "0329", "0330", "0336", "0340", "0350", "0360", "0370", "0376", "0390"}

SKILLS = ["rengøring", "opvask", "køkken", "lager", "truck", "kasse", "kundeservice", "pleje", "ældrepleje", "rengøring af hoteller",
          "havearbejde", "landbrug", "malerarbejde", "murerarbejde", "tømrerarbejde", "el", "svejsning", "chauffør", "pakning", "montage",
          "syning", "frisør", "bageri", "slagter", "it-support", "regnskab", "børnepasning", "tolkning", "salg", "produktion"]
KINDS = [("virksomhedspraktik", "Virksomhedspraktik", 0.30), ("loentilskud", "Løntilskud", 0.15), ("igu", "IGU", 0.20),
         ("ordinaert_job", "Ordinært job", 0.25), ("smaajob", "Småjob", 0.10)]
LANGS = ["ar", "ti", "fa", "so", "uk", "en", "ku", "ps"]
BASES = [("refugee", 0.55), ("family_reunified_to_refugee", 0.2), ("ukrainian_special_act", 0.15), ("other_family_reunified", 0.05), ("other", 0.05)]
GIVEN = ["Amal", "Yonas", "Fatima", "Olena", "Ahmad", "Senait", "Mohammad", "Iryna", "Hodan", "Zahra", "Dawit", "Layla", "Omar", "Nadia"]
FAMILY = ["Haddad", "Tesfay", "Ali", "Kovalenko", "Rahimi", "Abdi", "Hussein", "Shevchenko", "Mohamed", "Karimi", "Gebre", "Nouri"]
TITLES = ["Køkkenmedhjælper", "Lagermedarbejder", "Rengøringsassistent", "Produktionsmedarbejder", "Plejehjælper", "Butiksmedhjælper",
          "Gartnermedhjælper", "Chaufførmedhjælper", "Pakkemedarbejder", "Håndværkermedhjælper"]


def pick(rng, weighted):
    r, acc = rng.random(), 0.0
    for item in weighted:
        acc += item[-1]
        if r < acc:
            return item
    return weighted[-1]


def postal_areas():
    with open(POSTAL, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    home = [(r["postnr"], r["postnrnavn"]) for r in rows if r["main_kommunekode"] == HOLBAEK and r["postnr"].isdigit()]
    work = [(r["postnr"], r["postnrnavn"]) for r in rows if r["main_kommunekode"] in SJAELLAND and r["postnr"].isdigit()]
    return home, work


def slots_for(rng, hours):
    """Weekday slots adding up to at most `hours` (some openings have none: hours only)."""
    if rng.random() < 0.15:
        return []
    days = rng.sample(range(1, 6), k=min(5, max(1, round(hours / 7.4))))
    per = min(8.0, hours / len(days))
    start = rng.choice([7, 8, 9, 10])
    minutes = int(per * 60) // 30 * 30
    end = start * 60 + minutes
    return [{"weekday": d, "from": f"{start:02d}:00", "to": f"{end // 60:02d}:{end % 60:02d}"} for d in sorted(days)]


def day(d):
    return d.isoformat()


def instance(persons, openings, seats, seed, today):
    rng = random.Random(seed)
    home, work = postal_areas()
    per = [1] * openings
    for _ in range(seats - openings):
        per[rng.randrange(openings)] += 1
    companies = []
    for c in range(max(1, openings // 3)):
        companies.append({"id": c + 1, "name": f"Virksomhed {c + 1} ApS", "staff": rng.choice([2, 4, 8, 12, 25, 40, 80, 150]),
                          "public": rng.random() < 0.15, "postal": rng.choice(home) if rng.random() < 0.6 else rng.choice(work)})
    out_openings = []
    for o in range(openings):
        comp = rng.choice(companies)
        code, kind_label, _ = pick(rng, KINDS)
        hours = float(rng.choice([10, 15, 20, 25, 30, 37]))
        if code == "igu":
            hours = max(hours, 25.0)
        start = today + datetime.timedelta(days=rng.randint(-30, 120))
        end = None if code in ("ordinaert_job", "igu") else day(start + datetime.timedelta(weeks=rng.choice([4, 8, 13, 26])))
        postal, city = comp["postal"]
        danish = {"track": 0, "module": 0}
        if rng.random() < 0.4:
            danish = {"track": rng.randint(1, 3), "module": rng.randint(1, 4)}
        langs = ["da"] + rng.sample(LANGS, k=rng.choice([0, 0, 1, 2]))
        out_openings.append({
            "id": o + 1, "company_id": comp["id"], "company_name": comp["name"], "kind": code, "kind_label": kind_label,
            "title": rng.choice(TITLES), "postal_code": postal, "city": city, "start": day(start), "end": end,
            "weekly_hours": hours, "slots": slots_for(rng, hours), "seats": per[o], "taken": 0,
            "skills": rng.sample(SKILLS, k=rng.choice([0, 1, 1, 2, 2, 3])), "isco_major": rng.choice([None, 5, 7, 8, 9, 9]),
            "danish": danish, "driving_licence": rng.random() < 0.15, "languages": langs,
            "extra_jobs": rng.random() < 0.9, "status": "open", "company_staff": comp["staff"], "public_employer": comp["public"],
        })
    out_persons = []
    for p in range(persons):
        basis = pick(rng, BASES)[0]
        birth = datetime.date(rng.randint(1962, 2007), rng.randint(1, 12), rng.randint(1, 28))
        arrival = today - datetime.timedelta(days=rng.randint(60, 365 * 9))
        takeover = arrival + datetime.timedelta(days=rng.randint(20, 120))
        postal, _ = rng.choice(home)
        langs = rng.sample(LANGS, k=rng.choice([1, 1, 2]))
        busy = []
        planned = 0.0
        if rng.random() < 0.6:  # Danish education or another action in the plan
            days = rng.sample(range(1, 6), k=rng.randint(1, 3))
            start = rng.choice([8, 9, 12])
            for d in sorted(days):
                busy.append({"weekday": d, "from": f"{start:02d}:00", "to": f"{start + 3:02d}:00"})
            planned = 3.0 * len(days)
        track, module = (0, 0) if rng.random() < 0.15 else (rng.randint(1, 3), rng.randint(1, 6))
        row = {
            "person_id": 1000 + p, "given_name": rng.choice(GIVEN), "family_name": rng.choice(FAMILY), "birth_date": day(birth),
            "residence_basis": basis, "arrival_date": day(arrival), "family_id": 1 + p // 2, "home_postal_code": postal,
            "languages": ", ".join(langs), "skills": ", ".join(rng.sample(SKILLS, k=rng.randint(0, 5))),
            "isco_major": rng.choice([None, 5, 7, 8, 9]), "education_level": rng.choice(["none", "primary", "upper_secondary", "short_higher"]),
            "danish_track": track, "danish_module": module, "driving_licence": 1 if rng.random() < 0.3 else 0,
            "hours_available": float(rng.choice([15, 20, 25, 30, 37, 37])), "job_ready": 1, "takeover_date": day(takeover),
        }
        du = {"track": track, "module": min(6, module + 1)} if track and rng.random() < 0.3 else None
        out_persons.append({"row": row, "languages": langs, "planned_hours": planned, "busy": busy,
                            "childcare": rng.random() < 0.15, "placed_in": None, "du_level": du})
    return {"today": day(today), "openings": out_openings, "persons": out_persons}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=2000)
    ap.add_argument("--openings", type=int, default=500)
    ap.add_argument("--seats", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default="2026-12-07")
    ap.add_argument("out")
    a = ap.parse_args()
    data = instance(a.persons, a.openings, a.seats, a.seed, datetime.date.fromisoformat(a.today))
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
