"""The fallback for any YAML data file: top-level keys, one level down for a catalogue's entries."""

from __future__ import annotations

from generator.data.yamldiff import capped, new_text, pair, short, yaml_diff


def test_catalogue_entries_added_removed_and_changed() -> None:
    old = {"kadis": {"nama": "Kepala Dinas", "singkatan": "Kadis"}, "staf": {"nama": "Staf", "singkatan": "Staf"}}
    new = {"kadis": {"nama": "Kepala Dinas", "singkatan": "Ka Dinas"}, "sekretaris": {"nama": "Sekretaris Dinas", "singkatan": "Sekretaris"}}
    assert yaml_diff(old, new) == [
        "kadis › singkatan: Kadis → Ka Dinas",
        "sekretaris ditambah: Sekretaris Dinas",
        "staf dihapus: Staf",
    ]


def test_scalars_lists_and_whole_files() -> None:
    assert yaml_diff({"tinjau_setiap_tahun": 5}, {"tinjau_setiap_tahun": 3}) == ["tinjau_setiap_tahun: 5 → 3"]
    assert yaml_diff({"x": [1]}, {"x": [1, 2]}) == ["x diubah: 1 → 2 butir"]
    assert yaml_diff(None, {"a": 1}, (True, False)) == ["berkas baru"]
    assert yaml_diff({"a": 1}, None, (False, True)) == ["berkas dihapus"]
    assert yaml_diff([1], [2]) == ["isi diubah"]
    assert yaml_diff({"a": 1}, {"a": 1}) == []


def test_short_and_capped() -> None:
    assert short("satu  dua\ntiga") == "satu dua tiga"
    cut = short("kata " * 40)
    assert cut.endswith("…") and len(cut) <= 60 and not cut.endswith(" …")
    assert capped([str(i) for i in range(20)]) == [*map(str, range(11)), "dan 9 perubahan lain"]
    assert capped(["a"] * 12) == ["a"] * 12


def test_two_texts_that_differ_past_the_cut_are_shown_from_where_they_part() -> None:
    old = "Pengumpulan Data Kinerja, Evaluasi Program dan Pelaporan Kinerja Triwulan"
    new = "Pengumpulan Data Kinerja, Evaluasi Program dan Pelaporan Kinerja Semester"
    assert pair(old, new) == "…Triwulan → …Semester"
    assert pair("2 jam", "3 jam") == "2 jam → 3 jam"
    assert new_text(old, new) == "…Semester"
    assert new_text("Membuat notulen", "Menyusun notulen") == "Menyusun notulen"
