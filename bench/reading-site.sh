#!/usr/bin/env bash
# Figures for the reading site: Markdown render time of a 20,000-character note (50 formulas,
# 10 code blocks), and home/article latency with N imported notes (default 1,000), measured with
# wrk on loopback against the Release build. Usage: bash bench/reading-site.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
work=$(mktemp -d)
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

echo "== Markdown pipeline"
dotnet run --project bench/Bench -c Release -- render

echo "== site with $count notes"
dotnet publish Blog.csproj -c Release -o "$work/app" --nologo -v quiet
dotnet run --project bench/Bench -c Release -- generate "$count" "$work/notes" >/dev/null
export ConnectionStrings__Blog="Data Source=$work/data/blog.db" Blog__MediaPath="$work/data/media"
start=$(date +%s%N)
(cd "$work/app" && dotnet Blog.dll import "$work/notes" | tail -1)
echo "import: $(( ($(date +%s%N) - start) / 1000000 )) ms for $count notes"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$work/app" && Serilog__MinimumLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet Blog.dll >"$work/app.log" 2>&1) &
app_pid=$!
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do sleep 0.2; done

measure() { # name url
  curl -fs -o /dev/null "$2" || { echo "$1: $2 did not answer 200"; return; }
  wrk -t1 -c1 -d3s "$2" >/dev/null  # warm up
  wrk -t1 -c1 -d5s --latency "$2" | awk -v name="$1" '
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /Requests\/sec/ { rps = $2 }
    END { printf "%-8s median %s  p99 %s  (%s req/s, one connection)\n", name, p50, p99, rps }'
}
measure home "http://127.0.0.1:$port/"
measure article "http://127.0.0.1:$port/posts/note-$((count / 2))"
