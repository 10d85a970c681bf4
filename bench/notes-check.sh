#!/usr/bin/env bash
# Imports folders of notes into one fresh site (in the order given, each folder one collection),
# opens every post in Chromium and prints, per post and per collection, the pages a reader would
# see broken: raw TeX, HTML shown as text, literal **, shown comments, broken local images, dead
# links to other posts, formulas holding Chinese prose (a mispaired $), math errors, notes missing.
# Usage: bash bench/notes-check.sh FOLDER [FOLDER...]
# APP_DIR=/some/publish reuses a published app (to measure another checkout); KEEP=1 keeps the work folder.
# Needs Debian's chromium (/usr/bin/chromium) and node; playwright-core comes from npm.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
[ $# -gt 0 ] || { echo "usage: bash bench/notes-check.sh FOLDER [FOLDER...]" >&2; exit 2; }
folders=()
for f in "$@"; do folders+=("$(realpath "$f")"); done
bench_init

if [ -n "${APP_DIR:-}" ]; then
  ln -s "$(realpath "$APP_DIR")" "$work/app"
else
  dotnet publish Blog.csproj -c Release -o "$work/app" --nologo -v quiet
fi
(cd bench/notes-check && { [ -d node_modules/playwright-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent; })

data=$work/data
mkdir -p "$data"
for folder in "${folders[@]}"; do
  bench_log "import $folder"
  (cd "$work/app" && ConnectionStrings__Blog="Data Source=$data/blog.db" Blog__MediaPath="$data/media" \
    dotnet Blog.dll import "$folder" >"$work/import.txt" 2>&1) || true
  # The notes with something to say (missing images, links to notes not imported), then the summary.
  grep -E '^(imported|updated|skipped|failed|linked) +[^:]+: ' "$work/import.txt" | head -60 || true
  tail -1 "$work/import.txt"
done

app_start "$data"
python3 bench/notes-check/report.py list "$data/blog.db" "${folders[@]}" >"$work/posts.json"
python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))["posts"], open(sys.argv[2], "w"), ensure_ascii=False)' "$work/posts.json" "$work/pages.json"
node bench/notes-check/check.mjs "$app_url" "$work/pages.json" >"$work/results.jsonl"
python3 bench/notes-check/report.py report "$work/posts.json" "$work/results.jsonl" "${folders[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
