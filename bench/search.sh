#!/usr/bin/env bash
# Search speed: with N imported notes (default 100,000) and the output cache off, the server time
# (median, p99) of /search for a two-character CJK word, a longer CJK phrase and an English term,
# and of /feed.xml: built (a Host never seen, so the feed service builds it) and served (built before).
# Usage: bash bench/search.sh [N]
# Environment: REQUESTS (100 per figure), BUDGET (60: seconds per figure, fewer requests when slow),
# DATA_ROOT (keep the imported notes there and reuse them, see bench/lib.sh), KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
count=${1:-100000}
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [N]" >&2; exit 2; }
requests=${REQUESTS:-100}

bench_init
bench_log "publishing the app (Release), generating and importing $count notes"
bench_publish
bench_data "$count"
if [ -n "$reused" ]; then
  echo "reusing the notes imported in $data"
else
  bench_generate "$count" "$work/notes"
  bench_import "$work/notes" "$data"
  rm -rf "$work/notes"
  echo "import: $count notes in $(awk -v ms="$import_ms" 'BEGIN { printf "%.1f", ms / 1000 }') s"
fi
app_start "$data" Blog__OutputCache=false

bench_log "N=$count, output cache off, up to $requests sequential requests per figure (at most ${BUDGET:-60} s each), curl time_total"
printf '%-30s %10s %10s  %-10s %s\n' figure p50_ms p99_ms goal found
search() { # label query-url-encoded
  local found
  found=$(curl -fs --compressed --max-time 60 "$app_url/search?q=$2" | grep -oE '[0-9]+(\+|&#x2B;)? notes? found' | sed 's/&#x2B;/+/' | head -1 || true)
  curl_times "$app_url/search?q=$2" "$requests"
  printf '%-30s %10s %10s  %-10s %s\n' "$1" "$p50" "$p99" "$(judge "$p50" '<' 50)" "$done requests; ${found:-no results line}"
}
search "search 注意 (CJK, 2, common)" "%E6%B3%A8%E6%84%8F"
search "search 蒸馏 (CJK, 2 chars)" "%E8%92%B8%E9%A6%8F"
search "search 低秩适配 (CJK phrase)" "%E4%BD%8E%E7%A7%A9%E9%80%82%E9%85%8D"
search "search softmax (English)" "softmax"

# The feed service keeps one built feed per base URL: a new Host header makes it build again.
times=() deadline=$((SECONDS + ${BUDGET:-60}))
for i in $(seq "$requests"); do
  times+=("$(curl -fs --compressed --max-time 120 -H "Host: feed-$i.bench.invalid" -o /dev/null -w '%{time_total}' "$app_url/feed.xml")")
  [ $SECONDS -lt $deadline ] || break
done
read -r p50 p99 < <(printf '%s\n' "${times[@]}" | percentiles)
printf '%-30s %10s %10s  %-10s %s\n' "feed.xml built" "$p50" "$p99" "-" "${#times[@]} requests; $(curl -fs --compressed "$app_url/feed.xml" | grep -o '<item>' | wc -l) items"
curl_times "$app_url/feed.xml" "$requests"
printf '%-30s %10s %10s  %-10s %s\n' "feed.xml served (built before)" "$p50" "$p99" "-" "$done requests"
echo "(goal: first page of results under 50 ms median; load average $(cut -d' ' -f1-3 /proc/loadavg))"
