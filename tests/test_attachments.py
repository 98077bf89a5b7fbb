"""Attachments and the logo: only passive documents, from their own folders, never through a link, never over a site file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.data.attachments import MAX_ATTACHMENT_BYTES, attachment_problem
from generator.loading import load_all
from tests.conftest import REFERENCE, edit
from tests.sitebuild import build_site

TW3 = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
SHIPPED = "berkas: records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf"
LAMPIRAN = "records/2025/TW3/lampiran"

PDF = b"%PDF-1.4\n%%EOF\n"
ZIP = b"PK\x03\x04" + b"\x00" * 40
ODT = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text"


def berkas_problem(root: Path, rel: str) -> str:
    line = edit(root, TW3, SHIPPED, f"berkas: {rel}")
    _, _, problems = load_all(root, REFERENCE)
    located = [p for p in problems if p.path == TW3]
    assert [(p.line, p.key) for p in located] == [(line, "pelaksanaan ke-9 › dokumen ke-1 › berkas")], [p.format() for p in problems]
    return located[0].message


@pytest.mark.parametrize(
    ("rel", "content"),
    [
        ("records/2025/TW3/lampiran/laporan.docx", ZIP),
        ("records/2025/TW3/lampiran/tabel.xlsx", ZIP),
        ("records/2025/TW3/lampiran/notula.odt", ODT),
        ("records/2025/TW3/lampiran/foto_rapat.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("records/2025/TW3/lampiran/sub/bagan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20),
    ],
)
def test_passive_documents_are_accepted(repo_copy: Path, rel: str, content: bytes) -> None:
    (repo_copy / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo_copy / rel).write_bytes(content)
    assert attachment_problem(repo_copy, rel) is None


@pytest.mark.parametrize(
    ("rel", "content", "words"),
    [
        # A theme path outside records/: it would replace the theme's script on every page.
        ("assets/javascripts/bundle.f13b1293.min.js", b"alert(1)", "harus berada di folder `lampiran/` di bawah `records/`"),
        ("records/2025/TW3/laporan.pdf", PDF, "harus berada di folder `lampiran/`"),
        ("records/2025/TW3/lampiran/halaman.html", b"<script>alert(1)</script>", "tidak diizinkan"),
        ("records/2025/TW3/lampiran/gambar.svg", b"<svg onload=alert(1)>", "tidak diizinkan"),
        ("records/2025/TW3/lampiran/catatan.md", b"<script>alert(1)</script>", "tidak diizinkan"),
        ("records/2025/TW3/lampiran/tanpa-akhiran", PDF, "tidak diizinkan"),
        ("records/2025/TW3/lampiran/palsu.pdf", b"<html><script>alert(1)</script>", "bukan PDF"),
        ("records/2025/TW3/lampiran/palsu.odt", ZIP, "bukan OpenDocument teks"),
        # MkDocs skips dot files: the link would lead to a 404.
        ("records/2025/TW3/lampiran/.tersembunyi.pdf", PDF, "tidak diawali titik"),
        ("records/2025/TW3/lampiran/laporan tw3.pdf", PDF, "tanpa spasi"),
    ],
)
def test_active_misplaced_or_disguised_files_are_refused(repo_copy: Path, rel: str, content: bytes, words: str) -> None:
    (repo_copy / rel).parent.mkdir(parents=True, exist_ok=True)
    (repo_copy / rel).write_bytes(content)
    assert words in berkas_problem(repo_copy, rel)


def test_oversized_attachment_is_refused_without_reading_it(repo_copy: Path) -> None:
    big = repo_copy / LAMPIRAN / "besar.pdf"
    with big.open("wb") as handle:
        handle.write(PDF)
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)  # sparse: nothing of it is read
    assert "terlalu besar" in berkas_problem(repo_copy, f"{LAMPIRAN}/besar.pdf")


@pytest.mark.parametrize("target", ["/dev/zero", "../../../../.git/config", "/etc/passwd"])
def test_linked_attachment_is_refused_and_never_read(repo_copy: Path, target: str) -> None:
    (repo_copy / LAMPIRAN / "tautan.pdf").symlink_to(target)
    message = berkas_problem(repo_copy, f"{LAMPIRAN}/tautan.pdf")
    assert "tautan simbolik tidak diizinkan" in message


def test_linked_folder_under_lampiran_is_refused(repo_copy: Path) -> None:
    # A linked folder would publish whatever it points at (in CI, .git/config holds the checkout token).
    (repo_copy / ".git").mkdir()
    (repo_copy / ".git/config").write_bytes(PDF)
    (repo_copy / LAMPIRAN / "git").symlink_to(repo_copy / ".git")
    message = berkas_problem(repo_copy, f"{LAMPIRAN}/git/config.pdf")
    assert "`records/2025/TW3/lampiran/git` adalah tautan simbolik" in message
    _, _, problems = load_all(repo_copy, REFERENCE)
    assert any(p.path == f"{LAMPIRAN}/git" and "tautan simbolik" in p.message for p in problems)


def test_a_fifo_in_the_data_is_refused_without_blocking(repo_copy: Path) -> None:
    os.mkfifo(repo_copy / "records/2025/TW1/antrian.yaml")
    _, _, problems = load_all(repo_copy, REFERENCE)
    assert [p.message for p in problems if p.path == "records/2025/TW1/antrian.yaml"] == [
        "bukan berkas biasa (mis. FIFO atau perangkat); tidak diizinkan di folder data"
    ]


@pytest.mark.parametrize("folder", ["sop_defs", "records"])
def test_symlinked_data_files_are_refused_before_reading(repo_copy: Path, tmp_path: Path, folder: str) -> None:
    secret = tmp_path / "rahasia.yaml"
    secret.write_text("kata_sandi: AWAS-BOCOR-123\n", encoding="utf-8")
    rel = f"{folder}/diskominfo/perencanaan-keuangan/bocor.yaml" if folder == "sop_defs" else "records/2025/TW1/bocor.yaml"
    (repo_copy / rel).symlink_to(secret)
    _, _, problems = load_all(repo_copy, REFERENCE)
    assert [p.message for p in problems if p.path == rel] == ["tautan simbolik tidak diizinkan di folder data"]
    assert not any("AWAS-BOCOR" in p.format() for p in problems)


def test_attachment_cannot_replace_a_file_the_site_already_has(repo_copy: Path, tmp_path: Path) -> None:
    """A hand-written docs/ file at the attachment's path: the build stops instead of choosing one."""
    out = tmp_path / "situs"
    project = out.parent / f"{out.name}-project"
    (project / "docs" / LAMPIRAN).mkdir(parents=True)
    (project / "docs" / LAMPIRAN / "laporan-kinerja-tw3-2025.pdf").write_bytes(b"%PDF-1.4 milik docs")
    result = build_site(repo_copy, out)
    assert result.returncode != 0
    assert "bertabrakan dengan berkas situs yang sudah ada" in result.stderr
    assert "Traceback" not in result.stderr


def test_symlink_in_docs_is_refused(repo_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "situs"
    project = out.parent / f"{out.name}-project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "rahasia.txt").symlink_to("/etc/passwd")
    result = build_site(repo_copy, out)
    assert result.returncode != 0 and "docs/rahasia.txt adalah tautan simbolik" in result.stderr
    assert not (out / "rahasia.txt").exists()
