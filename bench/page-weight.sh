#!/usr/bin/env bash
# Page weight of an article with 20 screenshots (2560×1600 PNG captures of an editor, a terminal,
# loss curves and attention heatmaps, drawn here), loaded in Debian's Chromium at 390 px (DPR 1 and
# 3) and 1280 px and scrolled through: bytes transferred and LCP with the originals only
# (Blog__ImageVariants=false) and with the WebP copies, and the ratio. Also the time to import 200
# screenshots (10 such notes) with the import command, and with BASELINE_REF=<git ref> the same
# import by that commit's build, for comparison. Target: at 390 px at most a quarter of the bytes.
# Usage: [BASELINE_REF=main] bash bench/page-weight.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_init
[ -x /usr/bin/chromium ] || bench_require chromium chromium

bench_log "publish (Release) and the page loader"
bench_publish
ls "$work/app"/libvips.so.42 >/dev/null || { echo "libvips is missing from the published app" >&2; exit 1; }
mkdir -p "$work/pw"
cp bench/page-weight.mjs "$work/pw/"
(cd "$work/pw" && npm install --silent --no-audit --no-fund playwright-core@1.65.1 >/dev/null)

bench_log "screenshots"
dotnet run --project bench/Bench -c Release --no-build -- screenshots 10 "$work/notes"
mkdir -p "$work/one/assets"
cp "$work/notes/screenshots-1.md" "$work/one/"
grep -o 'assets/[^)]*' "$work/notes/screenshots-1.md" | while read -r f; do cp "$work/notes/$f" "$work/one/assets/"; done
originals=$(du -cb "$work/one/assets"/*.png | tail -1 | cut -f1)

bench_log "import of 200 screenshots"
bench_import "$work/notes" "$work/timing"
echo "import command, 10 notes with 200 screenshots: $import_ms ms"
if [ -n "${BASELINE_REF:-}" ]; then
  mkdir -p "$work/base"
  git archive "$BASELINE_REF" | tar -x -C "$work/base"
  dotnet publish "$work/base/Blog.csproj" -c Release -o "$work/base-app" --nologo -v quiet >/dev/null
  for run in 1 2; do
    rm -rf "$work/base-data"; start=$(date +%s%N)
    (cd "$work/base-app" && ConnectionStrings__Blog="Data Source=$work/base-data/blog.db" Blog__MediaPath="$work/base-data/media" dotnet Blog.dll import "$work/notes" | tail -1)
    base_ms=$(ms_since "$start")
    bench_import "$work/notes" "$work/timing"
    echo "run $run: $BASELINE_REF $base_ms ms, this build $import_ms ms (ratio $(awk -v a="$import_ms" -v b="$base_ms" 'BEGIN { printf "%.2f", a / b }'))"
  done
fi

measure() { # label data-folder [VAR=value...]
  local label=$1 data=$2; shift 2
  app_start "$data" "$@"
  if [ "$label" = after ]; then
    # The copies are made in the background after start (the import command does not make them).
    local start; start=$(date +%s%N) expected=60 deadline=$((SECONDS + 300))
    while [ "$(find "$data/media/variants" -name '*.webp' 2>/dev/null | wc -l)" -lt $expected ] && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
    echo "WebP copies of 20 screenshots made in the background: $(ms_since "$start") ms after start ($(du -cb "$data/media/variants"/*.webp | tail -1 | cut -f1) bytes)"
  fi
  (cd "$work/pw" && node page-weight.mjs "$app_url/posts/screenshots-1" "$label") | tee -a "$work/weights.jsonl"
  app_stop
}

bench_log "originals only"
Blog__ImageVariants=false bench_import "$work/one" "$work/before"
measure before "$work/before" Blog__ImageVariants=false

bench_log "with WebP copies"
bench_import "$work/one" "$work/after"
measure after "$work/after"

bench_log "page weight (20 screenshots, originals $((originals / 1024)) KB in all)"
python3 - "$work/weights.jsonl" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
by = {(r["label"], r["row"]): r for r in rows}
print(f"{'width':10} {'before KB':>10} {'after KB':>10} {'ratio':>6}  {'LCP before':>10} {'LCP after':>10}  images without size")
for row in dict.fromkeys(r["row"] for r in rows):
    b, a = by[("before", row)], by[("after", row)]
    print(f"{row:10} {b['bytes'] / 1024:10.0f} {a['bytes'] / 1024:10.0f} {a['bytes'] / b['bytes']:6.2f}  {b['lcp']:8} ms {a['lcp']:8} ms  {a['withoutSize']}")
r = by[("after", "390px")]["bytes"] / by[("before", "390px")]["bytes"]
print(f"390 px: {r:.2f} of the originals' bytes (target <= 0.25): {'met' if r <= 0.25 else 'MISSED'}")
PY
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
