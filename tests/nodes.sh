#!/usr/bin/env bash
# Two app nodes on one PostgreSQL behind nginx, as a site outgrows one machine. Each node runs
# from its own copy of the app in its own folder, with the same ConnectionStrings__Blog and the
# same shared Blog__MediaPath; nginx balances round robin over them. Through the balancer, with
# curl: an admin created with the CLI signs in (the form from one node, the post to the other),
# publishes a Chinese note with math, code and an uploaded image through the editor, and both
# nodes serve the post and the image directly; the session holds whichever node answers. Then
# one node is killed (SIGKILL) during a stream of saves: the other keeps serving through nginx,
# and every save that was answered with success is in the database.
#
# Throwaway everything: a PostgreSQL cluster in the temporary folder (as the postgres user when
# run as root), the nodes and nginx on 127.0.0.1, all stopped and removed at exit. Publishes the
# app once (or uses BLOG_APP, as .ci/run does); installs postgresql, nginx and curl when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/blog.sh
source tests/scripts/blog.sh
# shellcheck source=scripts/postgres.sh
source tests/scripts/postgres.sh
# shellcheck source=scripts/balancer.sh
source tests/scripts/balancer.sh

work=$(mktemp -d /tmp/blog-nodes.XXXXXX)
chmod 755 "$work" # the postgres user and nginx's workers reach their folders under it
cleanup() {
  stop_all
  balancer_stop
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
started=$(date +%s)
pass() { log "PASS: $*"; }

require python3 python3
require curl curl
pg_require || fail "could not install postgresql"
balancer_require || fail "could not install nginx"
app=$(published_app "$work")

# ---------- the cluster, two nodes, the balancer ----------
pg_start "$work/pg" "$(free_port)" || fail "PostgreSQL did not start"
database="$PG_CONNECTION;Database=blog"
psql_blog() { psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U blog -d blog -c "$1"; }
shared_media="$work/media"
node_env=("Blog__Database__Provider=Postgres" "ConnectionStrings__Blog=$database" "Blog__MediaPath=$shared_media")

# The CLI creates the database, migrates it and makes the first key, before any node starts.
printf '%s\n' "$BLOG_PASSWORD" | (blog_run "$app" "$work/cli" "${node_env[@]}" -- admin create --user author --password-stdin) >"$work/admin.log" 2>&1 \
  || fail "admin create: $(tail -3 "$work/admin.log")"
pass "admin created with the CLI on PostgreSQL $PG_VERSION"

# Each node is its own install in its own folder (hard links: quick, and no space), as on two
# machines: the content root differs, so the application name set in the app is what they share.
ports=() pids=() folders=()
for n in 1 2; do
  folder="$work/node$n"
  mkdir -p "$folder"
  cp -al "$app" "$folder/app" 2>/dev/null || cp -r "$app" "$folder/app"
  port=$(free_port)
  start_app "$folder/app" "$folder/data" "$port" "${node_env[@]}"
  ports+=("$port") pids+=("$BLOG_PID") folders+=("$folder")
done
node1="http://127.0.0.1:${ports[0]}" node2="http://127.0.0.1:${ports[1]}"
balancer_start "$work/nginx" "$(free_port)" "${ports[@]}" || fail "nginx did not start"
remember "$BALANCER_PID"
lb=$BALANCER_URL
pass "two nodes (:${ports[0]}, :${ports[1]}) from two folders, nginx round robin at $lb"

# node_of HEADERS: which node answered (X-Node, set by the balancer).
node_of() { tr -d '\r' <"$1" | sed -n 's/^[Xx]-[Nn]ode: *//p' | tail -1; }

# ---------- sign in through the balancer ----------
jar="$work/jar"
: >"$work/nginx/access.log"
sign_in "$lb" "$jar" author
login_nodes=$(awk '$2 == "/admin/login" { print $1 "=" $4 }' "$work/nginx/access.log" | tr '\n' ' ')
form_node=$(awk '$1 == "GET" && $2 == "/admin/login" { print $4 }' "$work/nginx/access.log" | tail -1)
post_node=$(awk '$1 == "POST" && $2 == "/admin/login" { print $4 }' "$work/nginx/access.log" | tail -1)
[ -n "$form_node" ] && [ "$form_node" != "$post_node" ] \
  || fail "the sign-in form and its post were answered by the same node ($login_nodes): round robin did not alternate"
pass "signed in through the balancer: the form from $form_node, its antiforgery token accepted by $post_node"

# ---------- publish a note with math, code and an image ----------
python3 - "$work/figure.png" <<'EOF'
import struct, sys, zlib
w = h = 24
rows = b"".join(b"\x00" + b"".join(bytes((x * 10 % 256, y * 10 % 256, 160)) for x in range(w)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
EOF
token=$(editor_token "$lb" "$jar")
[ -n "$token" ] || fail "no antiforgery token on the editor"
# The editor's own upload (what a paste or a drop sends): the token in a header, the image as "file".
upload=$(curl -sS --max-time 15 -b "$jar" -H "RequestVerificationToken: $token" -F "file=@$work/figure.png;type=image/png;filename=注意力示意图.png" \
  -D "$work/upload.headers" "$lb/admin/media/upload") || fail "the upload did not answer"
image=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["url"])' "$upload" 2>/dev/null) || fail "the upload answered: $upload"
pass "image uploaded through the balancer (answered by $(node_of "$work/upload.headers")): $image"

slug=two-nodes-attention
title="两个节点上的注意力笔记"
markdown=$(printf '# 缩放点积注意力\n\n公式 $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$，以及\n\n$$\nd_k = 64\n$$\n\n```python\nimport torch\nprint(torch.softmax(torch.ones(2), dim=0))\n```\n\n![注意力示意图](%s)\n' "$image")
# Both nodes have cached their home page, which the new note must reach within about a second.
for base in "$node1" "$node2"; do curl -fsS -o /dev/null --max-time 10 "$base/"; done
status=$(curl -sS -o /dev/null -D "$work/publish.headers" -w '%{http_code}' --max-time 15 -b "$jar" \
  --data-urlencode "Input.Title=$title" --data-urlencode "Input.Markdown=$markdown" \
  --data-urlencode "Input.Slug=$slug" --data-urlencode "Input.SlugFromTitle=false" \
  --data-urlencode "intent=publish" --data-urlencode "__RequestVerificationToken=$token" "$lb/admin/posts/new")
[ "$status" = 302 ] || fail "publishing through the balancer answered $status"
published_at=$(date +%s%N)
pass "published \"$title\" through the balancer (answered by $(node_of "$work/publish.headers"))"

shown=()
for base in "$node1" "$node2"; do
  for _ in $(seq 1 100); do # at most ~10 s
    curl -fsS --max-time 5 "$base/" 2>/dev/null | grep -qF "$title" && break
    sleep 0.05
  done
  shown+=("$(( ($(date +%s%N) - published_at) / 1000000 ))")
  curl -fsS --max-time 5 "$base/" | grep -qF "$title" || fail "$base/ still does not show the note ${shown[-1]} ms after the publish"
done
shown_ms=${shown[1]}
[ "$shown_ms" -le 3000 ] || fail "the nodes' cached home pages showed the note only after ${shown[*]} ms"
pass "both nodes' cached home pages show the note, node 1 after ${shown[0]} ms, node 2 after ${shown[1]} ms of the publish's answer"

for base in "$node1" "$node2"; do
  for text in "$title" 'class="math' 'language-python' "$image"; do
    shows "$base" "/posts/$slug" "$text" || fail "$base/posts/$slug does not show $text"
  done
  curl -fsS --max-time 10 -o "$work/image-back.png" "$base$image" || fail "$base$image does not answer"
  cmp -s "$work/figure.png" "$work/image-back.png" || fail "$base$image is not the uploaded image"
done
pass "the note (title, math, highlighted code, image) and the image's bytes read back directly from both nodes"

# ---------- the session holds whichever node answers ----------
declare -A answered_by=()
for i in $(seq 1 8); do
  path=/admin; [ $((i % 2)) = 0 ] && path=/admin/posts
  status=$(curl -sS -o /dev/null -D "$work/session.headers" -w '%{http_code}' --max-time 10 -b "$jar" "$lb$path")
  [ "$status" = 200 ] || fail "request $i ($path) through the balancer answered $status: the session did not hold on $(node_of "$work/session.headers")"
  answered_by[$(node_of "$work/session.headers")]=1
done
[ "${#answered_by[@]}" = 2 ] || fail "8 admin requests were all answered by ${!answered_by[*]}"
pass "8 admin requests through the balancer, answered by both nodes (${!answered_by[*]}), all signed in"

# ---------- one node killed during a stream of saves ----------
saves="$work/saves.log"
: >"$saves"
(
  for i in $(seq 1 400); do
    [ -f "$work/stop" ] && break
    status=$(save_post "$lb" "$jar" "$token" "nodes-save-$i" "$(note_markdown "nodes-$i")")
    echo "$status nodes-save-$i" >>"$saves"
  done
) &
saver=$!
remember "$saver"
acknowledged() { grep -c '^302 ' "$saves" || true; }
for _ in $(seq 1 150); do [ "$(acknowledged)" -ge 15 ] && break; sleep 0.2; done # at most 30 s
[ "$(acknowledged)" -ge 15 ] || fail "only $(acknowledged) saves were acknowledged before the kill"
sigkill "${pids[0]}"
at_kill=$(wc -l <"$saves")
log "killed node 1 (pid ${pids[0]}) after $at_kill saves"

# Readers through the balancer while the saves go on.
for i in $(seq 1 20); do
  status=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$lb/posts/$slug" || echo 000)
  [ "$status" = 200 ] || fail "reader $i through the balancer after the kill got $status"
done
for _ in $(seq 1 150); do [ "$(( $(acknowledged) - at_kill ))" -ge 15 ] && break; sleep 0.2; done # at most 30 s
touch "$work/stop"
wait_bounded "$saver" 30 || true
after_kill=$(awk -v k="$at_kill" 'NR > k && $1 == 302' "$saves" | wc -l)
failed=$(grep -vc '^302 ' "$saves" || true)
[ "$after_kill" -ge 15 ] || fail "only $after_kill saves were acknowledged after the kill"
[ "$failed" -le 2 ] || fail "$failed saves failed: $(grep -v '^302 ' "$saves" | head -5 | tr '\n' ' ')"
pass "node 2 kept serving through nginx: 20 readers answered 200, $after_kill saves acknowledged after the kill ($failed cut off by it)"

awk '$1 == 302 { print $2 }' "$saves" | sort >"$work/answered.txt"
psql_blog "SELECT \"Title\" FROM \"Posts\" WHERE \"Title\" LIKE 'nodes-save-%'" | sort >"$work/present.txt"
lost=$(comm -23 "$work/answered.txt" "$work/present.txt" | wc -l)
[ "$lost" = 0 ] || fail "$lost acknowledged saves are missing: $(comm -23 "$work/answered.txt" "$work/present.txt" | head -5 | tr '\n' ' ')"
last=$(tail -1 "$work/answered.txt")
shows "$lb" "/posts/$last" "$last" || fail "the last acknowledged save, $last, does not show through the balancer"
pass "all $(wc -l <"$work/answered.txt") acknowledged saves are in the database, the last one served through the balancer"

logged_5xx=$(cat "${folders[1]}"/data/logs/*.log 2>/dev/null | grep -cE "responded 5[0-9][0-9]" || true)
[ "$logged_5xx" = 0 ] || fail "the surviving node logged $logged_5xx answers 5xx"
pass "the surviving node logged no 5xx"

log "nodes: all checks passed in $(( $(date +%s) - started )) s"
