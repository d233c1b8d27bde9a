# Shared by ./run and ./test: find or install PostgreSQL, and create, start and stop private clusters.
# Source it; every function prints what it does on stderr and exits the script with a message when it cannot.

pg_say() { printf '%s\n' "$*" >&2; }

pg_is_root() { [ "$(id -u)" -eq 0 ]; }

# Prints the directory holding initdb and pg_ctl, installing PostgreSQL when root and it is missing.
pg_find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  if pg_is_root; then
    pg_say "PostgreSQL is not installed; installing Debian's postgresql package..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 \
      || { pg_say "apt-get could not install postgresql; install it and run again."; exit 1; }
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
  fi
  pg_say "PostgreSQL's server programs (initdb, pg_ctl) were not found."
  pg_say "Install them, e.g. 'sudo apt-get install postgresql', or set ConnectionStrings__Portal to an existing server."
  exit 1
}

# Runs a PostgreSQL program as the account that owns clusters: postgres when we are root, else ourselves.
pg_as_owner() {
  if pg_is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# True when the cluster owner can reach (traverse) the given directory.
pg_owner_can_reach() {
  if pg_is_root; then
    (cd / && runuser -u postgres -- test -x "$1") 2>/dev/null
  else
    test -x "$1"
  fi
}

# pg_init_cluster BIN DIR [--no-sync]: creates a cluster in DIR unless one is there.
pg_init_cluster() {
  local bin=$1 dir=$2 sync=${3:-}
  [ -f "$dir/PG_VERSION" ] && return 0
  mkdir -p "$dir"
  chmod 700 "$dir"
  pg_is_root && chown postgres:postgres "$dir"
  pg_as_owner "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 $sync >"$dir.initdb.log" 2>&1 \
    || { pg_say "initdb failed for $dir:"; cat "$dir.initdb.log" >&2; exit 1; }
}

# pg_start_cluster BIN DIR PORT [extra server options]: starts the cluster unless it already runs.
pg_start_cluster() {
  local bin=$1 dir=$2 port=$3 extra=${4:-}
  if pg_as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    return 0
  fi
  if pg_port_busy "$port"; then
    pg_say "Port $port on 127.0.0.1 is taken by another program. Set PORTAL_PG_PORT to a free port and run again."
    exit 1
  fi
  pg_as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 $extra" start >/dev/null \
    || { pg_say "PostgreSQL did not start; its log:"; tail -n 20 "$dir/server.log" >&2; exit 1; }
}

pg_stop_cluster() {
  local bin=$1 dir=$2
  pg_as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

pg_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a port on 127.0.0.1 that nothing listens on.
pg_free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 30000))
    pg_port_busy "$port" || { echo "$port"; return 0; }
  done
  pg_say "No free port was found on 127.0.0.1."
  exit 1
}
