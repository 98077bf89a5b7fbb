"""Shared and agency catalogues: shadowing, `sama_dengan`, the legal bases' chains, and every problem in one run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.errors import Problem, Severity, errors_only
from generator.loading import load_all
from generator.manual.index import build_index
from generator.manual.load import load_manual
from generator.manual.model import Manual
from tests.conftest import REFERENCE, edit

AGENCY = "sop_defs/bkpsdm/_instansi.yaml"
KP = "sop_defs/bkpsdm/pengadaan-pemberhentian-informasi/usul-kenaikan-pangkat.yaml"
PIP = "sop_defs/bkpsdm/sekretariat/permohonan-informasi-publik.yaml"
TW = "sop_defs/diskominfo/perencanaan-keuangan/pelaporan-kinerja-triwulan.yaml"
EV = "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml"


def found(root: Path) -> list[Problem]:
    return load_manual(root)[1]


def at(problems: list[Problem], rel: str, key: str) -> list[tuple[int, str, str]]:
    return [(p.line, p.severity.value, p.message) for p in problems if (p.path, p.key) == (rel, key)]


def test_a_local_role_shadows_the_shared_one_inside_its_agency(two_agency_manual: Manual) -> None:
    diskominfo, bkpsdm = two_agency_manual.agency("diskominfo"), two_agency_manual.agency("bkpsdm")
    assert diskominfo.catalogue.roles["kabid"].abbreviation == "Kabid"
    assert bkpsdm.catalogue.roles["kabid"].abbreviation == "Kabid PPI"
    assert (diskominfo.key("jabatan", "kabid"), bkpsdm.key("jabatan", "kabid")) == ("kabid", "bkpsdm/kabid")
    index = build_index(two_agency_manual)
    assert [s.id for s in index.sops_by_role["kabid"]] == ["pelaporan-kinerja-triwulan"]
    assert [s.id for s in index.sops_by_role["bkpsdm/kabid"]] == ["usul-kenaikan-pangkat", "permohonan-informasi-publik"]


def test_twin_roles_share_one_entry_and_keep_their_column_names(two_agency_manual: Manual) -> None:
    bkpsdm = two_agency_manual.agency("bkpsdm")
    assert bkpsdm.key("jabatan", "kepala-bkpsdm") == bkpsdm.key("jabatan", "kaban") == "bkpsdm/kaban"
    keys = [e.key for e in two_agency_manual.entries("jabatan")]
    assert "bkpsdm/kaban" in keys and "bkpsdm/kepala-bkpsdm" not in keys and "ka-skpd" not in keys
    index = build_index(two_agency_manual)
    assert [s.id for s in index.sops_by_role["bkpsdm/kaban"]] == [
        "pemeriksaan-khusus-pengaduan", "penanganan-pengaduan-masyarakat", "usul-kenaikan-pangkat", "penyusunan-daftar-gaji"]
    kp = two_agency_manual.sop("usul-kenaikan-pangkat")
    assert kp is not None and bkpsdm.catalogue.roles[kp.spec.actors[4]].abbreviation == "Kepala BKPSDM"


def test_twin_must_exist_and_not_loop(repo_copy: Path) -> None:
    line = edit(repo_copy, "sop_defs/_jabatan.yaml", "  sama_dengan: kadis\n", "  sama_dengan: kepala-dinas\n")
    assert at(found(repo_copy), "sop_defs/_jabatan.yaml", "ka-skpd › sama_dengan") == [
        (line, "galat", "jabatan `kepala-dinas` tidak ada di katalog jabatan")]
    edit(repo_copy, "sop_defs/_jabatan.yaml", "  sama_dengan: kepala-dinas\n", "  sama_dengan: kadis\n")
    edit(repo_copy, "sop_defs/_jabatan.yaml", "  singkatan: Kadis\n", "  singkatan: Kadis\n  sama_dengan: ka-skpd\n")
    messages = [m for _, _, m in at(found(repo_copy), "sop_defs/_jabatan.yaml", "ka-skpd › sama_dengan")]
    assert messages == ["`sama_dengan` berputar: ka-skpd → kadis → ka-skpd"]


def test_register_chain_must_name_known_rules(repo_copy: Path) -> None:
    rel = "sop_defs/_dasar_hukum.yaml"
    line = edit(repo_copy, rel, "  dicabut_oleh: pp-12-2019\n", "  dicabut_oleh: pp-12-2091\n")
    assert at(found(repo_copy), rel, "pp-58-2005 › dicabut_oleh") == [
        (line, "galat", "dasar hukum `pp-12-2091` tidak ada di katalog dasar hukum")]
    edit(repo_copy, rel, "  dicabut_oleh: pp-12-2091\n", "")
    assert at(found(repo_copy), rel, "pp-58-2005 › tanggal_dicabut") == [
        (line, "galat", "`tanggal_dicabut` hanya diisi bersama `dicabut_oleh`")]


def test_a_local_chain_may_name_shared_and_local_rules(two_agency_manual: Manual) -> None:
    bases = two_agency_manual.agency("bkpsdm").catalogue.legal_bases
    revoked = [b for b in bases.values() if b.status == "dicabut"]
    assert [b.short for b in revoked] == ["Peraturan Pemerintah Nomor 58 Tahun 2005", "Undang-Undang Nomor 5 Tahun 2014"]
    assert bases["uu-5-2014"].revoked_on is not None and bases["uu-5-2014"].revoked_on.format() == "31 Oktober 2023"
    assert {b.status for b in bases.values()} == {"berlaku", "diubah", "dicabut"}


def test_citing_a_revoked_rule_is_a_warning(two_agencies: Path) -> None:
    problems = found(two_agencies)
    assert errors_only(problems) == []
    line = next(n for n, text in enumerate((two_agencies / KP).read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("  - uu-5-2014"))
    assert at(problems, KP, "dasar_hukum ke-1") == [(line, "peringatan",
        "Undang-Undang Nomor 5 Tahun 2014 sudah dicabut oleh Undang-Undang Nomor 20 Tahun 2023; perbarui dasar hukum SOP ini")]


def line_of(root: Path, rel: str, start: str, after: str = "") -> int:
    """The first line of `rel` starting with `start` (after the first line starting with `after`)."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    begin = next(n for n, text in enumerate(lines) if text.startswith(after)) if after else 0
    return next(n for n, text in enumerate(lines[begin:], begin + 1) if text.startswith(start))


def test_warnings_of_the_second_agency(two_agencies: Path) -> None:
    """Each warning the fixture was built to raise, at its line; none of them is an error."""
    problems = found(two_agencies)
    assert errors_only(problems) == []
    warnings = {(p.path, p.key): (p.line, p.message) for p in problems if p.severity is Severity.WARNING}
    line, message = warnings[(PIP, "pelaksana ke-6")]
    assert line == line_of(two_agencies, PIP, "  - atasan-ppid") and "tidak melaksanakan langkah mana pun" in message
    line, message = warnings[(PIP, "langkah ke-8 › keputusan")]
    assert line == line_of(two_agencies, PIP, "    keputusan:", after="  - no: 8") and "keputusan tanpa `tidak`" in message
    line, message = warnings[(PIP, "unit")]
    assert line == line_of(two_agencies, PIP, "unit:") and "ditulis berbeda dari SOP lain di folder yang sama" in message
    assert "sudah dicabut" in warnings[(TW, "dasar_hukum ke-1")][1]
    line, message = warnings[(AGENCY, "dokumen › daftar-gaji")]
    assert line == line_of(two_agencies, AGENCY, "  daftar-gaji:") and message == "tidak dipakai oleh SOP mana pun"


def test_a_broken_catalogue_does_not_hide_the_sops_problems(repo_copy: Path) -> None:
    edit(repo_copy, "sop_defs/_dokumen.yaml", "renja:\n", "renja: [\n")
    edit(repo_copy, EV, "    waktu: 1 hari\n", "    waktu: 1 hri\n")
    paths = {p.path for p in errors_only(found(repo_copy))}
    assert paths == {"sop_defs/_dokumen.yaml", EV}  # and no "unknown document" noise from the broken catalogue


def test_schema_and_reference_problems_of_one_file_come_together(repo_copy: Path) -> None:
    edit(repo_copy, TW, "  - no: 2\n", "  - no: dua\n")  # a schema error
    edit(repo_copy, TW, "  - pp-58-2005", "  - pp-58-2006")  # an unknown id in the same file
    keys = {p.key for p in errors_only(found(repo_copy)) if p.path == TW}
    assert keys == {"langkah ke-2 › no", "dasar_hukum ke-1"}


def test_a_broken_sop_does_not_hide_the_records_problems(repo_copy: Path) -> None:
    edit(repo_copy, EV, "nama: Evaluasi Kinerja", "nama: [Evaluasi Kinerja")  # the SOP cannot be parsed
    rec = "records/2025/TW3/pelaporan-kinerja-triwulan.yaml"
    edit(repo_copy, rec, "    selesai: 2025-09-02 13:30", "    selesai: 2025-09-31 13:30")
    manual, _, problems = load_all(repo_copy, REFERENCE)
    paths = {p.path for p in errors_only(problems)}
    assert manual is None and paths == {EV, rec}  # evaluasi-kinerja's own records wait for their SOP


def test_a_year_or_month_date_is_kept_at_its_precision(two_agency_manual: Manual) -> None:
    kp = two_agency_manual.sop("usul-kenaikan-pangkat")
    assert kp is not None
    assert (kp.spec.created.format(), kp.spec.effective.format()) == ("Agustus 2023", "2024")
    assert (kp.spec.effective.first, kp.spec.effective.last) == (date(2024, 1, 1), date(2024, 12, 31))


def test_revocation_loops_and_repeated_amendments_are_refused(repo_copy: Path) -> None:
    rel = "sop_defs/_dasar_hukum.yaml"
    path = repo_copy / rel
    path.write_text(path.read_text(encoding="utf-8").replace("pp-12-2019:\n", "pp-12-2019:\n  dicabut_oleh: pp-58-2005\n", 1)
                    + "perbup-1-2020:\n  jenis: Peraturan Bupati\n  nomor: 1\n  tahun: 2020\n  tentang: Uji\n"
                    "  diubah_dengan: [pp-12-2019, pp-12-2019]\n", encoding="utf-8")
    problems = found(repo_copy)
    assert [m for _, _, m in at(problems, rel, "pp-58-2005 › dicabut_oleh")] == [
        "pencabutan berputar: pp-58-2005 → pp-12-2019 → pp-58-2005; peraturan yang berlaku tidak dapat ditentukan"]
    assert [m for _, _, m in at(problems, rel, "perbup-1-2020 › diubah_dengan ke-2")] == ["`pp-12-2019` disebut dua kali"]


def test_a_shared_rule_is_revoked_by_the_shared_rule_even_where_an_agency_shadows_its_id(two_agencies: Path) -> None:
    """BKPSDM defines its own `pp-12-2019`; its SOP citing the shared PP 58/2005 still names the shared PP 12/2019."""
    edit(two_agencies, AGENCY, "dasar_hukum:\n", "dasar_hukum:\n  pp-12-2019:\n    jenis: Peraturan Bupati\n    nomor: 99\n"
         "    tahun: 2021\n    tentang: Uji bayangan\n")
    edit(two_agencies, PIP, "dasar_hukum:\n", "dasar_hukum:\n  - pp-58-2005\n")
    messages = [m for _, _, m in at(found(two_agencies), PIP, "dasar_hukum ke-1")]
    assert messages == ["Peraturan Pemerintah Nomor 58 Tahun 2005 sudah dicabut oleh Peraturan Pemerintah Nomor 12 Tahun 2019; "
                        "perbarui dasar hukum SOP ini"]


def test_a_shared_twin_stays_shared_where_an_agency_shadows_its_target(two_agencies: Path) -> None:
    edit(two_agencies, "sop_defs/_jabatan.yaml", "kabid:\n", "kabid-lain:\n  nama: Kabid lain\n  singkatan: KabidLain\n  sama_dengan: kabid\nkabid:\n")
    manual, problems = load_manual(two_agencies)
    assert manual is not None, [p.format() for p in problems]
    assert manual.agency("bkpsdm").key("jabatan", "kabid-lain") == "kabid"  # not BKPSDM's own `kabid`
    assert manual.agency("bkpsdm").key("jabatan", "kabid") == "bkpsdm/kabid"


def test_ids_the_site_uses_for_its_own_pages_are_refused(repo_copy: Path) -> None:
    edit(repo_copy, "sop_defs/_jabatan.yaml", "kabid:\n", "index:\n  nama: X\n  singkatan: X\nkabid:\n")
    pk = repo_copy / "sop_defs/diskominfo/perencanaan-keuangan"
    (pk / "evaluasi-kinerja.yaml").rename(pk / "manual-sop.yaml")
    problems = errors_only(found(repo_copy))
    assert [p.message for p in problems if p.key == "index"] == ["id `index` dipakai situs untuk halamannya sendiri; pilih nama lain"]
    assert "nama berkas SOP `manual-sop` dipakai situs untuk halamannya sendiri" in " ".join(p.message for p in problems)


def test_an_agency_folder_must_be_a_plain_id(two_agencies: Path) -> None:
    """A look-alike letter (Cyrillic і) would let one agency pose as another."""
    (two_agencies / "sop_defs/bkpsdm").rename(two_agencies / "sop_defs/bkpsdм")
    problems = errors_only(found(two_agencies))
    assert any(p.path == "sop_defs/bkpsdм/_instansi.yaml" and "folder instansi `bkpsdм` tidak sah" in p.message for p in problems)


def test_a_broken_agency_file_does_not_make_its_records_orphans(two_agencies: Path) -> None:
    edit(two_agencies, AGENCY, "singkatan: BKPSDM", "singkatan: [BKPSDM")
    _, _, problems = load_all(two_agencies, REFERENCE)
    assert [p.path for p in errors_only(problems)] == [AGENCY]  # not "SOP `x` tidak ada" for each of its records


def test_a_procedure_has_at_most_200_steps(repo_copy: Path) -> None:
    steps = "".join(f"  - no: {n}\n    kegiatan: Langkah {n}\n    pelaksana: staf\n    waktu: 1 jam\n" for n in range(1, 202))
    path = repo_copy / EV
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("langkah:\n")] + "langkah:\n" + steps, encoding="utf-8")
    assert [(p.key, p.message) for p in errors_only(found(repo_copy)) if p.path == EV] == [("langkah", "nilai `daftar` di luar batas: paling banyak 200 butir")]
