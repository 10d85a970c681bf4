# shellcheck shell=bash
# A throwaway PostgreSQL cluster, shared by tests/test.sh, tests/nodes.sh and bench/nodes.sh:
# in a folder of its own, on 127.0.0.1 only, trusting local connections as user "blog", with
# fsync off (it is thrown away). PostgreSQL refuses to run as root, so as root the cluster belongs
# to the "postgres" user that Debian's package creates. Source it, then:
#
#   pg_require               installs Debian's postgresql when initdb is missing
#   pg_start DIR PORT        a new cluster in DIR (created if needed); sets PG_CONNECTION (an
#                            Npgsql connection string without a database), PG_PORT, PG_VERSION
#   pg_stop DIR              stops it (immediately: nothing in it is kept) and removes DIR

pg_require() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && return 0
  echo "Installing postgresql from Debian's packages..." >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# as_pg COMMAND...: runs a PostgreSQL program as its owner (root cannot).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() { # DIR PORT
  local dir=$1 port=$2 bin; bin=$(pg_bin)
  mkdir -p "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres "$dir"
  as_pg "$bin/initdb" -D "$dir/data" -U blog -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
  # -w waits until it accepts connections, -t bounds that wait.
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=blog"
  PG_PORT=$port
  PG_VERSION=$("$bin/postgres" --version | awk '{print $3}')
}

pg_stop() { # DIR
  local dir=$1
  [ -d "$dir/data" ] && as_pg "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -t 30 stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
