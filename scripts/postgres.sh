#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests on 127.0.0.1:55432 (as the
# postgres user: initdb refuses root), installing Debian's package if it is missing.
# Prints the admin URL. Stop it with: scripts/postgres.sh stop
set -euo pipefail

PGDIR="${PORTAL_PGDIR:-/tmp/portal-pg}"
PORT="${PORTAL_PGPORT:-55432}"

bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

if [ "${1:-}" = stop ]; then
  BIN="$(bin_dir)"
  [ -n "$BIN" ] && [ -d "$PGDIR/data" ] && as_postgres "$BIN/pg_ctl -D $PGDIR/data -m fast stop" >/dev/null 2>&1 || true
  exit 0
fi

if [ -z "$(bin_dir)" ]; then
  echo "==> Installing PostgreSQL (Debian package)" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN="$(bin_dir)"

if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home "$PGDIR" postgres
fi

if ! as_postgres "$BIN/pg_isready -h 127.0.0.1 -p $PORT" >/dev/null 2>&1; then
  mkdir -p "$PGDIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
  if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
    as_postgres "$BIN/initdb -D $PGDIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  as_postgres "$BIN/pg_ctl -D $PGDIR/data -o '-k $PGDIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -l $PGDIR/log -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
