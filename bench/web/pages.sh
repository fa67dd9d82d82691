#!/usr/bin/env bash
# Single-request answer times of the heavy pages and API lists with the 150 000-person
# demo: starts the release build's demo on DIR (generated before by run.sh or
# `samplan demo --persons 150000 --no-serve`), logs in per role and prints the median
# of 5 requests of each path (after one warm-up request).
#
#   bench/web/pages.sh [--bin PATH] [--data DIR] [--port 18089]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${CARGO_TARGET_DIR:-$here/../../target}/release/samplan"
data="$here/data"
port=18089
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "pages.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
db="$data/samplan-demo.sqlite"
[ -f "$db" ] || { echo "pages.sh: no demo database in $data (run run.sh first)" >&2; exit 2; }
work="$(mktemp -d)"
"$bin" demo --data-dir "$data" --addr "127.0.0.1:$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
login() {
  local jar="$work/$1.jar"
  local csrf
  csrf="$(curl -fsS -c "$jar" "$base/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)"
  curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "login=$1" --data-urlencode "password=samplan-demo" --data-urlencode "csrf=$csrf" "$base/login"
}
for who in sagsbehandler koordinator leder; do login "$who"; done
read -r family person name < <(sqlite3 -separator ' ' "$db" "SELECT p.family_id, p.id, lower(substr(p.family_name, 1, 4)) FROM plan_version v JOIN person p ON p.family_id = v.family_id WHERE p.family_role = 'adult' ORDER BY v.family_id LIMIT 1")
indicator="$(curl -fsS -b "$work/leder.jar" "$base/api/v1/indicators" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
time_of() {
  local who="$1" path="$2"
  curl -sS -o /dev/null -b "$work/$who.jar" "$base$path"
  for _ in 1 2 3 4 5; do curl -sS -o /dev/null -w '%{time_total} %{http_code}\n' -b "$work/$who.jar" "$base$path"; done | sort -n | sed -n 3p
}
echo "Load: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
printf '%-14s %-52s %9s %s\n' role path "median s" status
for row in \
  "koordinator /koordinator" "koordinator /api/v1/coordinator/families" \
  "sagsbehandler /frister" "sagsbehandler /frister?omfang=kommune" "sagsbehandler /api/v1/deadlines" \
  "sagsbehandler /personer/$person" "sagsbehandler /personer?q=$name" "sagsbehandler /api/v1/persons?q=$name" \
  "sagsbehandler /familier/$family/plan" "sagsbehandler /api/v1/persons/$person/schedule" "sagsbehandler /familier" \
  "leder /maal" "leder /maal/partnerskab" "leder /api/v1/indicators/$indicator/comparison"; do
  set -- $row
  read -r t code < <(time_of "$1" "$2")
  printf '%-14s %-52s %9s %s\n' "$1" "$2" "$t" "$code"
done
