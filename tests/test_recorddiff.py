"""What a commit changed in an execution record: the shipped records and the fixtures, edited as editors edit them."""

from __future__ import annotations

from pathlib import Path

from generator.data.check import validate
from generator.data.yamlload import load_text
from generator.records.model import RECORD_TYPE, RecordFile, record_keys
from generator.records.recorddiff import record_diff

REPO = Path(__file__).resolve().parent.parent
TW3 = REPO / "records/2026/TW3/pelaporan-kinerja-triwulan.yaml"
PANGKAT = REPO / "tests/fixtures/instansi-kedua/records/2026/S1/usul-kenaikan-pangkat.yaml"


def parsed(text: str) -> RecordFile:
    loaded, problems = load_text(text, "records/2026/TW3/x.yaml")
    assert loaded is not None, problems
    spec, problems = validate(RECORD_TYPE, loaded, record_keys())
    assert spec is not None, [p.format() for p in problems]
    return spec


def test_a_step_finished_and_its_document_added() -> None:
    done = TW3.read_text(encoding="utf-8")
    cut = done.index("    selesai: 2026-09-16 14:00\n")
    under_way = done[:cut] + "    pelaksana: Ir. SUMANTO, MM\n"
    assert record_diff(parsed(under_way), parsed(done)) == [
        "langkah 7 selesai: – → 16 September 2026 14.00",
        "langkah 7 NIP: – → 19680814 200212 1 004",
        "langkah 7 hasil: – → ya",
        "langkah 7 dokumen ditambah: Laporan Kinerja Triwulan III Tahun 2026",
    ]


def test_a_step_recorded_for_the_first_time() -> None:
    done = TW3.read_text(encoding="utf-8")
    before = done[: done.index("  - langkah: 7\n")]
    lines = record_diff(parsed(before), parsed(done))
    assert lines == [
        "langkah 7 dicatat: mulai 16 September 2026 13.00",
        "langkah 7 dokumen ditambah: Laporan Kinerja Triwulan III Tahun 2026",
    ]


def test_a_second_round_of_a_step_is_told_apart_from_the_first() -> None:
    text = PANGKAT.read_text(encoding="utf-8")
    assert text.count("  - langkah: 8\n") == 2  # returned once at step 9, then step 8 ran again
    second = text.rindex("  - langkah: 8\n")
    edited = text[:second] + text[second:].replace("pelaksana: Doni Pratama, A.Md.", "pelaksana: Doni Pratama", 1)
    assert record_diff(parsed(text), parsed(edited)) == ["langkah 8 (putaran 2) pelaksana: Doni Pratama, A.Md. → Doni Pratama"]


def test_cancelled_new_and_removed() -> None:
    text = TW3.read_text(encoding="utf-8")
    cancelled = text.replace("contoh: true\n", "contoh: true\nstatus: dibatalkan\nalasan: Anggaran dialihkan\n")
    assert record_diff(parsed(text), parsed(cancelled)) == [
        "status: berjalan → dibatalkan",
        "alasan: – → Anggaran dialihkan",
    ]
    assert record_diff(None, parsed(text)) == ["rekaman baru: Triwulan III 2026, 7 langkah dicatat"]
    assert record_diff(parsed(text), None) == ["rekaman dihapus: Triwulan III 2026"]
    assert record_diff(parsed(text), parsed(text)) == []
