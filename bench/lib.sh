# shellcheck shell=bash
# Shared pieces of the bench scripts. Source it from the repository root, then call bench_init.
# Everything runs on 127.0.0.1; every server started here is stopped on exit; every wait is bounded.

bench_init() { # creates $work and the exit trap
  work=$(mktemp -d /tmp/blog-bench.XXXXXX)
  chmod 755 "$work" # nginx's workers (user nobody) read the saved pages under it
  app_pid="" nginx_pid=""
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  app_stop
  nginx_stop
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}

bench_log() { printf '\n== %s\n' "$*"; }

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); } # start_ns

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Debian packages, installed only when missing (apt-get is idempotent; the update is done at most once).
bench_require() { # command package...
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] && return 0
  [ -n "${apt_updated:-}" ] || { apt-get update -qq; apt_updated=1; }
  # Installing nginx must not start the system's nginx on port 80: policy-rc.d (Debian's switch) says no.
  local policy=/usr/sbin/policy-rc.d ours="" package installed=""
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && ours=1; fi
  for package in "$@"; do
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null && { installed=1; break; }
  done
  [ -z "$ours" ] || rm -f "$policy"
  [ -n "$installed" ] || { echo "could not install $cmd (tried: $*)" >&2; return 1; }
}

# The app in Release, published once per run into $work/app; the note generator built once.
bench_publish() {
  [ -f "$work/app/Blog.dll" ] && return 0
  dotnet publish Blog.csproj -c Release -o "$work/app" --nologo -v quiet
  dotnet build bench/Bench -c Release --nologo -v quiet >/dev/null
}

bench_generate() { # count folder
  dotnet run --project bench/Bench -c Release --no-build -- generate "$1" "$2"
}

# Where the imported data of N notes lives: under $work (deleted at exit), or in DATA_ROOT/nN when
# DATA_ROOT is set, kept and reused by later runs (then not imported nor timed again). Sets data, reused.
bench_data() { # n
  data=${DATA_ROOT:+$(realpath -m "$DATA_ROOT")/n$1}
  data=${data:-$work/n$1/data}
  reused=""
  [ -f "$data/blog.db" ] && reused=1
  return 0
}

# Imports a folder of notes into a fresh data folder with the published app; sets import_ms.
bench_import() { # notes-folder data-folder
  rm -rf "$2"
  local start; start=$(date +%s%N)
  (cd "$work/app" && ConnectionStrings__Blog="Data Source=$2/blog.db" Blog__MediaPath="$2/media" \
    timeout "${IMPORT_TIMEOUT:-14400}" dotnet Blog.dll import "$1" | tail -1)
  import_ms=$(ms_since "$start")
}

# Starts the published app on a free loopback port against a data folder and waits for the first
# answer to GET / (at most START_TIMEOUT s, default 300); sets app_url, app_pid, start_ms, start_cpu_ms. Extra VAR=value pairs go to its environment.
app_start() { # data-folder [VAR=value...]
  local data=$1; shift
  local port; port=$(free_port)
  app_url="http://127.0.0.1:$port"
  local start; start=$(date +%s%N)
  (cd "$work/app" && exec env ConnectionStrings__Blog="Data Source=$data/blog.db" Blog__MediaPath="$data/media" \
    ASPNETCORE_URLS="$app_url" Serilog__MinimumLevel__Default=Warning "$@" dotnet Blog.dll >>"$work/app.log" 2>&1) &
  app_pid=$!
  local code=000 deadline=$((SECONDS + ${START_TIMEOUT:-300}))
  while [ "$code" = 000 ] && [ $SECONDS -lt $deadline ]; do
    kill -0 "$app_pid" 2>/dev/null || { echo "the app exited; its log:" >&2; tail -20 "$work/app.log" >&2; return 1; }
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time "${START_TIMEOUT:-300}" "$app_url/" || true)
    [ "$code" = 000 ] && sleep 0.02
  done
  start_ms=$(ms_since "$start")
  # CPU the app used to get there: on a loaded machine the wall time mostly measures the others.
  start_cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$app_pid/stat" 2>/dev/null || echo "?")
  [ "$code" = 200 ] || { echo "the app answered $code to GET / (log: $work/app.log)" >&2; return 1; }
}

app_stop() {
  [ -n "${app_pid:-}" ] || return 0
  kill "$app_pid" 2>/dev/null || true
  local i
  for i in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

app_rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$app_pid/status"; }

# nginx serving a folder of saved pages, with its own config under $work/nginx; sets nginx_url, nginx_pid.
nginx_start() { # config-body (the server's locations)
  local dir="$work/nginx" port; port=$(free_port)
  mkdir -p "$dir"
  nginx_url="http://127.0.0.1:$port"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; application/rss+xml xml; text/css css; application/javascript js; }
  default_type application/octet-stream;
  charset utf-8;
  charset_types application/rss+xml; # and text/html, always
  gzip on;
  gzip_vary on;
  gzip_types application/rss+xml application/xml text/xml; # and text/html, always
  ${NGINX_HTTP_EXTRA:-}
  server {
    listen 127.0.0.1:$port;
    root $work/site;
$1
  }
}
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  nginx_pid=$!
  local i
  for i in $(seq 100); do
    curl -s -o /dev/null --max-time 2 "$nginx_url/" && return 0
    kill -0 "$nginx_pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "nginx did not start:" >&2; cat "$dir/error.log" >&2
  return 1
}

nginx_stop() {
  [ -n "${nginx_pid:-}" ] || return 0
  kill "$nginx_pid" 2>/dev/null || true # TERM: the master stops its workers
  local i
  for i in $(seq 50); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=""
}

# wrk, accepting gzip unless ACCEPT_ENCODING says otherwise (empty: none); sets rps, p50, p99 (ms)
# and bad (non-2xx/3xx answers + socket errors).
wrk_run() { # url connections duration
  local out header=()
  [ -n "${ACCEPT_ENCODING-gzip}" ] && header=(-H "Accept-Encoding: ${ACCEPT_ENCODING-gzip}")
  out=$(wrk -t"${THREADS:-2}" -c"$2" -d"$3" --timeout 10s --latency "${header[@]}" "$1")
  read -r rps p50 p99 bad < <(awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /[0-9]m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad += $NF } /Socket errors/ { gsub(/,/, ""); bad += $4 + $6 + $8 + $10 }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad }' <<<"$out")
}

# Server time of up to COUNT sequential GETs on one kept-alive connection (curl time_total), after
# 3 to warm up; fewer when they would take more than BUDGET seconds (default 60) at the last warm-up's
# pace. Sets p50 and p99 in ms (with 100 requests, p99 is the 99th slowest) and done (how many ran).
curl_times() { # url count [curl options...]
  local url=$1 count=$2; shift 2
  local warm
  warm=$(curl -s --max-time 120 --compressed "$@" -w '%{time_total}\n' -o /dev/null "$url" -o /dev/null "$url" -o /dev/null "$url" | tail -1)
  done=$(awk -v n="$count" -v w="$warm" -v b="${BUDGET:-60}" 'BEGIN { m = w > 0 ? int(b / w) : n; if (m < 10) m = 10; print (m < n ? m : n) }')
  local args=() i
  for i in $(seq "$done"); do args+=(-o /dev/null "$url"); done
  read -r p50 p99 < <(curl -s --max-time 120 --compressed "$@" -w '%{time_total}\n' "${args[@]}" | percentiles)
}

percentiles() { # seconds, one a line -> "p50 p99" in ms
  sort -g | awk '{ t[NR] = $1 * 1000 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.2f %.2f\n", t[int((NR + 1) / 2)], t[i] }'
}

# Rows for the closing summary: label, N, value, target, result.
summary_add() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$work/summary.tsv"; }

summary_print() {
  bench_log "summary"
  printf '%-50s %7s  %-14s %-14s %s\n' figure N value target result
  [ -f "$work/summary.tsv" ] || return 0
  while IFS=$'\t' read -r label n value target result; do
    printf '%-50s %7s  %-14s %-14s %s\n' "$label" "$n" "$value" "$target" "$result"
  done <"$work/summary.tsv"
}

# pass or MISS for value against "< limit" or ">= limit", with how far off a miss is.
judge() { # value op limit
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    ok = (op == "<") ? (v < l) : (v >= l)
    if (ok) print "pass"; else if (op == "<") printf "MISS (%.1fx the limit)\n", v / l; else printf "MISS (%.0f%% of the target)\n", 100 * v / l }'
}
