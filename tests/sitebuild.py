"""Helpers to build a site from a data tree with the real mkdocs command (used by the site and browser tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REFERENCE, REPO

REFERENCE_DATE = REFERENCE.isoformat()


def project_config(data_root: Path, work: Path, mermaid_dist: Path = REPO / "node_modules/mermaid/dist") -> Path:
    """A copy of the project's mkdocs.yml and docs/ in `work`, reading data from `data_root`."""
    work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs", work / "docs", dirs_exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - sopgen:\n",
        f"  - sopgen:\n      folder_data: {data_root}\n      folder_mermaid: {mermaid_dist}\n",
    )
    (work / "mkdocs.yml").write_text(config, encoding="utf-8")
    return work / "mkdocs.yml"


def build_site(data_root: Path, out: Path, *, strict: bool = True, quiet: bool = True) -> subprocess.CompletedProcess[str]:
    """Build `data_root` (holding sop_defs/) with the project's mkdocs.yml into `out`; `quiet`: errors only."""
    config = project_config(data_root, out.parent / f"{out.name}-project")
    command = [sys.executable, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "-f", str(config), "-d", str(out)]
    if strict:
        command.append("--strict")
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": REFERENCE_DATE}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
