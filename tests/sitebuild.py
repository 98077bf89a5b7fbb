"""Helpers to build a site from a data tree with the real mkdocs command (used by the site and browser tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE, REPO

REFERENCE_DATE = REFERENCE.isoformat()


def build_site(data_root: Path, out: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """Build `data_root` (holding sop_defs/) with the project's mkdocs.yml into `out`."""
    work = out.parent / f"{out.name}-project"
    work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs", work / "docs", dirs_exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - sopgen:\n",
        f"  - sopgen:\n      root: {data_root}\n      mermaid_dist: {REPO / 'node_modules/mermaid/dist'}\n",
    )
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(work / "mkdocs.yml"), "-d", str(out)]
    if strict:
        command.append("--strict")
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": REFERENCE_DATE}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
