"""`sopgen` as an editor meets it: exit codes and messages, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import OLD_SOP, REPO, edit


def sopgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=60
    )


def test_validate_shipped_data() -> None:
    result = sopgen("validate")
    assert result.returncode == 0, result.stderr
    assert "Data sah: 3 SOP" in result.stdout


def test_validate_invalid_data_exits_1_with_located_messages(repo_copy: Path) -> None:
    line = edit(repo_copy, "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "    waktu: 1 hari", "    waktu: sehari")
    result = sopgen("--folder", str(repo_copy), "validate")
    assert result.returncode == 1
    assert f"sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml:{line}:5: [langkah ke-3 › waktu]" in result.stderr
    assert "Traceback" not in result.stderr
    assert "1 galat ditemukan" in result.stderr


def test_validate_named_files_as_the_pre_commit_hook_passes_them(repo_copy: Path) -> None:
    sop = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
    fine = sopgen("--folder", str(repo_copy), "validate", "records/2025/tahunan/evaluasi-kinerja.yaml", "README.md")
    assert fine.returncode == 0, fine.stderr
    assert "Data sah: 1 rekaman diperiksa, bersama 1 berkas terkait." in fine.stdout
    assert "README.md:1:1: peringatan: tidak diperiksa: di luar sop_defs/ dan records/, bukan berkas data" in fine.stderr
    assert "tanpa nama berkas (seperti di CI) yang memeriksa entri katalog yang tidak dipakai" in fine.stdout
    line = edit(repo_copy, sop, "    waktu: 1 hari", "    waktu: sehari")
    broken = sopgen("--folder", str(repo_copy), "validate", sop)
    assert broken.returncode == 1
    assert f"{sop}:{line}:5: [langkah ke-3 › waktu]" in broken.stderr
    assert "1 galat ditemukan" in broken.stderr and "Traceback" not in broken.stderr


def test_garbage_file_gives_a_message_not_a_traceback(repo_copy: Path) -> None:
    (repo_copy / "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml").write_bytes(b"\xff\xfe\x00garbage")
    result = sopgen("--folder", str(repo_copy), "validate")
    assert result.returncode == 1
    assert "UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_wrong_usage_exits_2() -> None:
    result = sopgen("periksa")
    assert result.returncode == 2
    assert "perintah salah" in result.stderr


def test_schema_writes_json_schemas(tmp_path: Path) -> None:
    result = sopgen("schema", "--keluaran", str(tmp_path))
    assert result.returncode == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "dasar_hukum.schema.json", "dokumen.schema.json", "instansi.schema.json", "jabatan.schema.json",
        "kinerja.schema.json", "lke.schema.json", "pemantauan.schema.json", "pemerintah.schema.json", "pk.schema.json",
        "realisasi.schema.json", "rekaman.schema.json", "sop.schema.json",
    ]
    text = (tmp_path / "sop.schema.json").read_text(encoding="utf-8")
    assert '"kegiatan"' in text and '"satuan_waktu"' in text


def test_every_data_file_points_at_its_schema() -> None:
    for path in sorted([*(REPO / "sop_defs").rglob("*.yaml"), *(REPO / "records").rglob("*.yaml")]):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.parent == (REPO / "schema").resolve(), path


def test_status_strict_fails_when_something_is_late() -> None:
    ok = sopgen("status", "--tanggal", "2026-11-25")
    assert ok.returncode == 0
    assert "pelaporan-kinerja-triwulan  2026-TW2  terlambat" in ok.stdout
    strict = sopgen("status", "--tanggal", "2026-11-25", "--ketat")
    assert strict.returncode == 1
    calm = sopgen("status", "--tanggal", "2026-11-25", "--periode", "2025-TW3", "--ketat")
    assert calm.returncode == 0 and "2025-TW3" in calm.stdout and "2026" not in calm.stdout.split("\n", 1)[1]


def test_new_record_writes_a_valid_file_and_refuses_to_overwrite(repo_copy: Path) -> None:
    first = sopgen("--folder", str(repo_copy), "new-record", "pelaporan-kinerja-triwulan", "2026-TW4")
    assert first.returncode == 0, first.stderr
    path = repo_copy / "records/2026/TW4/pelaporan-kinerja-triwulan.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  - langkah:") == 7 and "hasil:" in text
    assert sopgen("--folder", str(repo_copy), "validate").returncode == 0
    again = sopgen("--folder", str(repo_copy), "new-record", "pelaporan-kinerja-triwulan", "2026-TW4")
    assert again.returncode == 1 and "tidak ditimpa" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_new_record_checks_the_cadence(repo_copy: Path) -> None:
    result = sopgen("--folder", str(repo_copy), "new-record", "perencanaan-kinerja", "2026-TW4")
    assert result.returncode == 1 and "berjadwal tahunan" in result.stderr


def test_new_monitoring_writes_the_file_where_it_belongs_and_refuses_to_overwrite(repo_copy: Path) -> None:
    first = sopgen("--folder", str(repo_copy), "new-monitoring", "perencanaan-kinerja", "--tanggal", "2026-11-20")
    assert first.returncode == 0, first.stderr
    rel = "records/2026/pemantauan/perencanaan-kinerja-2026-11-20.yaml"
    assert first.stdout.strip() == f"ditulis: {rel}"
    text = (repo_copy / rel).read_text(encoding="utf-8")
    assert "tanggal: 2026-11-20\npenilaian: berjalan baik" in text and "\ntindakan:\n" in text
    again = sopgen("--folder", str(repo_copy), "new-monitoring", "perencanaan-kinerja", "--tanggal", "2026-11-20")
    assert again.returncode == 1 and f"{rel} sudah ada; berkas tidak ditimpa." in again.stderr
    empty = sopgen("--folder", str(repo_copy), "validate", "--tanggal", "2026-11-25")
    assert empty.returncode == 1 and f"{rel}:7:1: [catatan]" in empty.stderr  # nothing filled in yet


def test_new_monitoring_refuses_an_unknown_sop_a_bad_or_later_date(repo_copy: Path) -> None:
    unknown = sopgen("--folder", str(repo_copy), "new-monitoring", "evaluasi", "--tanggal", "2026-11-20")
    assert unknown.returncode == 1 and "SOP `evaluasi` tidak ada. SOP yang ada: evaluasi-kinerja" in unknown.stderr
    bad = sopgen("--folder", str(repo_copy), "new-monitoring", "evaluasi-kinerja", "--tanggal", "2026-02-30")
    assert bad.returncode == 2 and "tanggal `2026-02-30` tidak ada di kalender" in bad.stderr
    later = sopgen("--folder", str(repo_copy), "new-monitoring", "evaluasi-kinerja", "--tanggal", "2100-01-01")
    assert later.returncode == 1 and "sesudah tanggal acuan" in later.stderr
    missing = sopgen("--folder", str(repo_copy), "new-monitoring", "evaluasi-kinerja")
    assert missing.returncode == 2 and "argumen wajib belum diberikan: --tanggal" in missing.stderr
    assert not (repo_copy / "records/2026/pemantauan/evaluasi-kinerja-2026-11-20.yaml").exists()
    assert "Traceback" not in unknown.stderr + bad.stderr + later.stderr + missing.stderr


def test_status_of_a_quarter_lists_what_its_progress_page_lists() -> None:
    """A yearly SOP is due in Triwulan IV: `--periode 2026-TW4` lists it, as the TW4 page does."""
    result = sopgen("status", "--tanggal", "2026-11-25", "--periode", "2026-TW4")
    rows = [line.split()[:2] for line in result.stdout.splitlines()[4:] if line.strip()]
    assert rows == [["evaluasi-kinerja", "2026"], ["pelaporan-kinerja-triwulan", "2026-TW4"], ["perencanaan-kinerja", "2026"]]


def test_validate_counts_the_revoked_sops(revoked_root: Path) -> None:
    result = sopgen("--folder", str(revoked_root), "validate", "--tanggal", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert "Data sah: 5 SOP (1 dicabut) dari 1 instansi (2 unit)" in result.stdout
    edit(revoked_root, OLD_SOP, "tanggal_dicabut: 2026-07-01", "tanggal_dicabut: 2026-12-15")  # not yet revoked
    later = sopgen("--folder", str(revoked_root), "validate", "--tanggal", "2026-11-25")
    assert "Data sah: 5 SOP dari 1 instansi" in later.stdout, later.stderr
