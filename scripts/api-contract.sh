#!/usr/bin/env bash
# Checks that the API keeps the contract of its OpenAPI document: starts a demo server
# on a free local port with a fresh demo database, makes an API key for a coordinator
# and runs schemathesis (every check, stateful links included) with a fixed seed
# against /api/openapi.json. Exits non-zero on any failure not listed in the accepted
# baseline (scripts/api-contract-baseline.json, empty when everything passes).
#   scripts/api-contract.sh [SAMPLAN_BIN]
# Environment: SCHEMATHESIS (the command, default: schemathesis on PATH),
# API_CONTRACT_EXAMPLES (examples per operation, default 10), API_CONTRACT_LOGIN
# (default koordinator), API_CONTRACT_WORKERS (default 1: the same seed gives the same run), API_CONTRACT_PORT (default: a
# free port).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-${SAMPLAN_BIN:-target/debug/samplan}}"
st="${SCHEMATHESIS:-schemathesis}"
examples="${API_CONTRACT_EXAMPLES:-10}"
login="${API_CONTRACT_LOGIN:-koordinator}"
workers="${API_CONTRACT_WORKERS:-1}"
dir=$(mktemp -d /tmp/samplan-contract.XXXXXX)
port="${API_CONTRACT_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
"$bin" demo --addr "127.0.0.1:$port" --data-dir "$dir" --reset >"$dir/demo.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$dir/demo.log" >&2; exit 1; }
  sleep 1
done
token=$("$bin" user token "$login" -c "$dir/demo-keys.toml" --database-url "sqlite:$dir/samplan-demo.sqlite")
args=(run "http://127.0.0.1:$port/api/openapi.json" -H "Authorization: Bearer $token"
  --checks all --max-examples "$examples" --seed 1 --workers "$workers" --no-color
  # The server closes a keep-alive connection idle past its header read timeout; a
  # request sent on it at that moment fails without an answer and is retried.
  --request-retries 2)
baseline=scripts/api-contract-baseline.json
[ -s "$baseline" ] && [ -z "${API_CONTRACT_BASELINE_UPDATE:-}" ] && args+=(--baseline "$baseline")
# API_CONTRACT_BASELINE_UPDATE=1: add this run's failures to the baseline.
[ -n "${API_CONTRACT_BASELINE_UPDATE:-}" ] && args+=(--baseline "$baseline" --baseline-update)
echo "schemathesis ${args[*]/$token/…}"
"$st" "${args[@]}"
