#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: a virtual environment with the
# pinned Python packages, and the pinned npm packages (Mermaid). Re-running it is cheap:
# each step is skipped while its lock file is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

export NO_MKDOCS_2_WARNING=1   # Material's start-up banner about MkDocs 2.0

if [ ! -x .venv/bin/python ]; then
  echo "==> Membuat lingkungan virtual Python (.venv)"
  "${PYTHON:-python3}" -m venv .venv
fi
py_stamp=".venv/.terpasang-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$py_stamp" ]; then
  echo "==> Memasang paket Python (pyproject.toml)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
  rm -f .venv/.terpasang-* && touch "$py_stamp"
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "==> Memasang Node.js dan npm (Debian)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
npm_stamp="node_modules/.terpasang-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$npm_stamp" ]; then
  echo "==> Memasang paket npm (package-lock.json: Mermaid)"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$npm_stamp"
fi

# JSON Schemas for editors' YAML completion; derived from the code, so never committed.
.venv/bin/sopgen schema >/dev/null
