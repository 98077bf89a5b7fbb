"""Record files: each kind of error names the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import errors_only
from generator.loading import load_all
from tests.conftest import REFERENCE, edit

TW3 = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
PLAN = "records/2025/tahunan/perencanaan-kinerja.yaml"


def errors(root: Path) -> list[str]:
    manual, _, problems = load_all(root, REFERENCE)
    found = errors_only(problems)
    assert manual is None and found
    return [p.format() for p in found]


def test_shipped_records_are_valid(site) -> None:  # type: ignore[no-untyped-def]
    assert len(site.records) == 9
    assert all(r.spec.example for r in site.records)


# (file, old, new, key, words in message[, text of the line the error points at, when not the first line of `new`])
CASES = [
    (TW3, "sop: pelaporan-kinerja-triwulan", "sop: pelaporan-triwulan", "[sop]", "tidak ada di sop_defs/"),
    (TW3, "periode: 2025-TW3", "periode: 2025", "[periode]", "setiap triwulan"),
    (TW3, "periode: 2025-TW3", "periode: 2025-TW2", "[periode]", "harus disimpan di records/2025/TW2/"),
    (TW3, "periode: 2025-TW3", "periode: 2025-Q3", "[periode]", "periode `2025-Q3` tidak sah"),
    (PLAN, "periode: 2025", "periode: 2025-TW4", "[periode]", "setiap tahun"),
    (TW3, "    selesai: 2025-09-02 13:30", "    selesai: 2025-09-01 13:30", "[pelaksanaan ke-3 › selesai]", "lebih awal dari `mulai`"),
    (TW3, "  - langkah: 3\n", "  - langkah: 4\n", "[pelaksanaan ke-3 › langkah]", "diharapkan langkah 3"),
    (TW3, "  - langkah: 2\n", "  - langkah: 9\n", "[pelaksanaan ke-2 › langkah]", "langkah 9 tidak ada"),
    (TW3, "    hasil: tidak\n", "", "[pelaksanaan ke-5]", "isi `hasil: ya` atau `hasil: tidak`", "  - langkah: 5"),
    (TW3, "    selesai: 2025-09-02 13:30\n", "    selesai: 2025-09-02 13:30\n    hasil: ya\n", "[pelaksanaan ke-3 › hasil]", "bukan langkah keputusan", "    hasil: ya"),
    (TW3, "berkas: records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf", "berkas: records/2025/TW3/lampiran/tidak-ada.pdf", "› berkas]", "tidak ada di repositori"),
    (TW3, "berkas: records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf", "berkas: ../../etc/passwd", "› berkas]", "tanpa `..`"),
    (TW3, "berkas: records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf", "berkas: /etc/passwd", "› berkas]", "relatif"),
    (TW3, "    mulai: 2025-09-02 08:00", "    mulai: 2025-09-02 25:00", "[pelaksanaan ke-3 › mulai]", "tidak ada"),
    (TW3, "contoh: true", "contoh: true\nstatus: dibatalkan", "[status]", "`alasan`", "status: dibatalkan"),
    (TW3, "    pelaksana: Andi Saputra", "    pelaksanaa: Andi Saputra", "[pelaksanaan ke-3 › pelaksanaa]", "maksud Anda `pelaksana`"),
]


@pytest.mark.parametrize(("rel", "old", "new", "key", "words", "at"), [(*c, None)[:6] for c in CASES],
                         ids=[c[4][:28] for c in CASES])
def test_each_record_error_is_located(repo_copy: Path, rel: str, old: str, new: str, key: str, words: str,
                                      at: str | None) -> None:
    """The error points at the first line of `new`, or at the first line that reads exactly `at`."""
    line = edit(repo_copy, rel, old, new)
    if at is not None:
        line = (repo_copy / rel).read_text(encoding="utf-8").splitlines().index(at) + 1
    messages = errors(repo_copy)
    matching = [m for m in messages if key in m and words in m]
    assert matching, messages
    assert matching[0].startswith(f"{rel}:{line}:"), matching[0]


def test_loop_back_after_tidak_is_accepted_and_counted(site) -> None:  # type: ignore[no-untyped-def]
    record = next(r for r in site.records if r.period.code == "2025-TW3")
    assert [e.step for e in record.started] == [1, 2, 3, 4, 5, 4, 5, 6, 7]
    assert record.revision_rounds == 1


def test_record_in_the_wrong_folder(repo_copy: Path) -> None:
    source = repo_copy / TW3
    target = repo_copy / "records/2025/TW2-salah/pelaporan-kinerja-triwulan.yaml"
    target.parent.mkdir()
    source.rename(target)
    messages = errors(repo_copy)
    assert any("harus disimpan di records/2025/TW3/" in m for m in messages), messages


def test_file_name_must_be_the_sop_id(repo_copy: Path) -> None:
    (repo_copy / TW3).rename(repo_copy / "records/2025/TW3/laporan.yaml")
    messages = errors(repo_copy)
    assert any("nama berkas harus `pelaporan-kinerja-triwulan.yaml`" in m for m in messages), messages


def test_planned_steps_must_follow_started_ones(repo_copy: Path) -> None:
    edit(repo_copy, PLAN, "  - langkah: 1\n    mulai: 2025-10-06\n    selesai: 2025-10-17\n", "  - langkah: 1\n    mulai:\n    selesai:\n")
    messages = errors(repo_copy)
    assert any("sebelum langkah yang belum dimulai" in m for m in messages), messages
