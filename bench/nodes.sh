#!/usr/bin/env bash
# Several nodes: the same wrk measurements as bench/static-vs-app.sh (home, an article, a category,
# /feed.xml, two searches; 16 connections, gzip) on three set-ups over the same N notes, in one run:
#
#   sqlite      one node on SQLite, wrk straight at it (the figures of static-vs-app.sh)
#   pg+nginx    one node on PostgreSQL behind nginx (what the proxy and the database server cost)
#   2pg+nginx   two nodes on PostgreSQL behind nginx, round robin (what a second node brings)
#
# then the home page and the article with the output cache off (Blog__OutputCache=false), where
# every request asks the database. Everything shares this machine's cores: wrk, nginx, the nodes
# and PostgreSQL; a second node cannot add cores here, only show what it costs or brings on them.
# Usage: bash bench/nodes.sh [N] (default 1000). Environment: DURATION (10s), CONNECTIONS (16),
# WARMUP (2s), KEEP=1 (keep the temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
source tests/scripts/postgres.sh
source tests/scripts/balancer.sh

n=${1:-1000}
[[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N] (N: a number of notes)" >&2; exit 2; }
duration=${DURATION:-10s} conns=${CONNECTIONS:-16} warmup=${WARMUP:-2s}
article="/posts/note-$(( n / 2 > 0 ? n / 2 : 1 ))"
search_cjk="/search?q=%E6%B3%A8%E6%84%8F" search_en="/search?q=softmax" # 注意, softmax
cached_pages=(home:/ "article:$article" category:/category/python feed:/feed.xml "search-cjk:$search_cjk" "search-en:$search_en")
uncached_pages=(home:/ "article:$article")

bench_init
node_pids=()
nodes_cleanup() {
  local pid
  app_stop
  for pid in "${node_pids[@]}"; do app_pid=$pid; app_stop; done
  balancer_stop
  pg_stop "$work/pg"
  bench_cleanup
}
trap nodes_cleanup EXIT
bench_require wrk wrk
pg_require
balancer_require
bench_log "publishing the app (Release) and building the note generator"
bench_publish

bench_log "N=$n: generate, import into SQLite and into PostgreSQL"
bench_generate "$n" "$work/notes"
bench_import "$work/notes" "$work/sqlite"
echo "import into SQLite: $n notes in $import_ms ms"
pg_start "$work/pg" "$(free_port)"
pg_env=(Blog__Database__Provider=Postgres "ConnectionStrings__Blog=$PG_CONNECTION;Database=blog" "Blog__MediaPath=$work/pg-media")
start=$(date +%s%N)
(cd "$work/app" && env "${pg_env[@]}" timeout 3600 dotnet Blog.dll import "$work/notes" | tail -1)
echo "import into PostgreSQL $PG_VERSION: $n notes in $(ms_since "$start") ms"

# Results, by page and set-up: "rps p50 p99 bad".
declare -A result=()
measure() { # set-up base-url mode page...
  local setup=$1 base=$2 mode=$3 page name path
  shift 3
  for page in "$@"; do # every page warmed up (JIT, cache) before any is measured
    wrk_run "$base${page#*:}" "$conns" "$warmup"
  done
  for page in "$@"; do
    name=${page%%:*} path=${page#*:}
    wrk_run "$base$path" "$conns" "$duration"
    result["$mode $name|$setup"]="$rps $p50 $p99 $bad"
    printf '%-10s %-8s %-10s %7s req/s  p50 %7s ms  p99 %7s ms%s\n' "$setup" "$mode" "$name" "$rps" "$p50" "$p99" \
      "$([ "$bad" -gt 0 ] && echo " ($bad errors or non-2xx answers!)" || true)"
  done
}

# start_nodes COUNT [VAR=value...]: COUNT nodes on PostgreSQL behind a new balancer; sets lb_url.
start_nodes() {
  local count=$1 i ports=()
  shift
  for i in $(seq 1 "$count"); do
    app_start "$work/pg-node$i" "${pg_env[@]}" "Serilog__WriteTo__1__Args__path=$work/pg-node$i/logs/blog-.log" "$@"
    node_pids+=("$app_pid") ports+=("${app_url##*:}")
    app_pid=""
  done
  BALANCER_ACCESS_LOG=off balancer_start "$work/nginx-$count" "$(free_port)" "${ports[@]}"
  lb_url=$BALANCER_URL
}

stop_nodes() {
  local pid
  balancer_stop
  for pid in "${node_pids[@]}"; do app_pid=$pid; app_stop; done
  node_pids=()
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t${THREADS:-2} -c$conns -d$duration, Accept-Encoding: gzip"

bench_log "N=$n: one node on SQLite, output cache on"
app_start "$work/sqlite"
measure sqlite "$app_url" cached "${cached_pages[@]}"
app_stop
bench_log "N=$n: one node on PostgreSQL behind nginx, output cache on"
start_nodes 1
measure pg+nginx "$lb_url" cached "${cached_pages[@]}"
stop_nodes
bench_log "N=$n: two nodes on PostgreSQL behind nginx, output cache on"
start_nodes 2
measure 2pg+nginx "$lb_url" cached "${cached_pages[@]}"
stop_nodes

bench_log "N=$n: the same with the output cache off"
app_start "$work/sqlite" Blog__OutputCache=false
measure sqlite "$app_url" uncached "${uncached_pages[@]}"
app_stop
start_nodes 1 Blog__OutputCache=false
measure pg+nginx "$lb_url" uncached "${uncached_pages[@]}"
stop_nodes
start_nodes 2 Blog__OutputCache=false
measure 2pg+nginx "$lb_url" uncached "${uncached_pages[@]}"
stop_nodes

bench_log "summary, N=$n: requests/s, p50 / p99 in ms"
printf '%-20s %-28s %-28s %-28s\n' page "sqlite (1 node)" "pg+nginx (1 node)" "2pg+nginx (2 nodes)"
for row in "${cached_pages[@]/#/cached }" "${uncached_pages[@]/#/uncached }"; do
  row=${row%%:*}
  line=$(printf '%-20s' "$row")
  for setup in sqlite pg+nginx 2pg+nginx; do
    read -r rps p50 p99 bad <<<"${result["$row|$setup"]}"
    line+=$(printf ' %-28s' "$rps  $p50 / $p99$([ "$bad" -gt 0 ] && echo " ($bad bad)" || true)")
  done
  echo "$line"
done
echo "(one run on a shared $(nproc)-core machine: wrk, nginx, the nodes and PostgreSQL compete for the same cores; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
