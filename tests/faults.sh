#!/usr/bin/env bash
# Faults lose nothing. Kills with SIGKILL, mid-write, (a) the import command while it imports
# ~2,000 notes beside the running site, and (b) the site during a burst of saves through its real
# admin; then checks the database: PRAGMA integrity_check is ok, every post is whole (rendered HTML,
# search row, its images' files), every save answered with success is there, and importing again
# finishes the job without duplicates. (c) A backup taken while saves run opens, is whole, and
# serves as a site. Publishes the app once (or uses BLOG_APP); everything runs on 127.0.0.1, in a
# temporary folder, and every process started is stopped on exit.
#
#   bash tests/faults.sh        NOTES=2000 WRITERS=4 to change the sizes
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/blog.sh
source tests/scripts/blog.sh

NOTES=${NOTES:-2000}
WRITERS=${WRITERS:-4}
work=$(mktemp -d /tmp/blog-faults.XXXXXX)
cleanup() { stop_all; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

require sqlite3 sqlite3
require python3 python3
require curl curl
app=$(published_app "$work")
started=$(date +%s)

# ---------- (a) SIGKILL the import command midway ----------
log "(a) import of $NOTES notes, killed midway, beside the running site"
python3 tests/scripts/generate-notes.py "$NOTES" "$work/notes"
data="$work/a"
port=$(free_port)
start_app "$app" "$data" "$port"
db="$data/blog.db"
before=$(sql "$db" "SELECT count(*) FROM Posts;")

blog_run "$app" "$data" -- import "$work/notes" >"$work/import-1.log" 2>&1 &
import_pid=$!
remember "$import_pid"
target=$((before + NOTES / 3))
for _ in $(seq 1 600); do # at most 120 s
  [ "$(sql "$db" "SELECT count(*) FROM Posts;")" -ge "$target" ] && break
  kill -0 "$import_pid" 2>/dev/null || fail "the import ended before it could be killed: $(tail -3 "$work/import-1.log")"
  sleep 0.2
done
sigkill "$import_pid"
imported=$(( $(sql "$db" "SELECT count(*) FROM Posts;") - before ))
sleep 1
[ "$(( $(sql "$db" "SELECT count(*) FROM Posts;") - before ))" = "$imported" ] || fail "(a) posts still arrive after the kill"
[ "$imported" -lt "$NOTES" ] || fail "the import finished before the kill"
log "(a) killed the import after $imported of $NOTES notes"
check_database "$db" "$data/media" "(a) after the kill"
# What the site shows of a note imported before the kill is the whole note.
slug=$(sql "$db" "SELECT Slug FROM Posts WHERE SourceKey IS NOT NULL ORDER BY Id DESC LIMIT 1;")
shows "http://127.0.0.1:$port" "/posts/$slug" 'class="math' || fail "(a) the last imported post /posts/$slug does not show its math"

blog_run "$app" "$data" -- import "$work/notes" >"$work/import-2.log" 2>&1 &
remember $!
wait_bounded $! 600 || fail "(a) importing again failed: $(tail -3 "$work/import-2.log")"
summary=$(tail -1 "$work/import-2.log")
total=$(sql "$db" "SELECT count(*) FROM Posts WHERE SourceKey IS NOT NULL;")
duplicates=$(sql "$db" "SELECT count(*) - count(DISTINCT SourceKey) FROM Posts WHERE SourceKey IS NOT NULL;")
[ "$total" = "$NOTES" ] && [ "$duplicates" = 0 ] || fail "(a) after importing again: $total posts for $NOTES notes, $duplicates duplicates"
check_database "$db" "$data/media" "(a) after importing again ($summary)"
stop_all

# ---------- (b) SIGKILL the site during a burst of saves ----------
log "(b) a burst of saves from $WRITERS writers, the site killed in the middle"
data="$work/b"
db="$data/blog.db"
create_admin "$app" "$data" author
port=$(free_port)
start_app "$app" "$data" "$port"
site_pid=$BLOG_PID
base="http://127.0.0.1:$port"
sign_in "$base" "$work/jar-b" author
token=$(editor_token "$base" "$work/jar-b")

writer() { # N: saves until the site stops answering; each line "STATUS TITLE"
  local n=$1 i status misses=0
  for i in $(seq 1 500); do
    status=$(save_post "$base" "$work/jar-b" "$token" "burst-$n-$i" "$(note_markdown "$n-$i")")
    echo "$status burst-$n-$i" >>"$work/saves-$n.log"
    if [ "$status" = 302 ]; then misses=0; else misses=$((misses + 1)); [ "$misses" -lt 3 ] || break; fi
  done
}
for n in $(seq 1 "$WRITERS"); do writer "$n" & remember $!; done
for _ in $(seq 1 300); do # at most 60 s
  [ "$(cat "$work"/saves-*.log 2>/dev/null | grep -c '^302 ')" -ge 60 ] && break
  sleep 0.2
done
sigkill "$site_pid"
wait_writers=0
for pid in "${BLOG_PIDS[@]}"; do [ "$pid" = "$site_pid" ] || wait "$pid" 2>/dev/null || wait_writers=1; done
answered=$(cat "$work"/saves-*.log | grep -c '^302 ' || true)
unanswered=$(cat "$work"/saves-*.log | grep -vc '^302 ' || true)
log "(b) killed the site: $answered saves answered 302, $unanswered cut off or refused"

start_app "$app" "$data" "$port"
check_database "$db" "$data/media" "(b) after the restart"
cat "$work"/saves-*.log | awk '$1 == 302 { print $2 }' | sort >"$work/answered.txt"
sql "$db" "SELECT Title FROM Posts WHERE Title LIKE 'burst-%';" | sort >"$work/present.txt"
lost=$(comm -23 "$work/answered.txt" "$work/present.txt" | wc -l)
[ "$lost" = 0 ] || fail "(b) $lost saves answered 302 are missing: $(comm -23 "$work/answered.txt" "$work/present.txt" | head -5 | tr '\n' ' ')"
extra=$(( $(wc -l <"$work/present.txt") - answered ))
last=$(tail -1 "$work/answered.txt")
shows "$base" "/posts/$last" "$last" || fail "(b) /posts/$last does not show the saved post"
log "(b) all $answered answered saves are there ($extra more were saved but cut off before their answer)"

# ---------- (c) a backup taken while saves run ----------
log "(c) backups taken while saves run"
sign_in "$base" "$work/jar-c" author
token=$(editor_token "$base" "$work/jar-c")
: >"$work/saves-c.log"
(
  for i in $(seq 1 400); do
    [ -f "$work/stop-c" ] && break
    echo "$(save_post "$base" "$work/jar-c" "$token" "during-backup-$i" "$(note_markdown "c-$i")") during-backup-$i" >>"$work/saves-c.log"
  done
) &
remember $!
writer_c=$!
for k in 1 2 3; do
  sleep 1
  blog_cli "$app" "$data" backup "$work/backup-$k.db" >"$work/backup-$k.log" 2>&1 || fail "(c) backup $k failed: $(cat "$work/backup-$k.log")"
  during=$(grep -c '^302 ' "$work/saves-c.log" || true)
  check_database "$work/backup-$k.db" "$data/media" "(c) backup $k, taken after $during saves of the writer"
done
touch "$work/stop-c"
wait "$writer_c" 2>/dev/null || true
[ "$(grep -c '^302 ' "$work/saves-c.log")" -gt 0 ] || fail "(c) no save succeeded while the backups ran"
# The backup opens as a site of its own.
mkdir -p "$work/restored"
cp "$work/backup-3.db" "$work/restored/blog.db"
cp -r "$data/media" "$work/restored/media" 2>/dev/null || true
restored_port=$(free_port)
start_app "$app" "$work/restored" "$restored_port"
shows "http://127.0.0.1:$restored_port" /archive burst- || fail "(c) the restored backup does not list the posts"
log "(c) the backup serves as a site: /healthz and /archive answer"

log "faults: all checks passed in $(( $(date +%s) - started )) s"
