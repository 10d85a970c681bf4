#!/usr/bin/env bash
# Load: wrk on the public pages while a client saves posts through the real admin in a loop. Passes
# with zero 5xx (readers and saves), zero "database is locked" in the log, and every save present
# afterwards; prints requests/s, latency percentiles and the saves done. Publishes the app once (or
# uses BLOG_APP); runs on 127.0.0.1 in a temporary folder; every process started is stopped on exit.
#
#   bash tests/load.sh                 60 s of load (LOAD_SECONDS=20 for a shorter run, as CI does)
#   LOAD_CONNECTIONS=16 LOAD_THREADS=2 the wrk settings
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/blog.sh
source tests/scripts/blog.sh

SECONDS_OF_LOAD=${LOAD_SECONDS:-60}
CONNECTIONS=${LOAD_CONNECTIONS:-16}
THREADS=${LOAD_THREADS:-2}
NOTES=${LOAD_NOTES:-300}
work=$(mktemp -d /tmp/blog-load.XXXXXX)
cleanup() { stop_all; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

require sqlite3 sqlite3
require python3 python3
require curl curl
require wrk wrk
app=$(published_app "$work")

# A site with $NOTES notes, and an author.
data="$work/data"
db="$data/blog.db"
python3 tests/scripts/generate-notes.py "$NOTES" "$work/notes"
blog_cli "$app" "$data" import "$work/notes" >"$work/import.log" 2>&1 || fail "import: $(tail -3 "$work/import.log")"
create_admin "$app" "$data" author
port=$(free_port)
start_app "$app" "$data" "$port"
base="http://127.0.0.1:$port"

# What readers ask for: lists, articles (math and code), archive, a category, a tag, search, feeds.
quote() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
{
  echo "/"; echo "/?page=2"; echo "/?page=7"; echo "/archive"; echo "/category/large-model"
  echo "/tag/$(quote "$(sql "$db" "SELECT Slug FROM Tags ORDER BY Id LIMIT 1;")")"
  echo "/search?q=$(quote 注意力)"; echo "/search?q=warmup"; echo "/feed.xml"; echo "/sitemap.xml"
  sql "$db" "SELECT Slug FROM Posts ORDER BY Id DESC LIMIT 40;" | while IFS= read -r slug; do echo "/posts/$(quote "$slug")"; done
} >"$work/paths.txt"

cat >"$work/load.lua" <<'EOF'
-- Rotates over the paths in paths.txt; counts answers by class in every thread.
local paths, threads = {}, {}
for line in io.lines(os.getenv("PATHS_FILE")) do paths[#paths + 1] = line end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init()
  n, server_errors, other = id, 0, 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status)
  if status >= 500 then server_errors = server_errors + 1
  elseif status >= 400 then other = other + 1 end
end

function done(summary, latency)
  local server_errors, other = 0, 0
  for _, thread in ipairs(threads) do
    server_errors = server_errors + thread:get("server_errors")
    other = other + thread:get("other")
  end
  io.write(string.format("RESULT requests=%d seconds=%.1f rps=%.0f p50=%.1f p90=%.1f p99=%.1f max=%.1f 5xx=%d 4xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    server_errors, other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
EOF

# The author saves posts, one after another, for as long as the readers read.
sign_in "$base" "$work/jar" author
token=$(editor_token "$base" "$work/jar")
: >"$work/saves.log"
(
  for i in $(seq 1 100000); do
    [ -f "$work/stop" ] && break
    result=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' --max-time 15 -b "$work/jar" \
      --data-urlencode "Input.Title=load-save-$i" --data-urlencode "Input.Markdown=$(note_markdown "load-$i")" \
      --data-urlencode "Input.SlugFromTitle=true" --data-urlencode "intent=publish" \
      --data-urlencode "__RequestVerificationToken=$token" "$base/admin/posts/new" 2>/dev/null || echo "000 0")
    echo "$result load-save-$i" >>"$work/saves.log"
  done
) &
saver=$!
remember "$saver"

log "load: wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_OF_LOAD}s over $(wc -l <"$work/paths.txt") public paths, saves in a loop"
PATHS_FILE="$work/paths.txt" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_OF_LOAD}s" --timeout 10s -s "$work/load.lua" "$base" >"$work/wrk.log" 2>&1 \
  || { cat "$work/wrk.log" >&2; fail "wrk failed"; }
touch "$work/stop"
wait_bounded "$saver" 30 || true

result=$(grep '^RESULT' "$work/wrk.log") || { cat "$work/wrk.log" >&2; fail "wrk printed no result"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" ${result#RESULT}"; }
saves=$(wc -l <"$work/saves.log")
saved=$(awk '$1 == 302' "$work/saves.log" | wc -l)
save_p50=$(awk '$1 == 302 { print $2 }' "$work/saves.log" | sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "%.0f", a[int(NR * 0.5) + (NR * 0.5 > int(NR * 0.5))] * 1000 }')
save_p99=$(awk '$1 == 302 { print $2 }' "$work/saves.log" | sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "%.0f", a[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))] * 1000 }')

echo
echo "== load: ${SECONDS_OF_LOAD} s, $CONNECTIONS connections on $(nproc) cores"
echo "readers: $(field requests) requests, $(field rps) requests/s; latency p50 $(field p50) ms, p90 $(field p90) ms, p99 $(field p99) ms, max $(field max) ms"
echo "readers: $(field 5xx) answers 5xx, $(field 4xx) answers 4xx, $(field socket_errors) socket errors"
echo "author:  $saves saves sent, $saved answered 302; save p50 ${save_p50:-?} ms, p99 ${save_p99:-?} ms"

# The verdict.
locked=$(cat "$data"/logs/*.log "$data/console.log" 2>/dev/null | grep -ci "database is locked" || true)
logged_5xx=$(cat "$data"/logs/*.log 2>/dev/null | grep -cE "responded 5[0-9][0-9]" || true)
echo "log:     $locked \"database is locked\", $logged_5xx requests answered 5xx"
[ "$(field 5xx)" = 0 ] || fail "readers got $(field 5xx) answers 5xx"
[ "$(field socket_errors)" = 0 ] || fail "readers had $(field socket_errors) socket errors"
[ "$saved" = "$saves" ] || fail "$((saves - saved)) saves were not answered 302: $(awk '$1 != 302' "$work/saves.log" | head -3 | tr '\n' ' ')"
[ "$saved" -gt 0 ] || fail "no save was made"
[ "$locked" = 0 ] || fail "\"database is locked\" in the log $locked times"
[ "$logged_5xx" = 0 ] || fail "the log shows $logged_5xx answers 5xx"
awk '$1 == 302 { print $3 }' "$work/saves.log" | sort >"$work/answered.txt"
sql "$db" "SELECT Title FROM Posts WHERE Title LIKE 'load-save-%';" | sort >"$work/present.txt"
missing=$(comm -23 "$work/answered.txt" "$work/present.txt" | wc -l)
[ "$missing" = 0 ] || fail "$missing saves are missing afterwards"
check_database "$db" "$data/media" "after the load"
echo "load: passed, every one of the $saved saves is there"
