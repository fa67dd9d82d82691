#!/usr/bin/env python3
"""Simplify the DAGI 2014 municipality polygons into SVG paths for the quota map.

Reads the GeoJSON (lon/lat, CRS84), projects it to a plane (equirectangular with
x scaled by cos 56°, y flipped so north is up), simplifies every ring with
Douglas–Peucker, rounds to one decimal and writes one SVG path string per
municipality code to crates/samplan/data/dk/kommuner_map.json. Python stdlib only.

Usage: scripts/simplify-map.py [GEOJSON] [OUT] [--tolerance T]
"""
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/work/shared/data/dk/dagi_kommuner_2014.geojson")
OUT = ROOT / "crates/samplan/data/dk/kommuner_map.json"
WIDTH = 1000.0  # width of the drawing in SVG units
COS56 = math.cos(math.radians(56.0))


def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def douglas_peucker(points, tolerance):
    """Iterative Douglas–Peucker: keeps the points farther than `tolerance` from the chord."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, None
        for i in range(start + 1, end):
            d = perpendicular(points[i], points[start], points[end])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((start, index))
            stack.append((index, end))
    return [p for p, k in zip(points, keep) if k]


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    tolerance = 0.35
    if "--tolerance" in argv:
        tolerance = float(argv[argv.index("--tolerance") + 1])
        args = [a for a in args if a != argv[argv.index("--tolerance") + 1]]
    source = Path(args[0]) if args else SOURCE
    out = Path(args[1]) if len(args) > 1 else OUT
    data = json.loads(source.read_text(encoding="utf-8"))
    rings_by_code, names = {}, {}
    for feature in data["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        code = props["KOMKODE"]
        names[code] = props["KOMNAVN"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            # Outer rings only: holes in Danish municipalities are too small to show.
            rings_by_code.setdefault(code, []).append([(lon * COS56, -lat) for lon, lat, *_ in polygon[0]])
    xs = [x for rings in rings_by_code.values() for ring in rings for x, _ in ring]
    ys = [y for rings in rings_by_code.values() for ring in rings for _, y in ring]
    scale = WIDTH / (max(xs) - min(xs))
    x0, y0 = min(xs), min(ys)
    height = round((max(ys) - y0) * scale, 1)
    paths = {}
    for code in sorted(rings_by_code):
        parts = []
        for ring in rings_by_code[code]:
            plane = [((x - x0) * scale, (y - y0) * scale) for x, y in ring]
            simple = douglas_peucker(plane, tolerance)
            points = []
            for x, y in simple:
                p = (round(x, 1), round(y, 1))
                if not points or points[-1] != p:
                    points.append(p)
            if len(points) < 4:
                continue  # islets smaller than the tolerance disappear
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points[:-1]) + "Z")
        if parts:
            paths[code] = {"name": names[code], "d": "".join(parts)}
    result = {
        "source": "DAGI 2014, © Geodatastyrelsen og Danske Kommuner; simplified by scripts/simplify-map.py",
        "width": WIDTH,
        "height": height,
        "municipalities": paths,
    }
    out.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{out}: {len(paths)} municipalities, {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(sys.argv[1:])
