#!/usr/bin/env bash
# Blog against nginx at its best serving the very same pages from files (each gzipped once at -9,
# gzip_static, sendfile), on this machine, for each N (default: 1000 and 100000 notes). For each N:
# import time, start to first answer, wrk on home, an article, a category, /feed.xml (app and nginx
# alternating, with gzip and without Accept-Encoding, ratios with the load average) and search (app),
# the same pages with the page cache off, RSS after the load, home page transfer size; then a summary
# with targets.
# Usage: bash bench/static-vs-app.sh [N...]
# Environment: DURATION (5s a run of the uncached pages), CACHED_DURATION (3s a server's turn in a
# round on the cached pages), ROUNDS (5: rounds of turns per cached page and encoding),
# CONNECTIONS (16), WARMUP (2s), UNCACHED_WARMUP (10s: each page, page cache off, before any is
# measured), IMPORT_10K=1 (time an import of exactly 10,000 notes even when every N is smaller; 0: never),
# DATA_ROOT (keep the imported notes there and reuse them, e.g. for bench/search.sh), CACHED_ONLY=1
# (stop after the cached pages), KEEP=1 (keep the temp folder).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 100000)
for n in "${sizes[@]}"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N...] (N: a number of notes)" >&2; exit 2; }
done
duration=${DURATION:-5s} cached_duration=${CACHED_DURATION:-3s} rounds=${ROUNDS:-5} conns=${CONNECTIONS:-16} warmup=${WARMUP:-2s} uncached_warmup=${UNCACHED_WARMUP:-10s}
largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)

# nginx at its best for saved pages: each compressed once beforehand (gzip -9), served by gzip_static with sendfile.
export NGINX_HTTP_EXTRA="gzip_static on;"
bench_init
bench_require wrk wrk
bench_require nginx nginx-light nginx
bench_log "publishing the app (Release) and building the note generator"
bench_publish

seconds() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

# The 10,000-note import target, when no N is exactly 10,000: its own notes and data folder.
import_10k() {
  bench_log "import of exactly 10,000 notes"
  bench_generate 10000 "$work/n10k/notes"
  bench_import "$work/n10k/notes" "$work/n10k/data"
  rm -rf "$work/n10k"
  report_import_10k
}
report_import_10k() {
  echo "import: 10000 notes in $(seconds "$import_ms") s"
  summary_add "import of 10,000 notes" 10000 "$(seconds "$import_ms") s" "< 45 s" "$(judge "$import_ms" "<" 45000)"
}

# A page of the app and of nginx at its best (the same saved page gzipped once at -9, gzip_static,
# sendfile) under the same wrk load, with gzip and without Accept-Encoding; without it also Kestrel
# alone (below). This machine's speed changes by up to half within seconds, so the servers take
# turns within each of ROUNDS short rounds, the order turning every round (none always first after
# a change), and the ratio is taken within each round: the median is the figure, with the lowest and
# highest beside it. Also the CPU each server spent per answer over all rounds (nginx: master and
# workers), which a busy machine disturbs far less than requests/s.
compare() { # n name path saved-file
  local n=$1 name=$2 path=$3 file=$4 encoding label round i j
  local nginx_pids; nginx_pids="$nginx_pid $(pgrep -P "$nginx_pid" | tr '\n' ' ')"
  kestrel_alone_start "$file"
  for encoding in gzip ""; do
    label=${encoding:-identity}
    # Servers: 0 the app, 1 nginx, 2 Kestrel alone (without compression only).
    local urls=("$app_url$path" "$nginx_url$path") pids=("$app_pid" "$nginx_pids")
    [ -z "$encoding" ] && [ -n "$alone_url" ] && urls+=("$alone_url$path") pids+=("$alone_pid")
    local count=${#urls[@]} sums=(0 0 0) cpus=(0 0 0) p99s=(0 0 0) errs=0 ratios=() alone_ratios=() got=(0 0 0) before
    for i in $(seq 0 $((count - 1))); do ACCEPT_ENCODING=$encoding wrk_run "${urls[$i]}" "$conns" 1s; done
    for round in $(seq "$rounds"); do
      for j in $(seq 0 $((count - 1))); do
        i=$(( (j + round) % count ))
        before=$(cpu_ms ${pids[$i]})
        ACCEPT_ENCODING=$encoding wrk_run "${urls[$i]}" "$conns" "$cached_duration"
        cpus[i]=$(( ${cpus[i]} + $(cpu_ms ${pids[$i]}) - before ))
        sums[i]=$(( ${sums[i]} + rps )) got[i]=$rps errs=$((errs + bad)) p99s[i]=$(max "${p99s[$i]}" "$p99")
      done
      ratios+=("$(ratio "${got[0]}" "${got[1]}")")
      [ "$count" -eq 3 ] && alone_ratios+=("$(ratio "${got[0]}" "${got[2]}")")
    done
    local spread us=() k
    spread=$(median_spread "${ratios[@]}")
    for k in 0 1; do us+=("$(per_request_us "${cpus[$k]}" "${sums[$k]}" "$cached_duration")"); done
    printf 'N=%-6s cached    %-9s %-8s app %7s req/s  p99 %6s ms  %5s us CPU | nginx %7s req/s  p99 %6s ms  %5s us CPU | app/nginx %s (load %s)%s\n' \
      "$n" "$name" "$label" "$((sums[0] / rounds))" "${p99s[0]}" "${us[0]}" "$((sums[1] / rounds))" "${p99s[1]}" "${us[1]}" "$spread" "$(cut -d' ' -f1 /proc/loadavg)" "$(errors "$errs")"
    summary_add "cached $name, $label: req/s app/nginx" "$n" "${spread%% *}" ">= 0.90" "$(judge "${spread%% *}" '>=' 0.9)$(errors "$errs")"
    summary_add "cached $name, $label: CPU per answer, nginx/app" "$n" "$(awk -v a="${us[0]}" -v b="${us[1]}" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')" "-" "-"
    if [ "$count" -eq 3 ]; then
      spread=$(median_spread "${alone_ratios[@]}")
      printf 'N=%-6s cached    %-9s identity Kestrel alone, the same bytes from memory: %7s req/s | app/Kestrel alone %s, Kestrel alone/nginx %s\n' \
        "$n" "$name" "$((sums[2] / rounds))" "$spread" "$(ratio "${sums[2]}" "${sums[1]}")"
      summary_add "cached $name, identity: req/s app/Kestrel alone" "$n" "${spread%% *}" "-" "-"
    fi
  done
  kestrel_alone_stop
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

median_spread() { # ratios... -> "median (lowest-highest)"
  printf '%s\n' "$@" | sort -g | awk '{ r[NR] = $1 } END { m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2; printf "%.2f (%.2f-%.2f)\n", m, r[1], r[NR] }'
}

# Without compression a large page costs a server that copies what sendfile spares nginx: Kestrel
# copies the bytes into its output pipe, then the kernel copies them into the socket. The most any
# ASP.NET Core app can do is Kestrel alone answering the same saved bytes from memory (Bench serve).
kestrel_alone_start() { # saved-file -> alone_url, alone_pid (empty if it did not start)
  local file=$1 port type="text/html; charset=utf-8"
  [[ $file == *.xml ]] && type="application/rss+xml; charset=utf-8"
  port=$(free_port) alone_url="http://127.0.0.1:$port"
  dotnet bench/Bench/bin/Release/net10.0/Bench.dll serve "$alone_url" "$work/site/$file" "$type" >/dev/null 2>&1 &
  alone_pid=$!
  until curl -fs -o /dev/null --max-time 2 "$alone_url/"; do
    kill -0 "$alone_pid" 2>/dev/null || { echo "Kestrel alone (Bench serve) did not start" >&2; alone_url="" alone_pid=""; return 0; }
    sleep 0.1
  done
}

kestrel_alone_stop() {
  [ -n "$alone_pid" ] || return 0
  kill "$alone_pid"; wait "$alone_pid" 2>/dev/null || true
}

cpu_ms() { # pid... -> CPU time they used so far, ms
  local pid total=0
  for pid in "$@"; do total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  echo $((total * 1000 / $(getconf CLK_TCK)))
}

per_request_us() { # cpu-ms summed-req/s [duration] -> microseconds of CPU per answer over the rounds
  local seconds=${3:-$duration}
  awk -v c="$1" -v r="$2" -v d="${seconds%s}" 'BEGIN { printf "%.1f", (r > 0 ? c * 1000 / (r * d) : 0) }'
}

max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a > b ? a : b) }'; }

# Also the app's CPU per answer, which a busy machine disturbs far less than the latencies.
app_only() { # n mode name path -> also leaves p50/p99 set
  local n=$1 mode=$2 name=$3 path=$4 before
  wrk_run "$app_url$path" "$conns" "$warmup"
  before=$(cpu_ms "$app_pid")
  wrk_run "$app_url$path" "$conns" "$duration"
  printf 'N=%-6s %-9s %-9s app %7s req/s  p50 %7s ms  p99 %7s ms  %7s us CPU per answer (load %s)%s\n' "$n" "$mode" "$name" "$rps" "$p50" "$p99" \
    "$(per_request_us "$(( $(cpu_ms "$app_pid") - before ))" "$rps")" "$(cut -d' ' -f1 /proc/loadavg)" "$(errors "$bad")"
}

errors() { [ "$1" -gt 0 ] && echo " ($1 errors or non-2xx answers!)" || true; }

# The home page's compressed HTML plus the stylesheets and scripts it references, as a browser gets them (br).
home_transfer() { # n
  local html bytes total ref url
  html=$(curl -fs --compressed -H 'Accept-Encoding: br' -o "$work/home.html" -w '%{size_download}' "$app_url/")
  total=$html
  echo "home transfer: HTML $html B (br)"
  for ref in $(grep -oE '<link[^>]*rel="?stylesheet"?[^>]*>|<script[^>]*src="[^"]+"[^>]*>' "$work/home.html" \
      | grep -oE '(href|src)="[^"]+"' | cut -d'"' -f2 | sed 's/&amp;/\&/g'); do
    case $ref in
      http://127.0.0.1:*) url=$ref ;;
      http://* | https://* | //*) echo "  $ref: not on this server, not fetched"; continue ;;
      /*) url=$app_url$ref ;;
      *) url=$app_url/$ref ;;
    esac
    bytes=$(curl -fs --compressed -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$url")
    echo "  + $ref $bytes B"
    total=$((total + bytes))
  done
  local kb; kb=$(awk -v b="$total" 'BEGIN { printf "%.1f", b / 1024 }')
  echo "home transfer: $kb KB in all"
  summary_add "home page transfer (HTML+CSS+JS, br)" "$1" "$kb KB" "< 30 KB" "$(judge "$kb" '<' 30)"
}

# An article from the middle of the blog: note-N/2 as the generator names it, else (data built
# another way, see DATA_ROOT) the first post on the middle page of the home list.
middle_article() { # n
  local path="/posts/note-$(( $1 / 2 > 0 ? $1 / 2 : 1 ))" pages
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$app_url$path")" != 200 ]; then
    pages=$(curl -fs --max-time 60 "$app_url/" | grep -oE 'Page 1 of [0-9]+' | grep -oE '[0-9]+$' || echo 1)
    path=$(curl -fs --max-time 60 "$app_url/?page=$(( (pages + 1) / 2 ))" | grep -oE 'href="/posts/[^"]+"' | head -1 | cut -d'"' -f2)
  fi
  echo "$path"
}

run_size() { # n
  local n=$1 dir="$work/n$1" article
  local search_cjk="/search?q=%E6%B3%A8%E6%84%8F" search_en="/search?q=softmax" # 注意, softmax

  bench_data "$n"
  if [ -n "$reused" ]; then
    bench_log "N=$n: reusing the notes imported in $data (import not timed)"
  else
    bench_log "N=$n: generate and import"
    bench_generate "$n" "$dir/notes"
    bench_import "$dir/notes" "$data"
    rm -rf "$dir/notes"
    echo "import: $n notes in $(seconds "$import_ms") s"
    if [ "$n" = 10000 ]; then report_import_10k; else summary_add "import of $n notes" "$n" "$(seconds "$import_ms") s" "-" "-"; fi
  fi

  bench_log "N=$n: app with the output cache, nginx with the same pages"
  # With the request log on, as a site runs (the uncached runs below log warnings only).
  app_start "$data" Serilog__MinimumLevel__Default=Information
  echo "start to first answer: $start_ms ms ($start_cpu_ms ms of CPU)"
  summary_add "start to first answer (CPU $start_cpu_ms ms)" "$n" "$start_ms ms" "< 2000 ms" "$(judge "$start_ms" '<' 2000)"
  article=$(middle_article "$n")
  echo "article measured: $article"

  rm -rf "$work/site"; mkdir -p "$work/site"
  local name path file
  for name in home:/:home.html "article:$article:article.html" category:/category/python:category.html feed:/feed.xml:feed.xml; do
    IFS=: read -r name path file <<<"$name"
    curl -fs --compressed --max-time 60 -o "$work/site/$file" "$app_url$path" || { echo "$path did not answer 200" >&2; exit 1; }
  done
  gzip -k -9 "$work/site"/*
  chmod -R a+rX "$work/site"
  nginx_start "    location = / { try_files /home.html =404; }
    location = $article { try_files /article.html =404; }
    location = /category/python { try_files /category.html =404; }
    location = /feed.xml { try_files /feed.xml =404; }"
  for name in home:/ "article:$article" category:/category/python feed:/feed.xml; do
    IFS=: read -r name path <<<"$name"
    printf 'N=%-6s %-9s %s: %s B of HTML/XML (nginx: %s); gzip on the wire: app %s B, nginx %s B\n' "$n" "$name" "$path" \
      "$(curl -s --compressed "$nginx_url$path" | wc -c)" \
      "$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "$nginx_url$path")" \
      "$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$app_url$path")" \
      "$(curl -s -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$nginx_url$path")"
  done

  # The first page measured must not pay for the JIT's tiering: every page is warmed up before any is
  # measured. Search is warmed and measured last: a slow search goes on running after wrk stops
  # and would weigh on the pages measured after it.
  for path in / "$article" /category/python /feed.xml; do wrk_run "$app_url$path" "$conns" "$warmup"; done
  compare "$n" home / home.html
  compare "$n" article "$article" article.html
  compare "$n" category /category/python category.html
  compare "$n" feed /feed.xml feed.xml
  app_only "$n" cached search-cjk "$search_cjk"
  app_only "$n" cached search-en "$search_en"
  local rss; rss=$(app_rss_mb)
  echo "RSS after the load (cache on): $rss MB"
  summary_add "RSS after the load, cache on" "$n" "$rss MB" "< 300 MB" "$(judge "$rss" '<' 300)"
  home_transfer "$n"
  nginx_stop
  app_stop

  if [ -n "${CACHED_ONLY:-}" ]; then [ -n "${KEEP:-}" ] || rm -rf "$dir"; return 0; fi
  bench_log "N=$n: app with the output cache off (Blog__OutputCache=false)"
  app_start "$data" Blog__OutputCache=false
  echo "start to first answer (cache off, second start): $start_ms ms ($start_cpu_ms ms of CPU)"
  # Every request renders now, through code the JIT optimises further as it runs hot: right after a
  # start it takes some 25 s of load to settle, and a home page measured at 5 s of load had twice the
  # p99 it has at 30 s. Measured as a server that has been up a while: each page loaded first.
  for path in / "$article" /category/python /feed.xml; do wrk_run "$app_url$path" "$conns" "$uncached_warmup"; done
  app_only "$n" uncached home /
  summary_add "uncached home p99 at $conns connections" "$n" "$p99 ms" "< 20 ms" "$(judge "$p99" '<' 20)"
  app_only "$n" uncached article "$article"
  summary_add "uncached article p99 at $conns connections" "$n" "$p99 ms" "< 20 ms" "$(judge "$p99" '<' 20)"
  app_only "$n" uncached category /category/python
  summary_add "uncached category p50 / p99" "$n" "$p50 / $p99 ms" "-" "-"
  app_only "$n" uncached feed /feed.xml
  summary_add "uncached feed.xml p50 / p99" "$n" "$p50 / $p99 ms" "-" "-"
  rss=$(app_rss_mb)
  echo "RSS after the pages (cache off, before search): $rss MB"
  summary_add "RSS after the pages, cache off, before search" "$n" "$rss MB" "< 300 MB" "$(judge "$rss" '<' 300)"
  app_only "$n" uncached search-cjk "$search_cjk"
  summary_add "uncached search CJK 2 chars p50 / p99" "$n" "$p50 / $p99 ms" "-" "-"
  app_only "$n" uncached search-en "$search_en"
  summary_add "uncached search softmax p50 / p99" "$n" "$p50 / $p99 ms" "-" "-"
  rss=$(app_rss_mb)
  echo "RSS after the load (cache off): $rss MB"
  summary_add "RSS after the load, cache off" "$n" "$rss MB" "< 300 MB" "$(judge "$rss" '<' 300)"
  app_stop
  [ -n "${KEEP:-}" ] || rm -rf "$dir"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t${THREADS:-2} -c$conns -d$duration, Accept-Encoding: gzip"
echo "nginx: the saved pages gzipped once (-9), gzip_static, sendfile; app: its page cache; $rounds rounds of $cached_duration turns, with gzip and without Accept-Encoding; ratios: median of the rounds' (lowest-highest)"
if [ "${IMPORT_10K:-}" = 1 ] || { [ -z "${IMPORT_10K:-}" ] && [ "$largest" -ge 10000 ] && ! printf '%s\n' "${sizes[@]}" | grep -qx 10000; }; then
  import_10k
fi
for n in "${sizes[@]}"; do run_size "$n"; done
summary_print
echo "(targets: the uncached p99 and RSS targets are set for 100,000 notes; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
