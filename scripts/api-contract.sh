#!/usr/bin/env bash
# Checks that the API keeps the contract of its OpenAPI document: generates the demo
# municipality once (`samplan demo --no-serve`, seed 1), then for each role that has
# operations of its own starts a demo server on a fresh copy of that database, makes an
# API key for the role's demo login and runs schemathesis (every check, stateful links
# included) against /api/openapi.json, with the settings in scripts/schemathesis.toml
# (the operations whose schema-valid bodies a rule JSON Schema cannot state may refuse,
# each with that rule; decision 151). Exits non-zero on any failure.
#   scripts/api-contract.sh [SAMPLAN_BIN]
#
# The same binary, seed and day give the same run (decision 150):
# - every role starts from the same database, so one role's writes do not change what
#   the next one sees, and the order of the roles does not matter;
# - the demo is generated once per run from seed 1 (its dates follow the day it runs);
# - schemathesis runs with one worker, `--seed 1` and no example database
#   (`--generation-database none`): without that, Hypothesis replays the failures it saved
#   in `.hypothesis/` from earlier runs, so two runs of the same seed test different cases.
#
# Environment: SCHEMATHESIS (the command, default: schemathesis on PATH),
# API_CONTRACT_EXAMPLES (examples per operation, default 10), API_CONTRACT_LOGINS (the
# demo logins, default "koordinator leder virksomhed bolig"; API_CONTRACT_LOGIN, one
# login, is still read), API_CONTRACT_WORKERS (default 1: more workers make the order of
# requests, and so the run, vary), API_CONTRACT_PORT (default: a free port).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bin="${1:-${SAMPLAN_BIN:-target/debug/samplan}}"
case "$bin" in /*) ;; *) bin="$root/$bin" ;; esac
st="${SCHEMATHESIS:-schemathesis}"
examples="${API_CONTRACT_EXAMPLES:-10}"
logins="${API_CONTRACT_LOGINS:-${API_CONTRACT_LOGIN:-koordinator leder virksomhed bolig}}"
workers="${API_CONTRACT_WORKERS:-1}"
dir=$(mktemp -d /tmp/samplan-contract.XXXXXX)
server=""
stop() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap 'stop; rm -rf "$dir"' EXIT

"$bin" demo --data-dir "$dir/demo" --seed 1 --no-serve >"$dir/generate.log" 2>&1 || { cat "$dir/generate.log" >&2; exit 1; }

failed=()
for login in $logins; do
  data="$dir/$login"
  cp -r "$dir/demo" "$data"
  port="${API_CONTRACT_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
  # Without --reset the demo reuses the copied database.
  "$bin" demo --addr "127.0.0.1:$port" --data-dir "$data" >"$data/demo.log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$data/demo.log" >&2; exit 1; }
    sleep 1
  done
  token=$("$bin" user token "$login" -c "$data/demo-keys.toml" --database-url "sqlite:$data/samplan-demo.sqlite")
  args=(--config-file "$root/scripts/schemathesis.toml" run "http://127.0.0.1:$port/api/openapi.json" -H "Authorization: Bearer $token"
    --checks all --max-examples "$examples" --seed 1 --workers "$workers" --no-color
    --generation-database none
    # The server closes a keep-alive connection idle past its header read timeout; a
    # request sent on it at that moment fails without an answer and is retried.
    --request-retries 2)
  echo "== $login: schemathesis ${args[*]/$token/…}"
  if ! (cd "$dir" && "$st" "${args[@]}"); then
    failed+=("$login")
  fi
  stop
  rm -rf "$data"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "API contract broken for: ${failed[*]}" >&2
  exit 1
fi
echo "API contract kept for: $logins"
