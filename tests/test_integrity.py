"""History integrity: each build records its head, and the next one notices when history was rewritten."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from pathlib import Path

from generator.trail import integrity
from tests.conftest import REPO
from tests.sitebuild import build_site
from tests.test_history import git, write


def head(repo: Path) -> str:
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()


def history(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for number in range(3):
        write(repo, "sop_defs/u/a.yaml", f"nama: A\nwaktu: {number} jam\n")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"Ubah {number}")
    return repo


def test_a_later_build_of_the_same_history_is_fine(tmp_path: Path) -> None:
    repo = history(tmp_path)
    recorded = head(repo)
    write(repo, "sop_defs/u/a.yaml", "nama: A\nwaktu: 9 jam\n")
    git(repo, "commit", "-q", "-am", "Lanjut")
    checked = integrity.check(repo, head(repo), integrity.Record(recorded), "site/jejak.json")
    assert not checked.rewritten_now and checked.rewrites == ()


def test_a_rewritten_history_is_detected(tmp_path: Path) -> None:
    repo = history(tmp_path)
    recorded = head(repo)
    git(repo, "reset", "-q", "--hard", "HEAD~2")  # drop two changes, then write a different one in their place
    write(repo, "sop_defs/u/a.yaml", "nama: A\nwaktu: 1 jam\n")
    git(repo, "commit", "-q", "-am", "Ubah 1 (disetujui orang lain)")
    checked = integrity.check(repo, head(repo), integrity.Record(recorded), "site/jejak.json")
    assert checked.rewritten_now and checked.rewrites == (integrity.Rewrite(recorded, head(repo)),)
    assert checked.message(checked.rewrites[0]).startswith(f"riwayat git ditulis ulang: commit {recorded}, dasar sebuah build")


def test_a_missing_or_foreign_record_is_no_record(tmp_path: Path) -> None:
    assert integrity.read_record(tmp_path / "tidak-ada.json") is None
    (tmp_path / "lain.json").write_text('{"head": "<script>"}')
    assert integrity.read_record(tmp_path / "lain.json") is None
    (tmp_path / "rusak.json").write_text("{")
    assert integrity.read_record(tmp_path / "rusak.json") is None
    rewrite = integrity.Rewrite("b" * 40, "a" * 40)
    (tmp_path / "jejak.json").write_text(integrity.record(integrity.Integrity("a" * 40, "b" * 40, "", (rewrite,))))
    assert integrity.read_record(tmp_path / "jejak.json") == integrity.Record("a" * 40, (rewrite,))


def test_the_site_publishes_its_head_and_the_next_build_warns_after_a_rewrite(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    for folder in ("sop_defs", "records"):
        shutil.copytree(REPO / folder, data / folder)
    git(data, "init", "-q", "-b", "main")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "Impor data")
    write(data, "records/catatan.txt", "satu\n")
    git(data, "add", "-A")
    git(data, "commit", "-q", "-m", "Catatan")
    site = tmp_path / "site"
    first = build_site(data, site)
    assert first.returncode == 0, first.stderr
    assert json.loads((site / "jejak.json").read_text()) == {"head": head(data), "ditulis_ulang": []}
    before = head(data)
    published = tmp_path / "terbit.json"  # what CI downloads from the published site
    shutil.copy(site / "jejak.json", published)
    audit = html.unescape((site / "jejak-audit/index.html").read_text())
    assert "Riwayat ditulis ulang" not in audit
    git(data, "commit", "-q", "--amend", "-m", "Catatan (ditulis ulang)")  # the rewrite a force-push publishes
    second = build_site(data, site, quiet=False)  # --strict: a rewrite must not stop publishing its record
    assert second.returncode == 0, second.stderr
    assert "PERINGATAN JEJAK AUDIT: riwayat git ditulis ulang" in second.stderr
    audit = html.unescape((site / "jejak-audit/index.html").read_text())
    assert "Riwayat ditulis ulang" in audit and f"commit {before}, dasar sebuah build sebelumnya" in audit
    # The next build warns no more, but the page still shows the rewrite: the record carries it forward.
    third = build_site(data, site, quiet=False)
    assert third.returncode == 0 and "PERINGATAN JEJAK AUDIT" not in third.stderr
    assert f"commit {before}, dasar sebuah build sebelumnya" in html.unescape((site / "jejak-audit/index.html").read_text())
    assert json.loads((site / "jejak.json").read_text())["ditulis_ulang"] == [{"sebelumnya": before, "sesudah": head(data)}]
    # CI builds into a fresh folder and names the published record instead.
    monkeypatch.setenv("SOPGEN_JEJAK_SEBELUMNYA", str(published))
    fresh = build_site(data, tmp_path / "baru", quiet=False)
    assert fresh.returncode == 0 and f"PERINGATAN JEJAK AUDIT: riwayat git ditulis ulang: commit {before}" in fresh.stderr
