"""The hosting platform's workflow, CODEOWNERS and PR template shipped for agencies."""

from __future__ import annotations

import re
import shlex

import yaml

from generator.trail import codeowners
from tests.conftest import REPO


def test_workflow_runs_the_projects_own_commands() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/manual-sop.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # PyYAML reads the bare key `on` as a boolean
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["periksa"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    commands = [s["run"] for s in steps if "run" in s]
    joined = " ".join(commands)
    for needed in ("sopgen validate", "scripts/test.sh", "mkdocs build --strict"):
        assert needed in joined
    for command in commands:
        for word in shlex.split(command.replace("&&", " ")):
            if re.match(r"^(scripts/|\.venv/bin/)", word):
                target = REPO / word
                assert target.exists() or word.startswith(".venv/bin/"), word
    assert "deploy-pages" in str(workflow["jobs"]["terbitkan"])


def test_codeowners_covers_every_data_folder() -> None:
    owners = codeowners.load(REPO)
    assert owners.source == ".github/CODEOWNERS"
    for path in ("sop_defs/_jabatan.yaml", "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml",
                 "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"):
        assert owners.owners_of(path), path


def test_pull_request_template_is_indonesian_with_a_checklist() -> None:
    text = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "## Apa yang berubah" in text and "## Mengapa" in text and "- [ ] `sopgen validate`" in text


def test_codeowners_has_a_section_for_every_agency_folder() -> None:
    """Each agency approves its own SOPs and catalogue: no agency falls back to the shared owners."""
    owners = codeowners.load(REPO)
    shared = owners.owners_of("sop_defs/_jabatan.yaml")
    for agency in sorted(p.parent for p in (REPO / "sop_defs").glob("*/_instansi.yaml")):
        name = agency.relative_to(REPO).as_posix()
        own = owners.owners_of(f"{name}/_instansi.yaml")
        assert own and own != shared, name
        for sop in agency.glob("*/*.yaml"):
            assert owners.owners_of(sop.relative_to(REPO).as_posix()) not in ((), shared), sop


def test_pre_commit_hook_validates_the_data_before_a_commit_that_changes_it() -> None:
    import subprocess

    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    ((repo,),) = [config["repos"]]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is False
    assert hook["entry"] == ".venv/bin/sopgen validate"  # the same command the guide and CI run
    files = re.compile(hook["files"])
    for path in ("sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "records/2026/TW2/x.yaml",
                 "records/2025/TW3/lampiran/laporan.pdf"):
        assert files.search(path), path
    for path in ("docs/panduan-editor.md", "generator/commands/cli.py", "tests/fixtures/records/x.yaml"):
        assert not files.search(path), path
    result = subprocess.run(shlex.split(hook["entry"]), cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
