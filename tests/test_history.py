"""The approval trail from real temporary git repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator import codeowners
from generator.codeowners import same_person
from generator.history import flags, read_history
from generator.pages.trail import trail_of

SOP = "sop_defs/u/a.yaml"
REC = "records/2025/TW1/a.yaml"


def git(repo: Path, *args: str, author: str = "Andi <andi@x.go.id>", date: str = "2025-01-10T09:00:00+07:00") -> None:
    name, email = author[:-1].split(" <")
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def write(repo: Path, rel: str, text: str) -> None:
    (repo / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "repo"
    r.mkdir()
    git(r, "init", "-q", "-b", "main")
    write(r, "CODEOWNERS", "# pemilik unit\n/sop_defs/u/ @budi budi@x.go.id\nrecords/ @rina\n")
    write(r, SOP, "nama: A\n")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Impor SOP awal")  # direct: no PR, no approver
    git(r, "checkout", "-q", "-b", "revisi")
    write(r, SOP, "nama: A\nwaktu: 2 jam\n")
    git(r, "commit", "-q", "-am", "Ubah waktu langkah 3", author="Rina <rina@x.go.id>", date="2025-02-03T10:00:00+07:00")
    git(r, "checkout", "-q", "main")
    git(r, "merge", "-q", "--no-ff", "revisi", "-m",
        "Merge pull request #12 from rina/revisi\n\nPerbarui waktu langkah 3\n\nDisetujui-oleh: Budi <budi@x.go.id>",
        author="Budi <budi@x.go.id>", date="2025-02-05T14:00:00+07:00")
    write(r, REC, "sop: a\n")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Tambah rekaman TW1 2025 (#13)\n\nApproved-by: @rina", date="2025-04-02T08:00:00+07:00")
    write(r, SOP, "nama: A\nwaktu: 3 jam\n")
    git(r, "commit", "-q", "-am", "Perbaiki SOP (#14)\n\nReviewed-by: @rina", date="2025-05-02T08:00:00+07:00")
    return r


def test_trail_of_each_kind_of_change(repo: Path) -> None:
    history = read_history(repo)
    assert history.available
    sop = history.of(SOP)
    assert [(c.pr, c.subject) for c in sop] == [
        (14, "Perbaiki SOP"),
        (12, "Perbarui waktu langkah 3"),
        (None, "Impor SOP awal"),
    ]
    merge = sop[1]
    assert merge.author == "Rina"  # who wrote the change, not who merged it
    assert merge.approvers == ("Budi <budi@x.go.id>",)
    assert str(merge.day) == "2025-02-05"
    assert [c.pr for c in history.of(REC)] == [13]


def test_flags(repo: Path) -> None:
    history = read_history(repo)
    owners = codeowners.load(repo)
    by_pr = {c.pr: flags(c, owners) for c in history.changes}
    assert by_pr[None] == ["tanpa pull request", "tanpa penyetuju"]
    assert by_pr[12] == []  # approved by the unit's owner
    assert by_pr[13] == []  # records/ belong to @rina
    assert by_pr[14] == ["penyetuju bukan pemilik sop_defs/u/a.yaml (@budi, budi@x.go.id)"]
    assert trail_of(history, owners, SOP).last_approved().pr == 12  # type: ignore[union-attr]


def test_shallow_clone_and_no_git(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "dangkal"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True, capture_output=True)
    history = read_history(shallow)
    assert not history.available and "dangkal" in history.reason
    plain = tmp_path / "tanpa-git"
    plain.mkdir()
    assert not read_history(plain).available


def test_codeowners_matching() -> None:
    owners = codeowners.parse("* @semua\n/sop_defs/keuangan/ @budi\n*.pdf @arsip\n")
    assert owners.owners_of("sop_defs/keuangan/a.yaml") == ("@budi",)
    assert owners.owners_of("sop_defs/umum/a.yaml") == ("@semua",)
    assert owners.owners_of("records/2025/TW1/lampiran/x.pdf") == ("@arsip",)
    assert same_person("Budi Santoso <budi@x.go.id>", "budi@x.go.id")
    assert same_person("@budi", "@budi")
    assert not same_person("Budi Santoso", "@budi")


def test_sop_page_shows_its_history_and_revision_date(repo_copy: Path) -> None:
    import html
    from datetime import date

    from generator.loading import load_all
    from generator.site import Site, generated_pages

    r = repo_copy
    write(r, "CODEOWNERS", "/sop_defs/perencanaan-keuangan/ @budi\n")
    git(r, "init", "-q", "-b", "main")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Impor data")
    git(r, "checkout", "-q", "-b", "ubah")
    path = r / "sop_defs/perencanaan-keuangan/evaluasi-kinerja.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    waktu: 1 hari\n", "    waktu: 2 hari\n", 1), encoding="utf-8")
    git(r, "commit", "-q", "-am", "Ubah waktu", author="Rina <rina@x.go.id>")
    git(r, "checkout", "-q", "main")
    git(r, "merge", "-q", "--no-ff", "ubah", "-m", "Merge pull request #7 from rina/ubah\n\nWaktu notulen 2 hari\n\nDisetujui-oleh: @budi",
        date="2025-03-04T10:00:00+07:00")
    manual, records, problems = load_all(r)
    assert manual is not None, problems
    site = Site(manual, records, date(2026, 11, 25), read_history(r), codeowners.load(r))
    pages = {k: html.unescape(v) for k, v in generated_pages(site).items()}
    page = pages["sop/evaluasi-kinerja.md"]
    history = page.split("## Riwayat Revisi")[1]
    assert "Waktu notulen 2 hari" in history and "#7" in history and "@budi" in history
    assert "tanpa pull request" in history  # the import commit
    assert "4 Maret 2025 <span class=\"sop-note\">(dari riwayat git: perubahan terakhir yang disetujui, PR #7)" in page
    audit = pages["jejak-audit/index.md"]
    assert "## Maret 2025" in audit and "PR #7" in audit and "/sop_defs/perencanaan-keuangan/" in audit


def test_history_command(repo: Path) -> None:
    import sys

    result = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(repo), "history", SOP],
                            capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert result.returncode == 0, result.stderr
    assert "PR #12" in result.stdout and "Penyetuju: Budi <budi@x.go.id>" in result.stdout
    assert "! tanpa pull request" in result.stdout
