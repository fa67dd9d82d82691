#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server on a free local port and prints its URL on
# stdout. The server and its files are removed when process PID exits:
#   scripts/pg-throwaway.sh [PID]      (default PID: the caller)
# Needs Debian's postgresql package (initdb, pg_ctl). As root it runs the server as
# the `postgres` user, because PostgreSQL refuses to run as root.
set -euo pipefail
watch_pid="${1:-$PPID}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "pg-throwaway: initdb not found; install PostgreSQL (apt-get install postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/samplan-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
as_owner "$bindir/initdb" -D "$dir/data" -U samplan --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w start \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  >/dev/null || { cat "$dir/data/server.log" >&2; exit 1; }
# Stop and remove the server once the watched process has gone.
(
  while kill -0 "$watch_pid" 2>/dev/null; do sleep 2; done
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop
  rm -rf "$dir"
) </dev/null >/dev/null 2>&1 &
echo "postgres://samplan@127.0.0.1:$port/postgres"
