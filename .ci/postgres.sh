# Sourced by .ci/run: a private PostgreSQL 15 with pgvector for the PostgreSQL tests.
#
# pg_start builds pgvector from the vendored source when it is not installed, starts a throwaway server in a
# temp folder on a free loopback port and exports BATUTA_TEST_PG_URL (a superuser URL with a password) and
# BATUTA_TEST_PG_BIN. On any failure it says which step failed and why, sets PG_SKIP_REASON and returns 1:
# the tests then skip the PostgreSQL suite with a visible note. pg_stop stops the server and removes the folder.

PG_BIN=${BATUTA_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_DIR=""
PG_SKIP_REASON=""

pg_fail() {
  PG_SKIP_REASON="$1"
  echo "ci: PostgreSQL set-up FAILED: $1" >&2
  return 1
}

# Runs a command as the user the server runs as: "postgres" when we are root (initdb refuses root).
pg_as_owner() {
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# sudo only when we are not root and it works without a password.
pg_privileged() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

pg_vector_tarball() {
  local here candidate
  here=$(pwd)
  for candidate in "${BATUTA_PGVECTOR_TARBALL:-}" "$here/../shared/vendor/pgvector-0.8.6.tar.gz" \
    /work/shared/vendor/pgvector-0.8.6.tar.gz; do
    if [ -n "$candidate" ] && [ -f "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

pg_install_vector() {
  local pg_config="$PG_BIN/pg_config" sharedir libdir tarball build
  sharedir=$("$pg_config" --sharedir) || return 1
  libdir=$("$pg_config" --pkglibdir) || return 1
  if [ -f "$sharedir/extension/vector--0.8.6.sql" ] && [ -f "$libdir/vector.so" ]; then
    echo "ci: pgvector 0.8.6 already installed" >&2
    return 0
  fi
  if [ ! -f "$("$pg_config" --includedir-server)/postgres.h" ] || [ ! -f "$("$pg_config" --pgxs)" ]; then
    echo "ci: installing postgresql-server-dev-15 from Debian" >&2
    (pg_privileged apt-get update -qq && pg_privileged apt-get install -y -qq postgresql-server-dev-15) >&2 ||
      { pg_fail "apt-get install postgresql-server-dev-15 failed (needed to build pgvector)"; return 1; }
  fi
  tarball=$(pg_vector_tarball) ||
    { pg_fail "pgvector-0.8.6.tar.gz not found (set BATUTA_PGVECTOR_TARBALL, or put it in ../shared/vendor)"; return 1; }
  build=$(mktemp -d) || return 1
  echo "ci: building pgvector from $tarball" >&2
  if ! (tar xzf "$tarball" -C "$build" && cd "$build"/pgvector-* &&
    make -s OPTFLAGS="" PG_CONFIG="$pg_config" >&2 && pg_privileged make -s install PG_CONFIG="$pg_config" >&2); then
    rm -rf "$build"
    pg_fail "building or installing pgvector from $tarball failed (see the make output above)"
    return 1
  fi
  rm -rf "$build"
}

pg_free_port() {
  node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

pg_start() {
  [ -x "$PG_BIN/initdb" ] || { pg_fail "no PostgreSQL 15 at $PG_BIN (apt-get install postgresql-15)"; return 1; }
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    pg_fail "running as root and there is no postgres user for the server (useradd --system postgres)"
    return 1
  fi
  pg_install_vector || { [ -n "$PG_SKIP_REASON" ] || pg_fail "installing pgvector failed"; return 1; }
  local port password
  port=$(pg_free_port) || { pg_fail "could not find a free port"; return 1; }
  password=$(node -e "console.log(require('node:crypto').randomBytes(12).toString('hex'))")
  PG_DIR=$(mktemp -d /tmp/batuta-pg.XXXXXX) || { pg_fail "mktemp failed"; return 1; }
  chmod 755 "$PG_DIR"
  mkdir "$PG_DIR/data"
  printf '%s\n' "$password" >"$PG_DIR/pwfile"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$PG_DIR"; fi
  echo "ci: starting PostgreSQL on 127.0.0.1:$port in $PG_DIR" >&2
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
    { cat "$PG_DIR/initdb.log" >&2; pg_fail "initdb failed (its output is above)"; return 1; }
  rm -f "$PG_DIR/pwfile"
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 120 start \
    -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" >&2 ||
    { tail -n 20 "$PG_DIR/server.log" >&2; pg_fail "pg_ctl start failed (server log above)"; return 1; }
  export BATUTA_TEST_PG_URL="postgres://postgres:$password@127.0.0.1:$port/postgres"
  export BATUTA_TEST_PG_BIN="$PG_BIN"
  export BATUTA_TEST_PG_TMP="$PG_DIR"
  if ! PGPASSWORD=$password "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt \
    -c 'CREATE EXTENSION IF NOT EXISTS vector' -c 'DROP EXTENSION vector' >/dev/null 2>"$PG_DIR/check.log"; then
    cat "$PG_DIR/check.log" >&2
    unset BATUTA_TEST_PG_URL BATUTA_TEST_PG_BIN BATUTA_TEST_PG_TMP
    pg_fail "the server started but CREATE EXTENSION vector failed (output above)"
    return 1
  fi
  echo "ci: PostgreSQL ready, pgvector works; the PostgreSQL suite will run" >&2
}

# Stops the server and any server a test left running in a folder under $PG_DIR (a replica), then cleans up.
pg_stop() {
  local pid_file
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    for pid_file in "$PG_DIR"/*/postmaster.pid "$PG_DIR"/*/*/postmaster.pid; do
      [ -f "$pid_file" ] || continue
      pg_as_owner "$PG_BIN/pg_ctl" -D "$(dirname "$pid_file")" -m immediate -w stop >/dev/null 2>&1 || true
    done
    rm -rf "$PG_DIR"
  fi
  if [ -n "$PG_SKIP_REASON" ]; then
    echo "ci: NOTE: the PostgreSQL tests were SKIPPED because the set-up failed: $PG_SKIP_REASON" >&2
  fi
}
