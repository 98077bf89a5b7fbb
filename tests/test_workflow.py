"""The hosting platform's workflow, CODEOWNERS and PR template shipped for agencies."""

from __future__ import annotations

import re
import shlex
import sys

import yaml

from generator.trail import codeowners
from tests.conftest import REPO


def readme_test_command() -> str:
    """The test command the README's "Dua perintah" block gives."""
    block = re.search(r"## Dua perintah.*?```sh\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    assert block is not None
    command = next(line.split("#")[0].strip() for line in block.group(1).splitlines() if "scripts/test.sh" in line)
    assert command == "bash scripts/test.sh"
    return command


def github_workflow() -> dict:
    return yaml.safe_load((REPO / ".github/workflows/manual-sop.yml").read_text(encoding="utf-8"))


def gitlab_ci() -> dict:
    return yaml.safe_load((REPO / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def assert_known_paths(commands: list[str]) -> None:
    """Every script a command names exists (the virtual environment's programs are made by scripts/setup.sh)."""
    for command in commands:
        for word in shlex.split(command.replace("&&", " ")):
            if re.match(r"^(scripts/|\.venv/bin/)", word):
                assert (REPO / word).exists() or word.startswith(".venv/bin/"), word


def test_github_workflow_tests_pull_requests_and_publishes_main_with_full_history() -> None:
    workflow = github_workflow()
    triggers = workflow[True]  # PyYAML reads the bare key `on` as a boolean
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    job = workflow["jobs"]["periksa"]
    steps = job["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    commands = [s["run"] for s in steps if "run" in s]
    assert readme_test_command() in commands
    assert any(".venv/bin/sopgen validate" in c for c in commands)
    assert_known_paths(commands)
    if "container" in job:
        # The checkout belongs to another user in a container: git refuses it unless told it is safe, and
        # the audit page would then be built without history.
        trust = next(i for i, c in enumerate(commands) if "safe.directory" in c)
        assert trust < commands.index(readme_test_command())


def test_github_workflow_publishes_the_site_with_its_pdfs() -> None:
    workflow = github_workflow()
    steps = workflow["jobs"]["periksa"]["steps"]
    commands = [s["run"] for s in steps if "run" in s]
    # `sopgen pdf` builds strictly into site/ with the "Unduh PDF" links on, then prints into site/pdf/.
    pdf = next(i for i, c in enumerate(commands) if ".venv/bin/sopgen pdf" in c)
    assert pdf > commands.index(readme_test_command())  # after the tests, which install Debian's chromium
    assert "--keluaran" not in commands[pdf]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site" and "refs/heads/main" in upload["if"]
    publish = workflow["jobs"]["terbitkan"]
    assert publish["needs"] == "periksa" and "refs/heads/main" in publish["if"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in publish["steps"])


def test_gitlab_ci_tests_merge_requests_and_publishes_pages_from_main_with_full_history() -> None:
    ci = gitlab_ci()
    assert ci["variables"]["GIT_DEPTH"] == 0
    check, pages = ci["periksa"], ci["pages"]
    assert [r["if"] for r in check["rules"]] == ['$CI_PIPELINE_SOURCE == "merge_request_event"']
    assert [r["if"] for r in pages["rules"]] == ['$CI_COMMIT_BRANCH == "main"']
    for job in (check, pages):
        assert "GIT_DEPTH" not in job.get("variables", {})  # no job makes its clone shallow again
        assert readme_test_command() in job["script"]
        assert any(".venv/bin/sopgen validate" in c for c in job["script"])
        assert_known_paths(job["script"])
    # GitLab Pages publishes the job's public/ folder: the site and its PDFs are built there.
    pdf = next(c for c in pages["script"] if ".venv/bin/sopgen pdf" in c)
    assert shlex.split(pdf.replace("$SITUS", pages["variables"]["SITUS"]))[-2:] == ["--keluaran", "public"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert ci["image"].endswith("-bookworm")  # Debian, whose chromium scripts/test.sh installs


def test_the_publishing_guide_names_every_forge() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Menerbitkan", 1)[1].split("\n## ", 1)[0]
    for needed in ("GitHub Pages", "GitLab Pages", "Forgejo", "Gitea", ".gitlab-ci.yml", ".github/workflows/manual-sop.yml",
                   "sopgen pdf"):
        assert needed in section, needed


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
    # The staged data files are passed: only they are checked (with what they cite), in well under a second.
    assert repo["repo"] == "local" and hook["language"] == "system" and hook["pass_filenames"] is True
    assert hook["entry"] == ".venv/bin/sopgen validate"  # the same command the guide and CI run
    files = re.compile(hook["files"])
    for path in ("sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "records/2026/TW2/x.yaml",
                 "records/2025/TW3/lampiran/laporan.pdf"):
        assert files.search(path), path
    for path in ("docs/panduan-editor.md", "generator/commands/cli.py", "tests/fixtures/records/x.yaml"):
        assert not files.search(path), path
    # As pre-commit runs it: the entry, then the staged file names (the sopgen of this checkout, not the installed one).
    command = [sys.executable, "-m", "generator.commands.cli", *shlex.split(hook["entry"])[1:], "records/2025/tahunan/evaluasi-kinerja.yaml"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Data sah: 1 rekaman diperiksa" in result.stdout


def test_ci_builds_check_the_published_head_for_a_rewritten_history() -> None:
    """Both CI files fetch the published jejak.json and hand it to the build (trail.integrity)."""
    steps = github_workflow()["jobs"]["periksa"]["steps"]
    fetch = next(i for i, s in enumerate(steps) if "jejak.json" in s.get("run", ""))
    build = next(i for i, s in enumerate(steps) if ".venv/bin/sopgen pdf" in s.get("run", ""))
    assert fetch < build and "-o jejak-sebelumnya.json" in steps[fetch]["run"] and "|| echo" in steps[fetch]["run"]
    assert steps[build]["env"]["SOPGEN_JEJAK_SEBELUMNYA"] == "jejak-sebelumnya.json"
    script = gitlab_ci()["pages"]["script"]
    fetch = next(i for i, c in enumerate(script) if '"$CI_PAGES_URL/jejak.json" -o jejak-sebelumnya.json' in c)
    build = next(i for i, c in enumerate(script) if ".venv/bin/sopgen pdf" in c)
    assert fetch < build and script[build].startswith("SOPGEN_JEJAK_SEBELUMNYA=jejak-sebelumnya.json ")
