#!/usr/bin/env python3
"""Crawl of a running samplan as each demo role: logs in, follows the links the role
reaches (same origin, GET only; logout is a POST so it is never followed), and times
every page found. Pages are grouped by their shape (numbers become {id}, query values
{v}); per group it prints how many pages, p50, p95 and the largest time, then the
slowest single pages. A few API lists and records are timed too.

    bench/web/crawl.py --base http://127.0.0.1:8120 [--roles sagsbehandler,leder]
                       [--per-shape 4] [--max-pages 160] [--repeat 3]

Standard library only. Each page is requested once while crawling (the warm-up, not
counted) and then --repeat times, one request at a time.
"""
import argparse
import html.parser
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROLES = ["sagsbehandler", "koordinator", "dagtilbud", "boernfamilie", "bolig", "leder", "frivillig",
         "admin", "sekretariat", "sprogcenter", "region", "tolk", "virksomhed"]
PASSWORD = "samplan-demo"
# Files, not pages (large downloads are timed by their own benches).
SKIP = re.compile(r"^/(static|favicon|healthz|readyz|api/openapi)|\.(css|js|png|svg|ico|woff2?)$")
API = ["/api/v1/persons?limit=50", "/api/v1/families?limit=50", "/api/v1/deadlines?limit=50",
       "/api/v1/coordinator/families", "/api/v1/indicators", "/api/v1/goals", "/api/v1/audit?limit=50"]


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.csrf = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "input" and a.get("name") == "csrf" and self.csrf is None:
            self.csrf = a.get("value")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def get(op, url):
    start = time.perf_counter()
    try:
        with op.open(url, timeout=60) as r:
            body = r.read()
            status, ctype = r.status, r.headers.get("content-type", "")
    except urllib.error.HTTPError as e:
        body, status, ctype = e.read(), e.code, e.headers.get("content-type", "")
    except Exception as e:  # a timeout or a reset connection is a result too
        return time.perf_counter() - start, 0, "", str(e).encode()
    return time.perf_counter() - start, status, ctype, body


def login(base, role):
    op = opener()
    _, _, _, body = get(op, base + "/login")
    p = Links()
    p.feed(body.decode("utf-8", "replace"))
    data = urllib.parse.urlencode({"login": role, "password": PASSWORD, "csrf": p.csrf or ""}).encode()
    try:
        op.open(urllib.request.Request(base + "/login", data=data), timeout=30)
    except urllib.error.HTTPError as e:
        if e.code not in (302, 303):
            raise SystemExit(f"crawl: login as {role} answered {e.code}")
    return op


def shape(path):
    u = urllib.parse.urlsplit(path)
    p = re.sub(r"/\d+(?=/|$)", "/{id}", u.path)
    if u.query:
        keys = sorted({k for k, _ in urllib.parse.parse_qsl(u.query, keep_blank_values=True)})
        p += "?" + "&".join(f"{k}={{v}}" for k in keys)
    return p


def crawl(base, op, per_shape, max_pages):
    seen, shapes, queue, pages = {"/"}, {}, ["/"], []
    while queue and len(pages) < max_pages:
        path = queue.pop(0)
        _, status, ctype, body = get(op, base + path)
        pages.append(path)
        if status != 200 or "text/html" not in ctype:
            continue
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        for href in parser.links:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, href))
            if f"{u.scheme}://{u.netloc}" != base:
                continue
            target = u.path + (f"?{u.query}" if u.query else "")
            if target in seen or SKIP.search(u.path) or u.path == "/login":
                continue
            s = shape(target)
            if shapes.get(s, 0) >= per_shape:
                continue
            seen.add(target)
            shapes[s] = shapes.get(s, 0) + 1
            queue.append(target)
    return pages


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(q * len(xs) + 0.5)) - 1))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--roles", default=",".join(ROLES))
    ap.add_argument("--per-shape", type=int, default=4)
    ap.add_argument("--max-pages", type=int, default=160)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    base = args.base.rstrip("/")
    rows = []  # (role, path, shape, status, seconds)
    for role in args.roles.split(","):
        op = login(base, role)
        pages = crawl(base, op, args.per_shape, args.max_pages)
        if role in ("sagsbehandler", "koordinator", "leder", "admin"):
            pages += API
        for path in pages:
            for _ in range(args.repeat):
                t, status, _, _ = get(op, base + path)
                rows.append((role, path, shape(path), status, t))
        print(f"# {role}: {len(pages)} pages", file=sys.stderr)
    groups = {}
    for role, path, s, status, t in rows:
        g = groups.setdefault((role, s), {"times": [], "statuses": set(), "pages": set()})
        g["times"].append(t)
        g["statuses"].add(status)
        g["pages"].add(path)
    all_times = [r[4] for r in rows]
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"Load {load}; {len(rows)} requests over {len({r[1] for r in rows})} pages; "
          f"all: p50 {pct(all_times, .5) * 1000:.0f} ms, p95 {pct(all_times, .95) * 1000:.0f} ms")
    print(f"| role | page | pages | p50 ms | p95 ms | max ms | status |")
    print(f"|---|---|---:|---:|---:|---:|---|")
    for (role, s), g in sorted(groups.items(), key=lambda kv: -pct(kv[1]["times"], .95)):
        ts = g["times"]
        print(f"| {role} | `{s}` | {len(g['pages'])} | {pct(ts, .5) * 1000:.0f} | {pct(ts, .95) * 1000:.0f} | "
              f"{max(ts) * 1000:.0f} | {','.join(map(str, sorted(g['statuses'])))} |")
    print("\nSlowest pages (median of the repeats):")
    per_page = {}
    for role, path, _, status, t in rows:
        per_page.setdefault((role, path), []).append(t)
    for (role, path), ts in sorted(per_page.items(), key=lambda kv: -statistics.median(kv[1]))[:15]:
        print(f"  {statistics.median(ts) * 1000:8.0f} ms  {role:14} {path}")
    bad = sorted({(r[0], r[1], r[3]) for r in rows if r[3] >= 500 or r[3] == 0})
    for role, path, status in bad:
        print(f"  ERROR {status} {role} {path}")


if __name__ == "__main__":
    main()
