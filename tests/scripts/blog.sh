# shellcheck shell=bash
# Shared by tests/faults.sh and tests/load.sh: publish the app once, run it on temporary data
# folders, drive the admin the way a browser does (curl, a cookie jar, antiforgery tokens) and
# check a database file. Source it; it expects `set -euo pipefail`. Every process started here is
# recorded and stopped by stop_all (the callers trap it on EXIT). Traffic goes to 127.0.0.1 only.

BLOG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BLOG_PIDS=()
BLOG_PASSWORD="correct horse battery staple"

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

# require COMMAND PACKAGE: installs a Debian package when its command is missing.
require() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "installing $2 (for $1)"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$2" >/dev/null
  command -v "$1" >/dev/null 2>&1 || fail "could not install $2"
}

# published_app WORK: prints the folder of a Release publish of the app. BLOG_APP reuses one
# (.ci/run publishes once for both scripts); otherwise it is published into WORK.
published_app() {
  if [ -n "${BLOG_APP:-}" ] && [ -f "$BLOG_APP/Blog.dll" ]; then echo "$BLOG_APP"; return; fi
  log "publishing the app (Release) into $1/app"
  dotnet publish "$BLOG_ROOT/Blog.csproj" -c Release -o "$1/app" -v quiet --nologo >"$1/publish.log" 2>&1 \
    || { cat "$1/publish.log" >&2; fail "publish failed"; }
  echo "$1/app"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# blog_run APP DATA [VAR=VALUE...] -- ARGS...: exec the app on a data folder. It reads its
# appsettings.json from its working directory, so it runs in the app's folder with the data folder
# given by absolute paths. exec: no shell in between, so that $! of a `blog_run ... &` is the app
# itself (a SIGKILL of a shell around it would leave the app running).
blog_run() {
  local app=$1 data=$2; shift 2
  local vars=()
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift
  mkdir -p "$data"
  cd "$app" && exec env "ConnectionStrings__Blog=Data Source=$data/blog.db" "Blog__MediaPath=$data/media" \
    "Serilog__WriteTo__1__Args__path=$data/logs/blog-.log" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
    "${vars[@]}" dotnet "$app/Blog.dll" "$@"
}

# blog_cli APP DATA ARGS...: a command of the app, in the foreground (in the background, use
# `blog_run APP DATA -- ARGS... &`).
blog_cli() {
  local app=$1 data=$2; shift 2
  (blog_run "$app" "$data" -- "$@")
}

# start_app APP DATA PORT [VAR=VALUE...]: serves the site in the background (BLOG_PID) and waits
# for /healthz. The variables go to the app's environment (another database, a shared media folder).
start_app() {
  local app=$1 data=$2 port=$3
  shift 3
  mkdir -p "$data"
  (blog_run "$app" "$data" "ASPNETCORE_URLS=http://127.0.0.1:$port" "$@" --) >>"$data/console.log" 2>&1 &
  BLOG_PID=$!
  BLOG_PIDS+=("$BLOG_PID")
  local i
  for i in $(seq 1 120); do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null && return 0
    kill -0 "$BLOG_PID" 2>/dev/null || { tail -20 "$data/console.log" >&2; fail "the app exited at start"; }
    sleep 0.5
  done
  fail "the app did not answer /healthz within 60 s"
}

# sigkill PID: the crash the fault tests are about, then waits until the process is gone.
sigkill() {
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# wait_bounded PID SECONDS: waits for a background process and returns its status; past the
# time it is killed and the script fails.
wait_bounded() {
  local pid=$1 limit=$2 i status=0
  for ((i = 0; i < limit * 5; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" || status=$?
      return "$status"
    fi
    sleep 0.2
  done
  sigkill "$pid"
  fail "process $pid still ran after $limit s"
}

# stop_all: every process started here, by its id; first politely, then not.
stop_all() {
  local pid
  for pid in "${BLOG_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${BLOG_PIDS[@]}"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  BLOG_PIDS=()
}

# remember PID: a background process of the caller's, for stop_all.
remember() { BLOG_PIDS+=("$1"); }

create_admin() { # APP DATA USER
  printf '%s\n' "$BLOG_PASSWORD" | blog_cli "$1" "$2" admin create --user "$3" --password-stdin >/dev/null
}

# token_of FILE: the antiforgery token in a page.
token_of() {
  grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$1" | head -1 | sed 's/.*value="\([^"]*\)"/\1/'
}

# sign_in BASE JAR USER: GET the sign-in form, POST it with its token; the session lands in JAR.
sign_in() {
  local base=$1 jar=$2 user=$3 page status token
  page=$(mktemp)
  curl -fsS --max-time 10 -c "$jar" -b "$jar" -o "$page" "$base/admin/login"
  token=$(token_of "$page")
  rm -f "$page"
  [ -n "$token" ] || fail "no antiforgery token on the sign-in page"
  status=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "Input.UserName=$user" --data-urlencode "Input.Password=$BLOG_PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/admin/login")
  [ "$status" = 302 ] || fail "sign-in answered $status"
}

# editor_token BASE JAR: the antiforgery token of the editor's form, good for this session's saves.
editor_token() {
  local page; page=$(mktemp)
  curl -fsS --max-time 10 -c "$2" -b "$2" -o "$page" "$1/admin/posts/new"
  token_of "$page"
  rm -f "$page"
}

# save_post BASE JAR TOKEN TITLE MARKDOWN: the editor's form for a new post, published, as a
# browser posts it. Prints the status: a save that succeeded answers 302 to /admin/posts/ID.
save_post() {
  curl -sS -o /dev/null -w '%{http_code}' --max-time 15 -b "$2" \
    --data-urlencode "Input.Title=$4" --data-urlencode "Input.Markdown=$5" \
    --data-urlencode "Input.SlugFromTitle=true" --data-urlencode "intent=publish" \
    --data-urlencode "__RequestVerificationToken=$3" "$1/admin/posts/new" 2>/dev/null || true
}

# shows BASE PATH TEXT: the page at PATH (a slug may be Chinese: it is percent-encoded) contains TEXT.
shows() {
  local url page found=0
  url="$1$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$2")"
  page=$(mktemp)
  curl -fsS --max-time 10 -o "$page" "$url" && grep -qF -- "$3" "$page" && found=1
  rm -f "$page"
  [ "$found" = 1 ]
}

note_markdown() { # N: a short study note with a formula and code
  printf '第 %s 条笔记：注意力 $\\mathrm{softmax}(QK^\\top/\\sqrt{d_k})V$。\n\n```python\nprint(%s)\n```\n' "$1" "$1"
}

sql() { # DB QUERY: sqlite3 that waits for the app's write locks instead of failing
  sqlite3 -batch -noheader -cmd ".timeout 10000" "$1" "$2"
}

# check_database DB MEDIA LABEL: the file is sound and holds no half-written post.
check_database() {
  local db=$1 media=$2 label=$3 result
  result=$(sql "$db" "PRAGMA integrity_check;")
  [ "$result" = ok ] || fail "$label: integrity_check says: $result"
  result=$(sql "$db" "PRAGMA foreign_key_check;")
  [ -z "$result" ] || fail "$label: foreign_key_check found: $result"
  # A post is whole when it has its rendered HTML and its row in the search index.
  result=$(sql "$db" "SELECT count(*) FROM Posts WHERE Html IS NULL OR Html = '' OR RenderVersion = 0;")
  [ "$result" = 0 ] || fail "$label: $result posts without rendered HTML"
  result=$(sql "$db" "SELECT count(*) FROM Posts p WHERE NOT EXISTS (SELECT 1 FROM PostSearch s WHERE s.rowid = p.Id);")
  [ "$result" = 0 ] || fail "$label: $result posts missing from the search index"
  result=$(sql "$db" "SELECT count(*) FROM PostSearch s WHERE NOT EXISTS (SELECT 1 FROM Posts p WHERE p.Id = s.rowid);")
  [ "$result" = 0 ] || fail "$label: $result search rows without their post"
  local file missing=0
  while IFS= read -r file; do
    [ -z "$file" ] || [ -f "$media/$file" ] || missing=$((missing + 1))
  done < <(sql "$db" "SELECT FileName FROM Media;")
  [ "$missing" = 0 ] || fail "$label: $missing media rows without their file"
  log "$label: integrity ok, $(sql "$db" "SELECT count(*) FROM Posts;") posts whole, $(sql "$db" "SELECT count(*) FROM Media;") media with their files"
}
