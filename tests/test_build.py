"""`sopgen build`: the last good site survives a failed build, and builds are reproducible."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from tests.sitebuild import REFERENCE_DATE, project_config


def sopgen_build(config: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "--root", str(REPO), "build", "--strict", "--config", str(config), "--out", str(out)],
        capture_output=True, text=True, cwd=REPO, timeout=300,
        env=os.environ | {"SOPGEN_TANGGAL": REFERENCE_DATE, "NO_MKDOCS_2_WARNING": "1"} | (env or {}),
    )


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("situs lama yang baik", encoding="utf-8")
    # Mermaid missing: the plugin fails in on_files, after MkDocs would have emptied its output folder.
    config = project_config(REPO, tmp_path / "proyek", mermaid_dist=tmp_path / "tidak-ada")
    result = sopgen_build(config, out)
    assert result.returncode == 1
    assert "Mermaid tidak ditemukan" in result.stderr and "Traceback" not in result.stderr
    assert "situs lama" in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "situs lama yang baik"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["proyek", "site"]  # no staging folder left


def test_two_builds_of_one_commit_are_identical(tmp_path: Path) -> None:
    config = project_config(REPO, tmp_path / "proyek")
    first, second = tmp_path / "satu", tmp_path / "dua"
    assert sopgen_build(config, first).returncode == 0
    assert sopgen_build(config, second).returncode == 0
    mismatched = _differences(filecmp.dircmp(first, second))
    assert mismatched == []
    assert len(list(first.rglob("*.html"))) > 20


def _differences(cmp: filecmp.dircmp[str]) -> list[str]:
    found = [*cmp.left_only, *cmp.right_only, *cmp.diff_files]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    found += mismatch + errors
    for sub in cmp.subdirs.values():
        found += _differences(sub)
    return found
