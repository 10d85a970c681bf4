#!/usr/bin/env bash
# Runs every test (unit, integration, browser) on SQLite, then the integration suite again on a
# throwaway PostgreSQL cluster. On a fresh Debian machine it first installs what that needs:
# Debian's Chromium, CJK fonts and postgresql. Extra arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
# The Nu HTML Checker (npm's vnu-jar) that the browser tests run over the pages needs Java.
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} from Debian's packages..."
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# vnu.jar, pinned, outside the repository; its install script (a Java download) is not needed.
tools="${BLOG_TOOLS:-$HOME/.cache/blog-tools}"
export VNU_JAR="$tools/node_modules/vnu-jar/build/dist/vnu.jar"
if ! grep -qs '"version": "26.9.27"' "$tools/node_modules/vnu-jar/package.json"; then
  echo "Installing vnu-jar 26.9.27 into $tools..."
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-audit --no-fund --ignore-scripts vnu-jar@26.9.27 >/dev/null
fi

# One test project at a time (-m:1): the browser tests and the timed hostile-input tests share
# two cores otherwise, and a loaded machine makes honest time limits flaky.
dotnet test Blog.sln -m:1 "$@"

# The same integration suite against a real PostgreSQL: a cluster of its own, in a temporary
# folder, on loopback, owned by a non-root user (PostgreSQL refuses to run as root); stopped and
# removed on the way out, whatever happens.
# shellcheck source=scripts/postgres.sh
source tests/scripts/postgres.sh
pgdir=$(mktemp -d /tmp/blog-pg.XXXXXX)
trap 'pg_stop "$pgdir"' EXIT
pg_start "$pgdir" "${BLOG_TEST_PG_PORT:-$((20000 + RANDOM % 20000))}"
echo "PostgreSQL $PG_VERSION at $PG_CONNECTION: running tests/Blog.Tests against it"
BLOG_TEST_POSTGRES="$PG_CONNECTION" dotnet test tests/Blog.Tests "$@"
