#!/usr/bin/env bash
# Figures for the reading site: Markdown render time of a 20,000-character note (50 formulas,
# 10 code blocks), and home/article latency with N imported notes (default 1,000), measured with
# wrk on loopback against the Release build. Usage: bash bench/reading-site.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
count=${1:-1000}
bench_init
bench_require wrk wrk

echo "== Markdown pipeline"
dotnet run --project bench/Bench -c Release -- render

echo "== site with $count notes"
bench_publish
bench_generate "$count" "$work/notes" >/dev/null
bench_import "$work/notes" "$work/data"
echo "import: $import_ms ms for $count notes"
app_start "$work/data"

measure() { # name url
  curl -fs -o /dev/null "$2" || { echo "$1: $2 did not answer 200"; return; }
  wrk -t1 -c1 -d3s "$2" >/dev/null # warm up
  THREADS=1 ACCEPT_ENCODING='' wrk_run "$2" 1 5s
  printf '%-8s median %sms  p99 %sms  (%s req/s, one connection)\n' "$1" "$p50" "$p99" "$rps"
}
measure home "$app_url/"
measure article "$app_url/posts/note-$((count / 2))"
