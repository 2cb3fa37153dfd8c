# Sourced by .ci/test: a throwaway PostgreSQL 15 cluster on a loopback port
# for the second run of the integration tests (and the two-process test).
# `pg_start` sets PORTAL_TEST_POSTGRES; `pg_stop` removes the cluster.
# initdb refuses root, so the cluster belongs to the user `postgres`.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# A port nobody listens on now: a fixed port failed once when a cluster left
# behind by an interrupted run still held it.
pg_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL 15 server binaries are missing ($PG_BIN); apt-get install -y postgresql" >&2
    return 1
  fi
  PG_DIR=$(mktemp -d /tmp/portal-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"
    as=(su postgres -s /bin/sh -c)
  else
    as=(sh -c)
  fi
  "${as[@]}" "$PG_BIN/initdb -D $PG_DIR/data -A trust -U portal" > "$PG_DIR/initdb.log" 2>&1 || {
    echo "initdb failed:" >&2
    cat "$PG_DIR/initdb.log" >&2
    return 1
  }
  # fsync off by default: a throwaway cluster for tests, never for data that
  # matters (the benchmark sets PG_FSYNC=on).
  local started=
  for _ in 1 2 3; do
    PG_PORT=${PG_PORT_FIXED:-$(pg_free_port)}
    if "${as[@]}" "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/server.log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=${PG_FSYNC:-off} -c max_connections=300' start" > /dev/null; then
      started=1
      break
    fi
  done
  if [ -z "$started" ]; then
    echo "PostgreSQL did not start; its log ($PG_DIR/server.log):" >&2
    tail -n 40 "$PG_DIR/server.log" >&2 || true
    return 1
  fi
  export PORTAL_TEST_POSTGRES="postgres://portal@127.0.0.1:$PG_PORT/postgres"
  PG_AS=("${as[@]}")
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    "${PG_AS[@]}" "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast -w stop" > /dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
