#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the integration suite: its own folder, a
# non-default port, trust auth, no fsync. Prints the database URL on stdout.
#   scripts/throwaway-postgres.sh start DIR [PORT]   -> postgres://postgres@127.0.0.1:PORT/postgres
#   scripts/throwaway-postgres.sh stop DIR
#   scripts/throwaway-postgres.sh halt DIR [fast|immediate]   (stops it, keeps the data: a database outage)
#   scripts/throwaway-postgres.sh resume DIR PORT              (starts a halted cluster again)
set -euo pipefail

action=${1:?usage: throwaway-postgres.sh start|stop DIR [PORT]}
dir=${2:?usage: throwaway-postgres.sh start|stop DIR [PORT]}
port=${3:-55432}

bin=""
for candidate in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent)")" /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bin=$candidate; break; fi
done
if [ -z "$bin" ]; then
  echo "throwaway-postgres: initdb not found; install PostgreSQL (apt-get install postgresql) or set DESKBELL_TEST_DATABASE_URL" >&2
  exit 3
fi

# initdb refuses to run as root: run the cluster as the postgres user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Fast and not crash-safe by default; DESKBELL_PG_DURABLE=1 keeps synchronous commits, for drills that
# stop the cluster with -m immediate and then count acknowledged writes (fsync only matters to an OS crash).
options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200"
[ "${DESKBELL_PG_DURABLE:-}" = 1 ] || options="$options -c synchronous_commit=off"

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" start \
      -o "$options" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  halt)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m "${3:-fast}" -w stop >/dev/null
    ;;
  resume)
    as_owner "$bin/pg_ctl" -D "$dir/data" -w -l "$dir/server.log" start \
      -o "$options" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "throwaway-postgres: unknown action $action" >&2
    exit 2
    ;;
esac
