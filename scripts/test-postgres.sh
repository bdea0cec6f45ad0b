#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the tests: start | stop | restart | destroy.
#   scripts/test-postgres.sh start    prints the Npgsql connection string for TASKMANAGER_TEST_POSTGRES
# The cluster lives in $TASKMANAGER_PG_DIR (default /tmp/taskmanager-test-pg) and listens on $TASKMANAGER_PG_PORT (default 54329).
set -euo pipefail

dir=${TASKMANAGER_PG_DIR:-/tmp/taskmanager-test-pg}
port=${TASKMANAGER_PG_PORT:-54329}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: installing it with apt" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

# initdb and postgres refuse to run as root: run them as the postgres user the package creates.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # fsync off: a test cluster trades durability after an OS crash for speed.
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >&2
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -w -m fast stop >&2
    ;;
  restart)
    "$0" stop && "$0" start >/dev/null
    ;;
  destroy)
    as_pg "$bin/pg_ctl" -D "$dir/data" -w -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop|restart|destroy" >&2
    exit 2
    ;;
esac
