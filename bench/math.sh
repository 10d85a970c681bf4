#!/usr/bin/env bash
# Figures for formulas typeset on the server (KaTeX on V8 at save time):
#  - in process: the engine's start, a 300-formula note cold and warm, the cost of a formula, one edit
#    in the 300 (the editor's preview), a formula near the length limit;
#  - on the published app with N generated notes (default 10000) and one 300-formula note: the import,
#    start to first answer (the engine must not start), a start with every post outdated (a new
#    MarkdownRenderer.Version): its first answer and the background re-render's end, RSS after load
#    with the engine started and its parts as the app logs them (.NET heap, V8's heap, native heap,
#    the rest), and the transfer of the 300-formula article as a browser asking for `br, gzip` gets
#    it (HTML + KaTeX's CSS + its script, if any).
# BEFORE=<git ref> (e.g. the commit before server-side math) measures the import and the article's
# transfer on that build too. Usage: [BEFORE=ref] bash bench/math.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
count=${1:-10000}
bench_init
bench_require wrk wrk
bench_require sqlite3 sqlite3

bench_log "typesetter, in process"
dotnet build bench/Bench -c Release --nologo -v quiet >/dev/null
dotnet run --project bench/Bench -c Release --no-build -- math

bench_log "published app, $count generated notes + one 300-formula note"
bench_publish
bench_generate "$count" "$work/notes" >/dev/null
dotnet run --project bench/Bench -c Release --no-build -- math-note "$work/notes/math-300.md"
# CPU seconds of the processes this script waited for (bash's `times`: children's user and system), in $cpu.
children_cpu() { times >"$work/times"; cpu=$(tail -1 "$work/times" | awk '{ gsub(/[ms]/, " "); print $1 * 60 + $2 + $3 * 60 + $4 }'); }
children_cpu; cpu_before=$cpu
bench_import "$work/notes" "$work/data"
children_cpu
echo "import: $((import_ms / 1000)).$((import_ms % 1000 / 100)) s for $((count + 1)) notes, $(awk -v a="$cpu_before" -v b="$cpu" 'BEGIN { printf "%.1f", b - a }') s of CPU (load average $(cut -d' ' -f1 /proc/loadavg))"
summary_add "import of the notes (s)" "$count" "$((import_ms / 1000))" "< 45" "$(judge $((import_ms / 1000)) '<' 45)"

# V8's own threads show whether the engine runs in the app.
v8_threads() { grep -lis '^V8' /proc/"$app_pid"/task/*/comm 2>/dev/null | wc -l; }

app_start "$work/data"
echo "start to first answer: $start_ms ms ($start_cpu_ms ms of CPU); V8 threads in the app: $(v8_threads) (0: not started)"
summary_add "start to first answer (ms)" "$count" "$start_ms" "< 2000" "$(judge "$start_ms" '<' 2000)"

# Transfer of the 300-formula article as a browser gets it: the page as answered to `br, gzip` once
# its brotli copy exists (the page cache makes it after the first answer; a build without one answers
# gzip), plus the math assets it links (KaTeX's CSS, and its script on a build that still had it).
transfer() { # base-url -> "bytes encoding"
  local url=$1/posts/math-300 page total assets encoding="" i
  page=$(curl -fs "$url")
  for i in $(seq 300); do # brotli at its best takes a while on a 300-formula page, longer on a busy machine
    encoding=$(curl -fs -H 'Accept-Encoding: br, gzip' -o /dev/null -D - "$url" | tr -d '\r' | awk -F': ' 'tolower($1) == "content-encoding" { print $2 }')
    [ "$encoding" = br ] && break
    sleep 0.1
  done
  total=$(curl -fs -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$url")
  assets=$(grep -o '/lib/katex/[^"]*\.\(css\|js\)' <<<"$page" | sort -u || true)
  for a in $assets; do total=$((total + $(curl -fs -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$1$a"))); done
  echo "$total ${encoding:-identity}"
}
read -r after_bytes after_encoding < <(transfer "$app_url")
echo "300-formula article: $after_bytes bytes ($after_encoding; HTML + KaTeX's CSS; fonts not counted)"
app_stop

# A start after a pipeline change re-renders every post: the site answers first, then the engine
# starts and every formula passes through it in the background.
version=$(sqlite3 "$work/data/blog.db" "SELECT max(RenderVersion) FROM Posts")
sqlite3 "$work/data/blog.db" "UPDATE Posts SET RenderVersion = 0; DELETE FROM Settings WHERE Key = '_render_version';"
started_ns=$(date +%s%N)
# The site logs its memory, split into its parts, after the re-render and at stop (Information, which the bench's Warning level hides).
app_start "$work/data" Serilog__MinimumLevel__Override__Blog.Hosting.ProcessMemory=Information \
  Serilog__MinimumLevel__Override__Blog.Posts.BackgroundRerender=Information
echo "start with $((count + 1)) posts to re-render, to first answer: $start_ms ms ($start_cpu_ms ms of CPU)"
summary_add "start to first answer, every post outdated (ms)" "$count" "$start_ms" "< 2000" "$(judge "$start_ms" '<' 2000)"
until [ "$(sqlite3 "$work/data/blog.db" "SELECT count(*) FROM Posts WHERE RenderVersion < $version" 2>/dev/null)" = 0 ]; do
  kill -0 "$app_pid" || { echo "the app exited during the re-render" >&2; exit 1; }
  sleep 0.5
done
echo "re-render in the background: every post current $(( $(ms_since "$started_ns") / 1000 )) s after the start; V8 threads: $(v8_threads)"
sleep 1 # the memory the re-render took is given back when it ends
THREADS=2 wrk_run "$app_url/posts/math-300" 16 10s
wrk_run "$app_url/" 16 10s
rss=$(app_rss_mb)
echo "RSS after 20 s of load, engine started: $rss MB"
summary_add "RSS after load, engine started (MB)" "$count" "$rss" "< 300" "$(judge "$rss" '<' 300)"
app_stop
grep -o 'Memory after the re-render: .*' "$work/app.log" | tail -1 || true
grep -o 'Memory at stop: .*' "$work/app.log" | tail -1 || echo "(no memory line in the app's log)"

if [ -n "${BEFORE:-}" ]; then
  bench_log "the same on $BEFORE"
  git worktree add --detach "$work/before-src" "$BEFORE" >/dev/null 2>&1
  (cd "$work/before-src" && dotnet publish Blog.csproj -c Release -o "$work/before-app" --nologo -v quiet >/dev/null)
  git worktree remove --force "$work/before-src"
  mv "$work/app" "$work/after-app" && mv "$work/before-app" "$work/app"
  after_import_ms=$import_ms
  bench_import "$work/notes" "$work/before-data"
  echo "import before: $((import_ms / 1000)).$((import_ms % 1000 / 100)) s, after: $((after_import_ms / 1000)).$((after_import_ms % 1000 / 100)) s"
  app_start "$work/before-data"
  read -r before_bytes before_encoding < <(transfer "$app_url")
  echo "300-formula article: before $before_bytes bytes ($before_encoding; HTML + KaTeX's CSS and script), after $after_bytes bytes ($after_encoding)"
  app_stop
  mv "$work/app" "$work/before-app" && mv "$work/after-app" "$work/app"
fi
summary_print
