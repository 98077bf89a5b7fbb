"""What a commit changed in an SOP file, in the words its owner would use: the shipped SOPs and the fixtures,
edited the way editors edit them (the YAML text, not the model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.data.check import validate
from generator.data.yamlload import load_text
from generator.manual.load import SOP_TYPE, known_keys
from generator.manual.model import Manual, SopFile
from generator.manual.sopdiff import sop_diff

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
EVALUASI = REPO / "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"
TRIWULAN = REPO / "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"
PANJANG = FIXTURES / "prosedur-panjang/sop_defs/instansi-uji/unit-uji/prosedur-panjang.yaml"
DICABUT = FIXTURES / "sop-dicabut/sop_defs/diskominfo/program-data/permintaan-data-lama.yaml"


def parsed(text: str) -> SopFile:
    loaded, problems = load_text(text, "sop_defs/x/y/z.yaml")
    assert loaded is not None, problems
    spec, problems = validate(SOP_TYPE, loaded, known_keys())
    assert spec is not None, [p.format() for p in problems]
    return spec


def edited(path: Path, *replacements: tuple[str, str]) -> tuple[SopFile, SopFile]:
    """The file as it is, and after replacing each text once (each must be there)."""
    text = path.read_text(encoding="utf-8")
    new = text
    for old, replacement in replacements:
        assert old in new, old
        new = new.replace(old, replacement, 1)
    return parsed(text), parsed(new)


@pytest.fixture(scope="module")
def roles(manual: Manual) -> dict[str, str]:
    return {role_id: role.abbreviation for role_id, role in manual.catalogue.roles.items()}


def renumber_from(text: str, number: int, by: int) -> str:
    """Every step number from `number` on moved by `by`, as an editor renumbers after inserting a row."""
    return re.sub(r"(?m)^  - no: (\d+)$", lambda m: f"  - no: {int(m[1]) + by if int(m[1]) >= number else m[1]}", text)


def test_a_step_time_changed_is_one_line_with_before_and_after() -> None:
    old, new = edited(EVALUASI, ("    kelengkapan: Notulen\n    waktu: 1 hari\n", "    kelengkapan: Notulen\n    waktu: 2 hari\n"))
    assert sop_diff(old, new) == ["langkah 3 waktu: 1 hari → 2 hari"]


def test_a_bare_number_reads_in_the_sops_time_unit() -> None:
    old, new = edited(TRIWULAN, ("    waktu: 300\n", "    waktu: 360\n"))
    assert sop_diff(old, new) == ["langkah 3 waktu: 300 menit → 360 menit"]


def test_a_step_inserted_in_the_middle_is_one_step_added_not_every_later_step_changed() -> None:
    text = EVALUASI.read_text(encoding="utf-8")
    inserted = (
        "  - no: 3\n    kegiatan: Memverifikasi hasil evaluasi bersama Inspektorat sebelum notulen disusun oleh tim\n"
        "    pelaksana: tim-akuntabilitas\n    waktu: 2 hari\n"
    )
    new = renumber_from(text, 3, 1).replace("  - no: 4\n", inserted + "  - no: 4\n", 1)
    lines = sop_diff(parsed(text), parsed(new))
    assert lines == ["langkah 3 ditambah: Memverifikasi hasil evaluasi bersama Inspektorat sebelum…"]
    assert len(lines[0]) <= 80


def test_a_step_removed_and_a_step_appended() -> None:
    text = EVALUASI.read_text(encoding="utf-8")
    last = text.index("  - no: 5\n")
    appended = text[:last] + (
        "  - no: 5\n    kegiatan: Mengarsipkan notulen di Buku Dokumentasi SAKIP\n    pelaksana: staf\n    waktu: 1 jam\n"
    )
    assert sop_diff(parsed(text), parsed(appended)) == [
        "langkah 5 dihapus: Mencetak dan menggandakan notulen/ringkasan hasil review…",
        "langkah 5 ditambah: Mengarsipkan notulen di Buku Dokumentasi SAKIP",
    ]


def test_an_actor_changed_reads_as_the_forms_column_names(roles: dict[str, str]) -> None:
    text = TRIWULAN.read_text(encoding="utf-8")
    at = text.index("  - no: 4\n")
    new = text[:at] + text[at:].replace("pelaksana: kasubag-perencanaan", "pelaksana: sekretaris", 1)
    assert sop_diff(parsed(text), parsed(new), roles) == ["langkah 4 pelaksana: Kasubag → Sekretaris"]
    assert sop_diff(parsed(text), parsed(new)) == ["langkah 4 pelaksana: kasubag-perencanaan → sekretaris"]


def test_identity_fields_in_the_forms_order() -> None:
    old, new = edited(
        EVALUASI,
        ("nama: Evaluasi Kinerja\n", "nama: Evaluasi Kinerja Tahunan\n"),
        ("tanggal_efektif: 2022-05-01\n", "tanggal_efektif: 2027-01-02\n"),
        ("  - permenpan-rb-53-2014\n", "  - permenpan-rb-53-2014\n  - permendagri-86-2017\n"),
        ("  - Memiliki pemahaman tentang SAKIP\n", "  - Memiliki pemahaman mendalam tentang SAKIP\n"),
        ("jadwal: tahunan\n", "jadwal: semesteran\n"),
    )
    assert sop_diff(old, new) == [
        "nama: Evaluasi Kinerja → Evaluasi Kinerja Tahunan",
        "mulai berlaku: 1 Mei 2022 → 2 Januari 2027",
        "dasar hukum ditambah: permendagri-86-2017",
        "kualifikasi pelaksana diubah",
        "jadwal: tahunan → semesteran",
    ]


def test_list_items_added_or_removed_are_named() -> None:
    old, new = edited(
        EVALUASI,
        ("  - iku\n", ""),
        ("  - Pedoman Penyusunan SAKIP\n", "  - Pedoman Penyusunan SAKIP\n  - Printer\n"),
    )
    assert sop_diff(old, new) == ["keterkaitan dihapus: iku", "peralatan/perlengkapan ditambah: Printer"]


def test_a_revoked_sop_says_so() -> None:
    text = DICABUT.read_text(encoding="utf-8")
    before = re.sub(r"(?ms)^status: dicabut\n.*", "", text)
    lines = sop_diff(parsed(before), parsed(text))
    assert lines[0] == "status: berlaku → dicabut"
    assert "tanggal dicabut: – → 1 Juli 2026" in lines
    assert any(line.startswith("diganti oleh: – → permintaan-data") for line in lines)


def test_new_and_removed_sop() -> None:
    spec = parsed(EVALUASI.read_text(encoding="utf-8"))
    assert sop_diff(None, spec) == ["SOP baru: Evaluasi Kinerja (5 langkah)"]
    assert sop_diff(spec, None) == ["SOP dihapus: Evaluasi Kinerja"]
    assert sop_diff(spec, spec) == []
    assert sop_diff(None, None) == []


def test_a_rewrite_is_capped_at_twelve_lines_in_a_fixed_order() -> None:
    text = PANJANG.read_text(encoding="utf-8")
    new = text.replace("    waktu: 1 jam\n", "    waktu: 2 jam\n")  # every one of the 18 steps
    lines = sop_diff(parsed(text), parsed(new))
    assert len(lines) == 12
    assert lines[:11] == [f"langkah {n} waktu: 1 jam → 2 jam" for n in range(1, 12)]
    assert lines[11] == "dan 7 perubahan lain"
    assert sop_diff(parsed(text), parsed(new)) == lines


def test_a_long_activity_is_cut_at_a_word() -> None:
    old, new = edited(PANJANG, ("Kegiatan nomor 2 yang cukup panjang", "Kegiatan kedua yang sangat jauh lebih panjang"))
    [line] = sop_diff(old, new)
    assert line.startswith("langkah 2 kegiatan diubah: Kegiatan kedua yang sangat jauh lebih panjang")
    assert line.endswith("…") and len(line) <= 90 and "  " not in line


def test_a_name_changed_at_its_end_shows_the_words_that_changed() -> None:
    old, new = edited(TRIWULAN, ("Pelaporan Kinerja Triwulan\n", "Pelaporan Kinerja Semester\n"))
    assert sop_diff(old, new) == ["nama: …Triwulan → …Semester"]
