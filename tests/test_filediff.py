"""Each change's files before and after it, from a real temporary git repository, as the audit page shows them."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest

from generator.data import gitblobs
from generator.loading import load_all
from generator.render.site import Site, generated_pages
from generator.trail import codeowners, filediff
from generator.trail.filediff import FileVersions, file_changes, read_file_versions
from generator.trail.history import read_history
from tests.conftest import REPO as REPO_DATA
from tests.test_history import git, write

SOP = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
RECORD = "records/2025/tahunan/evaluasi-kinerja.yaml"
TODAY = date(2026, 11, 25)
STEP_6 = (
    "  - no: 6\n"
    "    kegiatan: Mengarsipkan notulen <script>alert(1)</script> & lampiran di Buku Dokumentasi SAKIP\n"
    "    pelaksana: staf\n    waktu: 1 jam\n"
)


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blobs and parses are kept by hash across builds; the made-up hashes below must not meet each other's."""
    monkeypatch.setattr(filediff, "_contents", {})
    monkeypatch.setattr(filediff, "_parsed", {})


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(repo_copy: Path) -> Path:
    """The shipped data imported directly, then a pull request that changes a step's time and adds a step."""
    r = repo_copy
    write(r, "CODEOWNERS", "/sop_defs/diskominfo/perencanaan-keuangan/ @budi\n")
    git(r, "init", "-q", "-b", "main")
    git(r, "add", "-A")
    git(r, "commit", "-q", "-m", "Impor data")
    git(r, "checkout", "-q", "-b", "ubah")
    edit(r, SOP, "    kelengkapan: Notulen\n    waktu: 1 hari\n", "    kelengkapan: Notulen\n    waktu: 2 hari\n")
    git(r, "commit", "-q", "-am", "Ubah waktu notulen", author="Rina <rina@x.go.id>")
    (r / SOP).write_text((r / SOP).read_text(encoding="utf-8") + STEP_6, encoding="utf-8")
    git(r, "commit", "-q", "-am", "Tambah langkah arsip", author="Rina <rina@x.go.id>")
    git(r, "checkout", "-q", "main")
    git(r, "merge", "-q", "--no-ff", "ubah", "-m", "Merge pull request #7 from rina/ubah\n\nWaktu notulen dan arsip\n\nDisetujui-oleh: @budi",
        date="2025-03-04T10:00:00+07:00")
    return r


def test_a_merge_is_described_against_its_first_parent(repo: Path) -> None:
    versions = read_file_versions(repo)
    history = read_history(repo)
    merge = history.changes[0]
    assert merge.pr == 7 and merge.files == (SOP,)
    said = file_changes(versions)
    assert said[(merge.commit, SOP)] == (
        "langkah 3 waktu: 1 hari → 2 hari",
        "langkah 6 ditambah: Mengarsipkan notulen <script>alert(1)</script> & lampiran…",
    )
    imported = history.changes[1]
    assert said[(imported.commit, SOP)] == ("SOP baru: Evaluasi Kinerja (5 langkah)",)
    assert said[(imported.commit, RECORD)] == ("rekaman baru: Tahun 2025, 5 langkah dicatat",)
    assert said[(imported.commit, "sop_defs/_jabatan.yaml")] == ("berkas baru",)
    assert said[(imported.commit, "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf")] == ("berkas baru",)
    # every file of every change on the audit page has its lines
    assert {(c.commit, f) for c in history.changes for f in c.files} <= said.keys()


def test_the_audit_page_shows_the_lines_under_each_file_escaped(repo: Path) -> None:
    manual, records, problems = load_all(repo, TODAY)
    assert manual is not None, problems
    site = Site(manual, records, TODAY, read_history(repo), codeowners.load(repo), file_versions=read_file_versions(repo))
    page = generated_pages(site)["jejak-audit/index.md"]
    merge = page[page.index("PR #7"):]
    merge = merge[: merge.index("</div>")]
    assert "<script>" not in page and "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62; &#38; lampiran" in merge
    shown = html.unescape(merge)
    assert '<ul class="sop-filediff"><li>langkah 3 waktu: 1 hari → 2 hari</li><li>langkah 6 ditambah: ' in shown
    assert shown.index(SOP) < shown.index("langkah 3 waktu")
    assert "rekaman baru: Tahun 2025, 5 langkah dicatat" in html.unescape(page)


def test_an_old_layout_move_and_a_rebuild_reads_only_what_is_new(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(repo, "mv", "sop_defs/diskominfo/perencanaan-keuangan", "sop_defs/diskominfo/perencanaan")
    edit(repo, "sop_defs/diskominfo/perencanaan/evaluasi-kinerja.yaml", "    waktu: 1 minggu\n", "    waktu: 2 minggu\n")
    git(repo, "commit", "-q", "-am", "Pindah unit")
    calls: list[tuple[str, ...]] = []
    real = gitblobs.run_git

    def counted(root: Path, *args: str, **kwargs: object) -> bytes | None:
        calls.append(args)
        return real(root, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(filediff, "run_git", counted)
    monkeypatch.setattr(gitblobs, "run_git", counted)
    versions = read_file_versions(repo)
    assert [args[0] for args in calls] == ["log", "cat-file"]  # one process for all blobs, however many files
    moved = file_changes(versions)[(read_history(repo).changes[0].commit, "sop_defs/diskominfo/perencanaan/evaluasi-kinerja.yaml")]
    assert moved == ("dipindahkan dari sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml",
                     "langkah 2 waktu: 1 minggu → 2 minggu")
    calls.clear()
    assert read_file_versions(repo) == versions
    assert [args[0] for args in calls] == ["log"]  # a rebuild (mkdocs serve): every blob already read


def test_no_git_no_lines(tmp_path: Path) -> None:
    assert read_file_versions(tmp_path) == FileVersions()
    assert file_changes(FileVersions()) == {}


def step(path: str, before: str | None, after: str | None, moved_from: str | None = None) -> filediff.FileStep:
    return filediff.FileStep("c" * 40, path, before, after, moved_from)


def test_a_version_that_does_not_validate_or_load_is_still_described() -> None:
    good = (REPO_DATA / SOP).read_bytes()
    contents = {
        "a" * 40: good,
        "b" * 40: good.replace(b"nama: Evaluasi Kinerja\n", b"nama: Evaluasi Kinerja Tahunan\nwarna: merah\n"),  # unknown key
        "c" * 40: b"nama: [tidak ditutup\n",
        "d" * 40: None,  # larger than a data file may be
    }
    assert filediff.describe(step(SOP, "a" * 40, "b" * 40), contents) == [
        "nama: Evaluasi Kinerja → Evaluasi Kinerja Tahunan", "warna ditambah: merah",
    ]
    assert filediff.describe(step(SOP, "a" * 40, "c" * 40), contents) == ["isi tidak dapat dibaca sebagai YAML"]
    assert filediff.describe(step(SOP, "a" * 40, "d" * 40), contents) == ["berkas terlalu besar untuk dibandingkan"]
    pdf = "records/2025/TW3/lampiran/laporan.pdf"
    assert filediff.describe(step(pdf, None, "e" * 40), contents) == ["berkas baru"]
    assert filediff.describe(step(pdf, "e" * 40, "f" * 40), contents) == ["isi berkas diubah"]
    assert filediff.describe(step(pdf, "e" * 40, None), contents) == ["berkas dihapus"]


def test_a_moved_file_stays_within_twelve_lines() -> None:
    old = (REPO_DATA / SOP).read_bytes()
    new = old.replace(b"    waktu: 1 jam\n", b"    waktu: 3 jam\n").replace(b"    waktu: 1 hari\n", b"    waktu: 3 hari\n")
    new = new.replace(b"    output: ", b"    output: Baru ").replace(b"    kelengkapan: ", b"    kelengkapan: Baru ")
    lines = filediff.describe(step(SOP, "a" * 40, "b" * 40, "sop_defs/lama.yaml"), {"a" * 40: old, "b" * 40: new})
    assert lines[0] == "dipindahkan dari sop_defs/lama.yaml" and len(lines) == 12 and lines[-1].startswith("dan ")


def test_git_output_of_another_shape_is_refused() -> None:
    head = b"\0" + b"1" * 40 + b"\0"
    raw = b"\n:100644 100644 " + b"2" * 40 + b" " + b"3" * 40 + b" M\0sop_defs/a.yaml\0"
    [found] = filediff.parse_raw(head + raw) or []
    assert (found.path, found.before, found.after) == ("sop_defs/a.yaml", "2" * 40, "3" * 40)
    assert filediff.parse_raw(head + b":100644 100644 xyz\0a\0") is None
    assert filediff.parse_raw(raw) is None  # a file before any commit
    link = b"\n:120000 120000 " + b"2" * 40 + b" " + b"3" * 40 + b" M\0sop_defs/link.yaml\0"
    [found] = filediff.parse_raw(head + link) or []
    assert found.before is None and found.after is None  # a symbolic link: nothing to compare


def test_a_settings_change_is_shown_line_by_line(repo: Path) -> None:
    write(repo, "CODEOWNERS", "/sop_defs/diskominfo/perencanaan-keuangan/ @budi @rina\n")
    write(repo, "generator/x.py", "print(1)\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Rina ikut menyetujui")
    commit = read_history(repo).changes[0].commit
    said = file_changes(read_file_versions(repo))
    assert said[(commit, "CODEOWNERS")] == (
        "baris dihapus: /sop_defs/diskominfo/perencanaan-keuangan/ @budi",
        "baris ditambah: /sop_defs/diskominfo/perencanaan-keuangan/ @budi @rina",
    )
    assert (commit, "generator/x.py") not in said  # code is listed by the trail, not compared here
