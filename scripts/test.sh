#!/usr/bin/env bash
# Runs every test: unit, golden, site build and the headless-browser test.
# Installs what it needs first, Debian's chromium included. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"  # signed merges in the trail tests
if [ -n "$missing" ]; then
  echo "==> Memasang paket Debian untuk uji peramban dan PDF:$missing"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
export NO_MKDOCS_2_WARNING=1
# One process per core; each test file stays in one process, so a file's site builds and browser are made once.
exec .venv/bin/python -m pytest -n auto --dist loadfile "$@"
