# shellcheck shell=bash
# Debian's nginx as a round-robin load balancer in front of app nodes on loopback, with its own
# configuration, logs and temporary files in a folder of the caller's; shared by tests/nodes.sh
# and bench/nodes.sh. Source it, then:
#
#   balancer_require                    installs nginx when missing, without starting the system's
#   balancer_start DIR PORT PORT...     listens on 127.0.0.1:PORT, round robin over the node ports
#                                       after it; sets BALANCER_PID (nginx's master) and BALANCER_URL
#   balancer_stop                       stops it, waiting at most 5 s
#
# Each answer carries X-Node: the node's address that answered it (for the tests to see who did),
# and DIR/access.log has one line per request: method, path, status, node.

balancer_require() {
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] && return 0
  echo "Installing nginx from Debian's packages..." >&2
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  # Installing must not start the system's nginx on port 80: policy-rc.d (Debian's switch) says no.
  local policy=/usr/sbin/policy-rc.d ours=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && ours=1; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx-light >/dev/null \
    || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
  [ -z "$ours" ] || $sudo rm -f "$policy"
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]
}

balancer_start() { # DIR PORT NODE_PORT...
  local dir=$1 port=$2 servers="" node i
  shift 2
  for node in "$@"; do
    # A node that refuses a connection is left alone for 2 s; the request goes to the next one.
    servers+="    server 127.0.0.1:$node max_fails=1 fail_timeout=2s;"$'\n'
  done
  mkdir -p "$dir/temp"
  # nginx's workers run as nobody when started as root; they write request bodies (uploads) here.
  chmod 777 "$dir/temp"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes ${BALANCER_WORKERS:-2};
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  log_format nodes '\$request_method \$uri \$status \$upstream_addr';
  access_log ${BALANCER_ACCESS_LOG:-$dir/access.log nodes};
  client_body_temp_path $dir/temp/body;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
  client_max_body_size 200m; # as the app: an import .zip may be that large
  upstream blog {
    zone blog 64k; # one round robin for every worker
$servers    keepalive 32;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://blog;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host "";
      proxy_set_header X-Forwarded-Prefix "";
      proxy_set_header Forwarded "";
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;
      add_header X-Node \$upstream_addr always;
    }
  }
}
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  BALANCER_PID=$!
  BALANCER_URL="http://127.0.0.1:$port"
  for i in $(seq 1 100); do # at most ~20 s
    curl -s -o /dev/null --max-time 2 "$BALANCER_URL/healthz" && return 0
    kill -0 "$BALANCER_PID" 2>/dev/null || break
    sleep 0.2
  done
  echo "nginx did not start:" >&2; cat "$dir/error.log" >&2
  return 1
}

balancer_stop() {
  [ -n "${BALANCER_PID:-}" ] || return 0
  kill "$BALANCER_PID" 2>/dev/null || true # TERM: the master stops its workers
  local i
  for i in $(seq 1 50); do kill -0 "$BALANCER_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$BALANCER_PID" 2>/dev/null; then
    # Its workers would outlive a killed master, still listening.
    local workers; workers=$(pgrep -P "$BALANCER_PID" || true)
    kill -KILL "$BALANCER_PID" $workers 2>/dev/null || true
  fi
  wait "$BALANCER_PID" 2>/dev/null || true
  BALANCER_PID=""
}
