#!/usr/bin/env bash
# Starts a throw-away PostgreSQL primary and a streaming replica of it (made with
# `pg_basebackup -R`), each on a free local port, and prints two lines on stdout:
# the primary's URL, then the replica's. Both are removed when process PID exits:
#   scripts/pg-replica.sh [PID]      (default PID: the caller)
# Needs Debian's postgresql package (initdb, pg_ctl, pg_basebackup). As root it runs
# the servers as the `postgres` user, because PostgreSQL refuses to run as root.
set -euo pipefail
watch_pid="${1:-$PPID}"
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_basebackup" ]; then
  echo "pg-replica: pg_basebackup not found; install PostgreSQL (apt-get install postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/samplan-pg-replica.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
primary_port=$(free_port)
replica_port=$(free_port)
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
start() { # data directory, port
  as_owner "$bindir/pg_ctl" -D "$1" -l "$1/server.log" -w start \
    -o "-p $2 -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100" \
    >/dev/null || { cat "$1/server.log" >&2; exit 1; }
}
# initdb's trust authentication also allows local replication connections.
as_owner "$bindir/initdb" -D "$dir/primary" -U samplan --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
start "$dir/primary" "$primary_port"
# -R writes standby.signal and primary_conninfo: the copy starts as a streaming replica.
as_owner "$bindir/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U samplan -D "$dir/replica" -R -X stream >"$dir/basebackup.log" 2>&1 \
  || { cat "$dir/basebackup.log" >&2; exit 1; }
start "$dir/replica" "$replica_port"
(
  while kill -0 "$watch_pid" 2>/dev/null; do sleep 2; done
  as_owner "$bindir/pg_ctl" -D "$dir/replica" -m immediate stop
  as_owner "$bindir/pg_ctl" -D "$dir/primary" -m immediate stop
  rm -rf "$dir"
) </dev/null >/dev/null 2>&1 &
echo "postgres://samplan@127.0.0.1:$primary_port/postgres"
echo "postgres://samplan@127.0.0.1:$replica_port/postgres"
