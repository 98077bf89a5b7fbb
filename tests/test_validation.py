"""One test per kind of data error: each names the file, the line and the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.data.dates import PartialDate
from generator.errors import Problem, errors_only
from generator.manual.load import load_manual
from tests.conftest import NEW_SOP, OLD_SOP, edit

TW = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"
EV = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"


def error_with_key(root: Path, key: str) -> Problem:
    """The error reported for `key`; a broken reference may bring consequences, but not first."""
    manual, problems = load_manual(root)
    errors = errors_only(problems)
    assert manual is None
    matching = [p for p in errors if p.key == key]
    assert matching, [p.format() for p in errors]
    return matching[0]


def only_error(root: Path) -> Problem:
    manual, problems = load_manual(root)
    errors = errors_only(problems)
    assert manual is None
    assert len(errors) == 1, [p.format() for p in errors]
    return errors[0]


CASES = [
    # (file, old, new, key in message, words in message[, text of the line the error points at])
    # Without the sixth item, the error points at the first line of `new`.
    (TW, "    kegiatan: Memerintahkan pelaksana", "    kegiatn: Memerintahkan pelaksana", "langkah ke-2 › kegiatn", "maksud Anda `kegiatan`"),
    (TW, "tanggal_efektif: 2022-05-01", "tanggal_efektif: 2022-02-30", "tanggal_efektif", "tidak ada di kalender"),
    (TW, "jadwal: triwulanan", "jadwal: mingguan", "jadwal", "triwulanan"),
    (TW, "    waktu: 300", "    waktu: 3 jm", "langkah ke-3 › waktu", "satuan waktu `jm` tidak dikenal"),
    (TW, "  - pp-58-2005", "  - pp-58-2006", "dasar_hukum ke-1", "pp-58-2006"),
    (TW, "    pelaksana: kabid", "    pelaksana: kabidd", "langkah ke-5 › pelaksana", "kabidd"),
    (TW, "  - kabid\n", "  - kepala-bidang\n", "pelaksana ke-3", "kepala-bidang"),
    (TW, "      tidak: 4", "      tidak: 9", "langkah ke-5 › keputusan › tidak", "langkah tujuan 9 tidak ada"),
    (TW, "      tidak: 4", "      tidak: 5", "langkah ke-5 › keputusan › tidak", "langkahnya sendiri"),
    (TW, "  - no: 4\n", "  - no: 5\n", "langkah ke-4 › no", "harus 4"),
    (TW, "  - renja\n", "  - renja-opd\n", "keterkaitan ke-2", "renja-opd"),
    (TW, "    kelengkapan: Nota Dinas", "    kelengkapan: [Nota, Dinas]", "langkah ke-1 › kelengkapan", "harus berupa teks"),
    (TW, "  - no: 2\n", "  - no: dua\n", "langkah ke-2 › no", "bilangan bulat"),
    (TW, "  - kabid\n", "  - Kabid Umum\n", "pelaksana ke-3", "huruf kecil"),
    (TW, "nama: Pengumpulan", "nama_sop: Pengumpulan", "nama_sop", "maksud Anda `nama`"),
    (EV, "    waktu: 1 hari\n", "    waktu: 1 hari\n    waktu: 2 hari\n", "langkah ke-3 › waktu", "ditulis dua kali", "    waktu: 2 hari"),
    (EV, "peringatan: Evaluasi", "peringatan: [Evaluasi", "", "sintaks YAML salah"),
    # the forms real SOPs take (issue 15): what is still refused
    (EV, "    pelaksana: staf\n    kelengkapan: Data", "    pelaksana: [staf, staf]\n    kelengkapan: Data", "langkah ke-1 › pelaksana ke-2", "disebut dua kali pada langkah ini"),
    (EV, "    pelaksana: staf\n    kelengkapan: Data", "    pelaksana: []\n    kelengkapan: Data", "langkah ke-1 › pelaksana", "tidak boleh kosong"),
    (EV, "    pelaksana: staf\n    kelengkapan: Data", "    pelaksana: [staf, kasubag]\n    kelengkapan: Data", "langkah ke-1 › pelaksana ke-2", "bukan salah satu pelaksana SOP ini"),
    (EV, "    waktu: 1 minggu\n", "    waktu: 2-1 minggu\n", "langkah ke-2 › waktu", "batas bawah rentang lebih besar"),
    (EV, "    waktu: 1 minggu\n", "    waktu: 1/0 minggu\n", "langkah ke-2 › waktu", "penyebut 0"),
    (EV, "tanggal_efektif: 2022-05-01", "tanggal_efektif: 2022-13", "tanggal_efektif", "bulan 13"),
    (EV, "tanggal_pembuatan: 2022-03-01", "tanggal_pembuatan: 2023", "tanggal_pembuatan", "tidak boleh sesudah tanggal_efektif (1 Mei 2022)"),
    (EV, "  - iku\n", "  - teks: \"\"\n", "keterkaitan ke-4 › teks", "tidak boleh kosong"),
    ("sop_defs/_jabatan.yaml", "  singkatan: Kabid\n", "", "kabid › singkatan", "kunci wajib", "kabid:"),
]


def expected_line(root: Path, rel: str, edited_line: int, at: str | None) -> int:
    """The edited line, or the first line of the edited file that reads exactly `at`."""
    if at is None:
        return edited_line
    return (root / rel).read_text(encoding="utf-8").splitlines().index(at) + 1


@pytest.mark.parametrize(("rel", "old", "new", "key", "words", "at"), [(*c, None)[:6] for c in CASES],
                         ids=[c[4][:30] for c in CASES])
def test_each_error_names_file_line_and_key(repo_copy: Path, rel: str, old: str, new: str, key: str, words: str,
                                            at: str | None) -> None:
    line = edit(repo_copy, rel, old, new)
    problem = error_with_key(repo_copy, key)
    assert problem.path == rel, problem.format()
    assert problem.line == expected_line(repo_copy, rel, line, at), problem.format()
    assert problem.key == key, problem.format()
    assert words in problem.message, problem.format()
    assert problem.format().startswith(f"{problem.path}:{problem.line}:{problem.column}:")


def test_all_problems_are_reported_together(repo_copy: Path) -> None:
    edit(repo_copy, TW, "  - pp-58-2005", "  - pp-58-2006")
    edit(repo_copy, TW, "    waktu: 300", "    waktu: 3 jm")
    edit(repo_copy, EV, "  - no: 4\n", "  - no: 6\n")
    _, problems = load_manual(repo_copy)
    assert len(errors_only(problems)) == 3
    assert problems == sorted(problems, key=lambda p: (p.path, p.line, p.column, p.message))


def test_bad_file_and_folder_names(repo_copy: Path) -> None:
    unit = repo_copy / "sop_defs" / "diskominfo" / "perencanaan-keuangan"
    (unit / "evaluasi-kinerja.yaml").rename(unit / "Evaluasi Kinerja.yaml")
    problem = only_error(repo_copy)
    assert "nama berkas SOP" in problem.message


def test_duplicate_sop_id_across_units(repo_copy: Path) -> None:
    other = repo_copy / "sop_defs" / "diskominfo" / "unit-lain"
    other.mkdir()
    text = (repo_copy / EV).read_text(encoding="utf-8").replace("Sub Bagian Perencanaan dan Keuangan", "Unit Lain")
    (other / "evaluasi-kinerja.yaml").write_text(text, encoding="utf-8")
    problem = only_error(repo_copy)
    assert "sudah dipakai" in problem.message


def test_unknown_catalogue_file_and_yml_suffix(repo_copy: Path) -> None:
    (repo_copy / "sop_defs" / "_lain.yaml").write_text("a: 1\n", encoding="utf-8")
    (repo_copy / "sop_defs" / "diskominfo" / "perencanaan-keuangan" / "baru.yml").write_text("a: 1\n", encoding="utf-8")
    _, problems = load_manual(repo_copy)
    messages = [p.message for p in errors_only(problems)]
    assert any("katalog tidak dikenal" in m for m in messages)
    assert any("`.yaml`" in m for m in messages)


def test_missing_data_folder(tmp_path: Path) -> None:
    manual, problems = load_manual(tmp_path)
    assert manual is None
    assert "sop_defs/" in problems[0].message


@pytest.mark.parametrize(("number_line", "number"), [('nomor: ""', ""), ("nomor:", None), ("", None),
                                                      ("nomor: 29", "29"), ("nomor: 800/12/DKI", "800/12/DKI")])
@pytest.mark.parametrize(("revised_line", "revised"), [("tanggal_revisi:", None), ("", None),
                                                        ("tanggal_revisi: 2023-01-02", PartialDate(date(2023, 1, 2), 3))])
def test_number_and_revision_date_may_be_empty(repo_copy: Path, number_line: str, number: str | None,
                                               revised_line: str, revised: PartialDate | None) -> None:
    edit(repo_copy, TW, 'nomor: ""            # kosong di dokumen sumber\n', f"{number_line}\n" if number_line else "")
    edit(repo_copy, TW, "tanggal_revisi:      # kosong di dokumen sumber\n", f"{revised_line}\n" if revised_line else "")
    manual, problems = load_manual(repo_copy)
    assert manual is not None, [p.format() for p in problems]
    assert errors_only(problems) == []
    sop = manual.sop("pelaporan-kinerja-triwulan")
    assert sop is not None
    assert (sop.spec.number, sop.spec.revised) == (number, revised)


def test_unused_catalogue_entry_is_a_warning_not_an_error(repo_copy: Path) -> None:
    path = repo_copy / "sop_defs/_dasar_hukum.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "perbup-1-2020:\n  jenis: Peraturan Bupati\n  nomor: 1\n  tahun: 2020\n  tentang: Uji\n", encoding="utf-8")
    manual, problems = load_manual(repo_copy)
    assert manual is not None
    assert errors_only(problems) == []
    added = [p for p in problems if p.path == "sop_defs/_dasar_hukum.yaml"]
    assert [(p.key, p.severity.value, p.message) for p in added] == [("perbup-1-2020", "peringatan", "tidak dipakai oleh SOP mana pun")]
    assert added[0].line == len(path.read_text(encoding="utf-8").splitlines()) - 4


def test_unchanged_files_are_not_parsed_again_and_edits_are_seen(repo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.manual import load as manual_module

    calls: list[str] = []
    real = manual_module.parse_file
    monkeypatch.setattr(manual_module, "parse_file", lambda source, *a: calls.append(source.shown_as) or real(source, *a))
    load_manual(repo_copy)
    calls.clear()
    edit(repo_copy, EV, "    waktu: 1 hari\n", "    waktu: 2 hari\n")
    manual, _ = load_manual(repo_copy)
    assert calls == [EV]
    assert manual is not None and manual.sop("evaluasi-kinerja").durations[2].text == "2 hari"  # type: ignore[union-attr]


@pytest.mark.parametrize(("logo", "words"), [("sop_defs/tidak-ada.png", "tidak ada di repositori"),
                                              ("../luar.png", "tanpa `..`"),
                                              ("README.md", "harus berada di folder `sop_defs/`"),
                                              ("sop_defs/logo.svg", "tidak diizinkan"),
                                              ("sop_defs/bukan-gambar.png", "bukan PNG")])
def test_logo_must_be_an_image_in_the_repository(repo_copy: Path, logo: str, words: str) -> None:
    (repo_copy / "README.md").write_text("x", encoding="utf-8")
    (repo_copy / "sop_defs/logo.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    (repo_copy / "sop_defs/bukan-gambar.png").write_text("<html><script>alert(1)</script>", encoding="utf-8")
    line = edit(repo_copy, "sop_defs/_pemerintah.yaml", "Bengkulu Selatan\n", f"Bengkulu Selatan\nlogo: {logo}\n") + 1
    problem = only_error(repo_copy)
    assert (problem.path, problem.line, problem.key) == ("sop_defs/_pemerintah.yaml", line, "logo")
    assert words in problem.message


@pytest.mark.parametrize(("written", "meant"), [("kasubag-perencana", "kasubag-perencanaan"), ("kasubag", "kasubag-perencanaan"), ("sekretaris-dinas", "sekretaris")])
def test_unknown_role_gets_a_suggestion_from_ids_abbreviations_and_names(repo_copy: Path, written: str, meant: str) -> None:
    rel = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"
    line = edit(repo_copy, rel, "  - sekretaris\n", f"  - {written}\n")
    manual, problems = load_manual(repo_copy)
    located = [p for p in problems if p.path == rel and p.key == "pelaksana ke-2"]
    assert [(p.line, p.message) for p in located] == [
        (line, f"jabatan `{written}` tidak ada di katalog jabatan (sop_defs/_jabatan.yaml atau "
               f"sop_defs/diskominfo/_instansi.yaml); maksud Anda `{meant}`?")
    ]


# Revocation keys, on the fixture that revokes `permintaan-data-lama` and replaces it (tests/fixtures/sop-dicabut).
LIFECYCLE_CASES = [
    # (file, old, new, key, words in message, line the error points at)
    (OLD_SOP, "tanggal_dicabut: 2026-07-01\n", "", "status", "harus menyebut `tanggal_dicabut`", "status: dicabut"),
    (OLD_SOP, "status: dicabut\n", "status: berlaku\n", "tanggal_dicabut", "hanya untuk SOP yang dicabut: tambahkan `status: dicabut`",
     "tanggal_dicabut: 2026-07-01"),
    (OLD_SOP, "status: dicabut\ntanggal_dicabut: 2026-07-01\n", "", "diganti_oleh", "hanya untuk SOP yang dicabut",
     "diganti_oleh: permintaan-data"),
    (OLD_SOP, "tanggal_dicabut: 2026-07-01", "tanggal_dicabut: 2025-12-31", "tanggal_dicabut",
     "tanggal_dicabut (31 Desember 2025) tidak boleh sebelum tanggal_efektif (2 Januari 2026)", "tanggal_dicabut: 2025-12-31"),
    (OLD_SOP, "tanggal_dicabut: 2026-07-01", "tanggal_dicabut: 2026-02-30", "tanggal_dicabut", "tidak ada di kalender",
     "tanggal_dicabut: 2026-02-30"),
    (OLD_SOP, "diganti_oleh: permintaan-data", "diganti_oleh: permintaan-data-lama", "diganti_oleh",
     "tidak dapat diganti oleh dirinya sendiri", "diganti_oleh: permintaan-data-lama"),
    (OLD_SOP, "diganti_oleh: permintaan-data", "diganti_oleh: permintaan-dta", "diganti_oleh",
     "SOP `permintaan-dta` tidak ada di sop_defs/: `diganti_oleh` harus id SOP pengganti (nama berkasnya tanpa .yaml); maksud Anda `permintaan-data`?", "diganti_oleh: permintaan-dta"),
    (OLD_SOP, "diganti_oleh: permintaan-data", "diganti_oleh: Permintaan Data", "diganti_oleh", "huruf kecil",
     "diganti_oleh: Permintaan Data"),
    (OLD_SOP, "status: dicabut", "status: usang", "status", "pilih salah satu: 'berlaku' atau 'dicabut'", "status: usang"),
    ("sop_defs/_pemerintah.yaml", "tinjau_setiap_tahun: 5", "tinjau_setiap_tahun: 0", "tinjau_setiap_tahun",
     "di luar batas: paling kecil 1", "tinjau_setiap_tahun: 0"),
    ("sop_defs/_pemerintah.yaml", "tinjau_setiap_tahun: 5", "tinjau_setiap_tahun: 11", "tinjau_setiap_tahun",
     "di luar batas: paling besar 10", "tinjau_setiap_tahun: 11"),
    ("sop_defs/_pemerintah.yaml", "tinjau_setiap_tahun: 5", "tinjau_setiap_tahun: lima", "tinjau_setiap_tahun",
     "bilangan bulat", "tinjau_setiap_tahun: lima"),
]


@pytest.mark.parametrize(("rel", "old", "new", "key", "words", "at"), LIFECYCLE_CASES, ids=[c[4][:30] for c in LIFECYCLE_CASES])
def test_each_revocation_error_names_file_line_and_key(revoked_root: Path, rel: str, old: str, new: str, key: str,
                                                       words: str, at: str) -> None:
    edit(revoked_root, rel, old, new)
    problem = error_with_key(revoked_root, key)
    assert problem.path == rel, problem.format()
    assert problem.line == expected_line(revoked_root, rel, 0, at), problem.format()
    assert words in problem.message, problem.format()
    assert problem.format().startswith(f"{rel}:{problem.line}:{problem.column}: [{key}] ")


def test_the_fixture_revoking_an_sop_is_valid(revoked_root: Path) -> None:
    manual, problems = load_manual(revoked_root)
    assert manual is not None, [p.format() for p in errors_only(problems)]
    old = manual.sop("permintaan-data-lama")
    assert old is not None and old.spec.status == "dicabut" and old.spec.replaced_by == "permintaan-data"
    assert old.spec.revoked_from == date(2026, 7, 1)
    assert not old.is_revoked(date(2026, 6, 30)) and old.is_revoked(date(2026, 7, 1))


def test_a_cycle_of_replacements_is_refused_at_each_member(revoked_root: Path) -> None:
    edit(revoked_root, NEW_SOP, "jadwal: triwulanan\n",
         "jadwal: triwulanan\nstatus: dicabut\ntanggal_dicabut: 2026-09-01\ndiganti_oleh: permintaan-data-lama\n")
    manual, problems = load_manual(revoked_root)
    errors = errors_only(problems)
    assert manual is None
    assert [(p.path, p.key) for p in errors] == [(OLD_SOP, "diganti_oleh"), (NEW_SOP, "diganti_oleh")], [p.format() for p in errors]
    for problem in errors:
        assert "pergantian SOP melingkar" in problem.message
        assert "`permintaan-data` → `permintaan-data-lama`" in problem.message or "`permintaan-data-lama` → `permintaan-data`" in problem.message
        line = (revoked_root / problem.path).read_text(encoding="utf-8").splitlines()[problem.line - 1]
        assert line.startswith("diganti_oleh:"), problem.format()


def test_a_replacement_by_a_revoked_sop_is_a_chain_not_a_cycle(revoked_root: Path) -> None:
    edit(revoked_root, NEW_SOP, "jadwal: triwulanan\n", "jadwal: triwulanan\nstatus: dicabut\ntanggal_dicabut: 2026-09-01\n")
    manual, problems = load_manual(revoked_root)
    assert manual is not None, [p.format() for p in errors_only(problems)]
