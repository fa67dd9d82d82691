#!/usr/bin/env bash
# Load benchmark of the web server at national size: starts the release build's demo with
# 150 000 persons (generating it first when the data directory has none), logs in as the
# demo caseworker and runs wrk with 200 connections for 30 s each on
#   1. /healthz                      (the server's own ceiling),
#   2. the family plan page alone,
#   3. a caseworker's mix: plan page, person page, week schedule (API), search, Frister,
# then prints requests/s, p99, errors and timeouts of each and the ratios to /healthz.
#
#   bench/web/run.sh [--bin PATH] [--data DIR] [--duration 30s] [--connections 200] [--port 18088]
#
# Needs wrk, curl, python3 and sqlite3. Prints the machine's load before and after.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${CARGO_TARGET_DIR:-$here/../../target}/release/samplan"
data="$here/data"
duration=30s
connections=200
threads=2
port=18088
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$bin" ] || { echo "run.sh: no samplan binary at $bin (cargo build --release -p samplan)" >&2; exit 2; }
mkdir -p "$data"
db="$data/samplan-demo.sqlite"
if [ ! -f "$db" ]; then
  echo "Generating the 150 000-person demo in $data (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v "$bin" demo --persons 150000 --no-serve --data-dir "$data" 2> "$data/generate.time" >/dev/null
  grep -E "Elapsed|Maximum resident" "$data/generate.time"
fi
work="$(mktemp -d)"
"$bin" demo --data-dir "$data" --addr "127.0.0.1:$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done

# Log in as the caseworker (the login form's CSRF token is a double-submit cookie).
jar="$work/cookies"
csrf="$(curl -fsS -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "login=sagsbehandler" --data-urlencode "password=samplan-demo" --data-urlencode "csrf=$csrf" "$base/login"
session="$(awk '$6 == "samplan_session" {print $7}' "$jar")"
[ -n "$session" ] || { echo "run.sh: login failed" >&2; exit 1; }

# Paths of the mix from the demo database: families with a plan and their members.
python3 - "$db" "$work" <<'PY'
import sqlite3, sys, random
db, work = sys.argv[1], sys.argv[2]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
random.seed(7)
families = [r[0] for r in con.execute("SELECT DISTINCT family_id FROM plan_version ORDER BY family_id")]
families = random.sample(families, min(300, len(families)))
persons = [r for r in con.execute(f"SELECT id, family_name FROM person WHERE family_id IN ({','.join(map(str, families))})")]
plan = [f"/familier/{f}/plan" for f in families]
mix = []
for i, f in enumerate(families):
    pid, name = persons[i % len(persons)]
    mix += [f"/familier/{f}/plan", f"/personer/{pid}", f"/api/v1/persons/{pid}/schedule", f"/personer?q={name[:4].lower()}", "/frister"]
def lua(paths, name):
    body = ",\n".join('"%s"' % p.replace('"', '') for p in paths)
    return f'''paths = {{ {body} }}
name = "{name}"
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
'''
for name, paths in [("plan", plan), ("mix", mix)]:
    open(f"{work}/{name}.lua", "w").write(lua(paths, name))
open(f"{work}/healthz.lua", "w").write('paths = { "/healthz" }\nname = "healthz"\nrequest = function() return wrk.format("GET", paths[1]) end\n')
PY
for f in healthz plan mix; do
  cat >> "$work/$f.lua" <<'LUA'
wrk.headers["Cookie"] = "samplan_session=" .. os.getenv("SAMPLAN_SESSION")
done = function(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT %s %.1f %.2f %d %d %d %d\n", name, summary.requests / secs, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.status, summary.errors.timeout, summary.requests))
end
LUA
done
export SAMPLAN_SESSION="$session"
echo "Load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; wrk -t$threads -c$connections -d$duration --timeout 5s"
for f in healthz plan mix; do
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 5s -s "$work/$f.lua" "$base" | grep '^RESULT' >> "$work/results"
done
echo "Load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/results" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    _, name, rps, p99, sock, status, timeout, total = line.split()
    rows[name] = (float(rps), float(p99), int(sock), int(status), int(timeout), int(total))
h = rows["healthz"][0]
print(f"{'run':8} {'req/s':>9} {'p99 ms':>8} {'socket err':>10} {'non-2xx/3xx':>11} {'timeouts':>8} {'requests':>9} {'÷ healthz':>9}")
for name, (rps, p99, sock, status, timeout, total) in rows.items():
    print(f"{name:8} {rps:9.1f} {p99:8.2f} {sock:10d} {status:11d} {timeout:8d} {total:9d} {rps / h:9.3f}")
PY
