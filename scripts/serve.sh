#!/usr/bin/env bash
# The main job: check the shipped data, build the manual, and serve it.
# ALAMAT=0.0.0.0:8000 bash scripts/serve.sh  serves it to the intranet.
# Extra arguments go to `mkdocs serve`; --dirty rebuilds only changed pages (large manuals).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/sopgen validate
.venv/bin/sopgen build --ketat
echo "==> Situs dibangun di site/; membuka http://${ALAMAT:-127.0.0.1:8000}/"
exec .venv/bin/mkdocs serve --dev-addr "${ALAMAT:-127.0.0.1:8000}" "$@"
