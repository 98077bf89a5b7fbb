"""Performance files (sop_defs/<instansi>/_kinerja.yaml, records/<tahun>/kinerja/<instansi>/pk.yaml and TW<n>.yaml):
the shipped example loads, the records loader leaves the folder alone, and every refusal names file, line and key."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.errors import Severity, errors_only
from generator.loading import load_data
from generator.performance.model import Signatory
from tests.conftest import REFERENCE, REPO, edit

DEFINITIONS = "sop_defs/diskominfo/_kinerja.yaml"
PK_2025 = "records/2025/kinerja/diskominfo/pk.yaml"
PK_2026 = "records/2026/kinerja/diskominfo/pk.yaml"
TW1 = "records/2025/kinerja/diskominfo/TW1.yaml"
TW3 = "records/2025/kinerja/diskominfo/TW3.yaml"
TW4 = "records/2025/kinerja/diskominfo/TW4.yaml"
ATTACHMENT = "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf"


def errors_of(root: Path, today: date = REFERENCE) -> list[str]:
    data = load_data(root, today)
    found = errors_only(data.problems)
    assert data.manual is None and found, "expected an error"
    return [p.format() for p in found]


def replace_once(root: Path, rel: str, old: str, new: str) -> int:
    """Replace the first `old` by `new`; the 1-based line where it stood (`new` may also occur earlier)."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text[:at].count("\n") + 1


def is_performance_file(rel: str) -> bool:
    return rel.endswith("/_kinerja.yaml") or "/kinerja/" in rel


def write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def line_of(root: Path, rel: str, text: str, after: str = "") -> int:
    """The 1-based line of the first line that reads `text`, after the first line reading `after` (if given)."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    start = lines.index(after) if after else 0
    return lines.index(text, start) + 1


def assert_located(messages: list[str], rel: str, line: int, key: str, words: str) -> None:
    """One message starts with `rel:line:`, names `[key]` and says `words`."""
    matching = [m for m in messages if m.startswith(f"{rel}:{line}:") and f"[{key}] " in m and words in m]
    assert matching, "\n".join(messages)


# --- The shipped example ---


def test_shipped_example_loads_beside_the_manual_and_records() -> None:
    data = load_data(REPO, REFERENCE)
    assert errors_only(data.problems) == [], [p.format() for p in data.problems]
    assert data.manual is not None and len(data.records) == 9  # no record was read from records/<tahun>/kinerja/
    assert not [p for p in data.problems if is_performance_file(p.path)]  # not even a warning
    performance = data.performance.of("diskominfo")
    assert performance is not None and performance.example
    assert performance.source == DEFINITIONS
    assert [i.id for i in performance.indicators] == [
        "indeks-spbe", "persentase-pd-terhubung-jip", "persentase-informasi-publik-dipublikasikan",
        "persentase-aduan-ditindaklanjuti", "waktu-tanggap-aduan",
    ]
    assert [i.spec.direction for i in performance.indicators].count("turun") == 1
    assert performance.spec.renstra.period == [2021, 2026]
    assert sorted(performance.agreements) == [2025, 2026] and performance.years == [2025, 2026]
    assert sorted(performance.quarters) == [(2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 3)]


def test_shipped_example_links_roles_sops_and_evidence() -> None:
    data = load_data(REPO, REFERENCE)
    assert data.manual is not None
    performance = data.performance.of("diskominfo")
    assert performance is not None
    roles = data.manual.agency("diskominfo").catalogue.roles
    sops = {sop.id for sop in data.manual.sops}
    for indicator in performance.indicators:
        assert indicator.spec.responsible in roles
        assert "pelaporan-kinerja-triwulan" in indicator.spec.sops and set(indicator.spec.sops) <= sops
        assert set(indicator.spec.targets) == set(range(2021, 2027))
    agreement = performance.agreements[2025]
    assert agreement.spec.first_party == "kadis"
    assert agreement.spec.second_party == Signatory(jabatan="Bupati Bengkulu Selatan")
    assert agreement.spec.cumulative and agreement.source == PK_2025
    tw3 = performance.quarters[(2025, 3)]
    assert {r.evidence for r in tw3.spec.realisations} == {ATTACHMENT}
    assert tw3.spec.budget is not None and tw3.spec.budget.ceiling == Decimal("4850000000")
    spbe = performance.indicators[0]
    assert performance.realisation(spbe, 2025, 2) is not None and performance.realisation(spbe, 2025, 2).value is None  # type: ignore[union-attr]
    assert spbe.final_target == Decimal("2.8")  # no `target_akhir`: the last year's target
    assert performance.indicators[-1].final_target == Decimal("2.5")


def test_targets_come_from_the_pk_else_from_the_renstra(repo_copy: Path) -> None:
    edit(repo_copy, PK_2025, "  - indikator: indeks-spbe\n    target: 2.6\n", "")
    data = load_data(repo_copy, REFERENCE)
    assert errors_only(data.problems) == []
    performance = data.performance.of("diskominfo")
    assert performance is not None
    spbe, jip = performance.indicators[:2]
    renstra = performance.target(spbe, 2025)
    assert renstra is not None and (renstra.value, renstra.from_agreement, renstra.quarterly) == (Decimal("2.6"), False, None)
    agreed = performance.target(jip, 2025)
    assert agreed is not None and agreed.from_agreement and agreed.quarterly == tuple(Decimal(v) for v in (80, 84, 87, 90))
    assert performance.target(spbe, 2019) is None


# --- Every refusal, located ---

# (file, old, new, key, words): the error points at the first line of `new`.
CASES = [
    # an unknown indicator, with the nearest id
    (PK_2025, "  - indikator: indeks-spbe", "  - indikator: indeks-spbee", "target ke-1 › indikator",
     "indikator `indeks-spbee` tidak ada di sop_defs/diskominfo/_kinerja.yaml; maksud Anda `indeks-spbe`?"),
    (TW1, "  - indikator: waktu-tanggap-aduan", "  - indikator: waktu-tanggap", "realisasi ke-4 › indikator",
     "indikator `waktu-tanggap` tidak ada di sop_defs/diskominfo/_kinerja.yaml; maksud Anda `waktu-tanggap-aduan`?"),
    # a value that is not a number
    (TW1, "    nilai: 82.35", "    nilai: 82,35", "realisasi ke-1 › nilai",
     "harus berupa angka (tertulis: `82,35`); pakai titik sebagai pemisah desimal, misalnya `82.35`"),
    (TW1, "    nilai: 82.35", "    nilai: 82%", "realisasi ke-1 › nilai", "tulis angkanya saja tanpa `%`"),
    (TW1, "    nilai: 82.35", "    nilai: tinggi", "realisasi ke-1 › nilai", "harus berupa angka (tertulis: `tinggi`)"),
    (TW1, "    nilai: 82.35", "    nilai: true", "realisasi ke-1 › nilai", "harus berupa angka, bukan `true`"),
    (PK_2025, "    target: 2.6", "    target: B", "target ke-1 › target", "harus berupa angka (tertulis: `B`)"),
    (DEFINITIONS, "      2025: 2.6\n", "      2025: dua\n", "indikator ke-1 › target › 2025", "harus berupa angka (tertulis: `dua`)"),
    (TW1, "  pagu: 4850000000", "  pagu: -1", "anggaran › pagu", "nilai `-1` di luar batas: paling kecil 0"),
    # a unit that differs from the indicator's
    (TW1, "    satuan: persen", "    satuan: '%'", "realisasi ke-1 › satuan",
     "satuan `%` berbeda dari satuan indikator `persentase-pd-terhubung-jip` (`persen`)"),
    # an unknown role, with the nearest one
    (DEFINITIONS, "    penanggung_jawab: kadis", "    penanggung_jawab: kadiss", "indikator ke-1 › penanggung_jawab",
     "jabatan `kadiss` tidak ada di katalog jabatan (sop_defs/_jabatan.yaml atau sop_defs/diskominfo/_instansi.yaml); maksud Anda `kadis`?"),
    (PK_2025, "pihak_pertama: kadis", "pihak_pertama: kepala-dinas", "pihak_pertama",
     "jabatan `kepala-dinas` tidak ada di katalog jabatan"),
    (PK_2025, "pihak_pertama: kadis", "pihak_pertama: [kadis]", "pihak_pertama",
     "tulis id jabatan dari katalog (misalnya `kadis`), atau pemetaan `jabatan`, `nama` dan `nip` (opsional)"),
    (PK_2025, "  jabatan: Bupati Bengkulu Selatan", "  nip: '1968'\n  jabatan: Bupati Bengkulu Selatan", "pihak_kedua › nip",
     "NIP `1968` tidak sah"),
    # an unknown SOP id, with the nearest one
    (DEFINITIONS, "    sop: [pelaporan-kinerja-triwulan, evaluasi-kinerja]",
     "    sop: [pelaporan-kinerja-triwulanan, evaluasi-kinerja]", "indikator ke-1 › sop ke-1",
     "SOP `pelaporan-kinerja-triwulanan` tidak ada di sop_defs/; maksud Anda `pelaporan-kinerja-triwulan`?"),
    (DEFINITIONS, "  dokumen: renstra", "  dokumen: rencana-strategis", "renstra › dokumen",
     "dokumen `rencana-strategis` tidak ada di katalog dokumen (sop_defs/_dokumen.yaml atau sop_defs/diskominfo/_instansi.yaml)"),
    # `arah` and `tingkat` outside their lists
    (DEFINITIONS, "    arah: turun", "    arah: menurun", "indikator ke-5 › arah",
     "nilai `menurun` tidak sah; pilih salah satu: 'naik', 'turun' atau 'tetap'"),
    (DEFINITIONS, "    tingkat: sasaran_strategis", "    tingkat: sub_kegiatan", "indikator ke-1 › tingkat",
     "nilai `sub_kegiatan` tidak sah; pilih salah satu: 'sasaran_strategis', 'program' atau 'kegiatan'"),
    # a duplicate indicator id
    (DEFINITIONS, "  - id: waktu-tanggap-aduan", "  - id: indeks-spbe", "indikator ke-5 › id",
     "id indikator `indeks-spbe` ditulis dua kali (pertama di baris 10)"),
    (TW1, "  - indikator: waktu-tanggap-aduan", "  - indikator: persentase-aduan-ditindaklanjuti", "realisasi ke-4 › indikator",
     "indikator `persentase-aduan-ditindaklanjuti` sudah ditulis di butir ke-3; tulis setiap indikator satu kali"),
    # quarterly targets that are not 4 numbers
    (PK_2025, "    triwulan: [80, 84, 87, 90]", "    triwulan: [80, 84, 87]", "target ke-2 › triwulan",
     "target triwulan harus 4 angka, untuk TW1, TW2, TW3 dan TW4 (tertulis 3)"),
    (PK_2025, "    triwulan: [80, 84, 87, 90]", "    triwulan: [80, 84, 87, 90, 95]", "target ke-2 › triwulan",
     "target triwulan harus 4 angka, untuk TW1, TW2, TW3 dan TW4 (tertulis 5)"),
    (PK_2025, "    triwulan: [80, 84, 87, 90]", "    triwulan: 90", "target ke-2 › triwulan", "harus berupa daftar"),
    # the Renstra: its period and its target years
    (DEFINITIONS, "  periode: [2021, 2026]", "  periode: [2026, 2021]", "renstra › periode",
     "tahun pertama (2026) sesudah tahun terakhir (2021); tulis `[2021, 2026]`"),
    (DEFINITIONS, "  periode: [2021, 2026]", "  periode: [2021]", "renstra › periode",
     "tulis tahun pertama dan tahun terakhir Renstra, misalnya `[2021, 2026]`"),
    (DEFINITIONS, "      2021: 1.8\n", "      2020: 1.8\n", "indikator ke-1 › target › 2020",
     "tahun 2020 di luar periode Renstra 2021–2026 (`renstra › periode`)"),
    # the PK's date
    (PK_2026, "tanggal: 2025-11-13", "tanggal: 2026-12-01", "tanggal",
     "tanggal 1 Desember 2026 sesudah tanggal acuan 25 November 2026; catat Perjanjian Kinerja yang sudah ditandatangani"),
    (PK_2025, "tanggal: 2025-01-31", "tanggal: 2026-01-05", "tanggal",
     "tanggal 5 Januari 2026 sesudah tahun 2025 berakhir"),
    # a misspelt key
    (TW1, "    catatan: 28 dari 34", "    catatn: 28 dari 34", "realisasi ke-1 › catatn", "maksud Anda `catatan`?"),
]


@pytest.mark.parametrize(("rel", "old", "new", "key", "words"), CASES, ids=[f"{c[0].split('/')[-1]}:{c[2].strip()[:40]}" for c in CASES])
def test_each_refusal_names_file_line_and_key(repo_copy: Path, rel: str, old: str, new: str, key: str, words: str) -> None:
    line = replace_once(repo_copy, rel, old, new)
    assert_located(errors_of(repo_copy), rel, line, key, words)


def test_a_realisation_without_a_target_that_year(repo_copy: Path) -> None:
    """Neither the PK nor the Renstra gives indeks-spbe a target for 2025: its realisations have nothing to be measured by."""
    edit(repo_copy, PK_2025, "  - indikator: indeks-spbe\n    target: 2.6\n", "")
    edit(repo_copy, DEFINITIONS, "      2025: 2.6\n", "")
    messages = errors_of(repo_copy)
    line = line_of(repo_copy, TW4, "  - indikator: indeks-spbe")
    assert_located(
        messages, TW4, line, "realisasi ke-1 › indikator",
        "indikator `indeks-spbe` tidak punya target tahun 2025: tulis targetnya di records/2025/kinerja/diskominfo/pk.yaml "
        "atau di `target` indikator itu pada sop_defs/diskominfo/_kinerja.yaml",
    )
    assert len([m for m in messages if "tidak punya target" in m]) == 2  # TW2 (blank `nilai`) and TW4


def test_a_pk_year_outside_the_renstra_period(repo_copy: Path) -> None:
    text = (repo_copy / PK_2026).read_text(encoding="utf-8").replace("tanggal: 2025-11-13", "tanggal: 2026-11-20")
    write(repo_copy, "records/2027/kinerja/diskominfo/pk.yaml", text)
    line = line_of(repo_copy, "records/2027/kinerja/diskominfo/pk.yaml", "target:")
    assert_located(
        errors_of(repo_copy), "records/2027/kinerja/diskominfo/pk.yaml", line, "target",
        "Perjanjian Kinerja tahun 2027 di luar periode Renstra 2021–2026 (sop_defs/diskominfo/_kinerja.yaml)",
    )


def test_evidence_must_be_an_attachment_that_exists(repo_copy: Path) -> None:
    line = edit(repo_copy, TW3, f"    bukti: {ATTACHMENT}", "    bukti: records/2025/TW3/lampiran/tidak-ada.pdf")
    assert_located(errors_of(repo_copy), TW3, line, "realisasi ke-1 › bukti",
                   "berkas `records/2025/TW3/lampiran/tidak-ada.pdf` tidak ada di repositori")


@pytest.mark.parametrize(("written", "words"), [
    ("../../etc/passwd", "harus ditulis relatif terhadap folder repositori, tanpa `..`"),
    ("/etc/passwd", "harus ditulis relatif terhadap folder repositori, tanpa `..`"),
    ("sop_defs/diskominfo/_kinerja.yaml", "harus berada di folder `lampiran/` di bawah `records/`"),
    ("records/2025/TW3/lampiran/halaman.html", "jenis berkas `records/2025/TW3/lampiran/halaman.html` tidak diizinkan"),
])
def test_evidence_stays_inside_the_attachment_folders(repo_copy: Path, written: str, words: str) -> None:
    line = edit(repo_copy, TW3, f"    bukti: {ATTACHMENT}", f"    bukti: {written}")
    assert_located(errors_of(repo_copy), TW3, line, "realisasi ke-1 › bukti", words)


def test_evidence_through_a_symlink_is_refused(repo_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(b"%PDF-1.4 rahasia")
    folder = repo_copy / "records/2025/kinerja/diskominfo/lampiran"
    folder.mkdir()
    (folder / "rekap.pdf").symlink_to(secret)
    line = edit(repo_copy, TW3, f"    bukti: {ATTACHMENT}", "    bukti: records/2025/kinerja/diskominfo/lampiran/rekap.pdf")
    messages = errors_of(repo_copy)
    assert_located(messages, TW3, line, "realisasi ke-1 › bukti", "adalah tautan simbolik; tautan simbolik tidak diizinkan")


def test_evidence_beside_the_performance_files_is_accepted(repo_copy: Path) -> None:
    write(repo_copy, "records/2025/kinerja/diskominfo/lampiran/rekap-tw3.pdf", "%PDF-1.4 rekap")
    edit(repo_copy, TW3, f"    bukti: {ATTACHMENT}", "    bukti: records/2025/kinerja/diskominfo/lampiran/rekap-tw3.pdf")
    assert errors_only(load_data(repo_copy, REFERENCE).problems) == []


def test_a_quarter_not_begun_on_the_reference_date(repo_copy: Path) -> None:
    write(repo_copy, "records/2026/kinerja/diskominfo/TW4.yaml", "realisasi: []\n")
    messages = errors_of(repo_copy, date(2026, 9, 30))
    assert any(m.startswith("records/2026/kinerja/diskominfo/TW4.yaml:1:1: TW4 2026 baru dimulai 1 Oktober 2026, sesudah tanggal acuan 30 September 2026")
               for m in messages), messages


# --- Places ---


@pytest.mark.parametrize(("rel", "words"), [
    ("records/2025/kinerja/diskominfo/tw1.yaml", "nama berkas harus `TW1.yaml`, bukan `tw1.yaml`"),
    ("records/2025/kinerja/diskominfo/PK.yaml", "nama berkas harus `pk.yaml`, bukan `PK.yaml`"),
    ("records/2025/kinerja/diskominfo/TW5.yaml", "berkas kinerja harus berada di records/<tahun>/kinerja/<instansi>/pk.yaml"),
    ("records/2025/kinerja/pk.yaml", "berkas kinerja harus berada di records/<tahun>/kinerja/<instansi>/pk.yaml"),
    ("records/2025/kinerja/diskominfo/2025/pk.yaml", "berkas kinerja harus berada di"),
    ("records/2025/kinerja/diskominfo/TW1.yml", "gunakan akhiran `.yaml`, bukan `.yml`"),
    ("records/dua/kinerja/diskominfo/pk.yaml", "folder tahun `dua` harus berupa tahun"),
    ("records/2025/kinerja/dinas-kominfo/pk.yaml", "instansi `dinas-kominfo` (nama folder) tidak ada di sop_defs/"),
    ("records/2025/kinerja/diskominfoo/TW1.yaml", "instansi `diskominfoo` (nama folder) tidak ada di sop_defs/; maksud Anda `diskominfo`?"),
])
def test_misplaced_files_are_named(repo_copy: Path, rel: str, words: str) -> None:
    write(repo_copy, rel, "realisasi: []\n")
    messages = errors_of(repo_copy)
    assert any(m.startswith(f"{rel}:1:1: ") and words in m for m in messages), messages


def test_pk_of_an_agency_without_performance_file(repo_copy: Path) -> None:
    (repo_copy / DEFINITIONS).unlink()
    messages = errors_of(repo_copy)
    expected = "instansi `diskominfo` belum punya sop_defs/diskominfo/_kinerja.yaml: tulis dulu indikator dan target Renstra-nya di sana"
    assert f"{PK_2025}:1:1: {expected}" in messages and f"{TW1}:1:1: {expected}" in messages


def test_performance_file_in_a_folder_without_agency_file(repo_copy: Path) -> None:
    write(repo_copy, "sop_defs/bkpsdm/_kinerja.yaml", (repo_copy / DEFINITIONS).read_text(encoding="utf-8"))
    assert "sop_defs/bkpsdm/_kinerja.yaml:1:1: folder instansi `bkpsdm` tidak punya _instansi.yaml (nama, singkatan, kepala)" in errors_of(repo_copy)


def test_a_broken_performance_file_does_not_bury_its_pk_under_false_errors(repo_copy: Path) -> None:
    edit(repo_copy, DEFINITIONS, "    arah: turun", "    arah: menurun")
    messages = errors_of(repo_copy)
    assert messages and all(m.startswith(DEFINITIONS) for m in messages), messages


def test_a_broken_pk_does_not_make_its_realisations_targetless(repo_copy: Path) -> None:
    edit(repo_copy, PK_2025, "tanggal: 2025-01-31", "tanggal: kemarin")
    edit(repo_copy, DEFINITIONS, "      2025: 2.6\n", "")
    messages = errors_of(repo_copy)
    assert [m.split(":")[0] for m in messages] == [PK_2025], messages


def test_an_indicator_may_name_an_sop_whose_file_has_errors(repo_copy: Path) -> None:
    edit(repo_copy, "sop_defs/diskominfo/perencanaan-keuangan/evaluasi-kinerja.yaml", "jadwal: tahunan", "jadwal: sekali")
    messages = errors_of(repo_copy)
    assert not [m for m in messages if m.startswith(DEFINITIONS)], messages


# --- Warnings ---


def test_warnings_do_not_stop_the_build(repo_copy: Path) -> None:
    edit(repo_copy, DEFINITIONS, "      2022: 2.0\n", "")
    edit(repo_copy, PK_2025, "    triwulan: [80, 84, 87, 90]", "    triwulan: [80, 84, 87, 88]")
    edit(repo_copy, TW4, "  realisasi: 4611200000", "  realisasi: 5000000000")
    data = load_data(repo_copy, REFERENCE)
    assert errors_only(data.problems) == [] and data.manual is not None
    warnings = {p.format() for p in data.problems if p.severity is Severity.WARNING and is_performance_file(p.path)}
    assert warnings == {
        f"{DEFINITIONS}:20:5: [indikator ke-1 › target] peringatan: target Renstra tahun 2022 belum diisi",
        f"{PK_2025}:15:28: [target ke-2 › triwulan ke-4] peringatan: target TW4 (88) berbeda dari target tahunan (90): "
        "pada target kumulatif, target TW4 adalah target tahun itu",
        f"{TW4}:21:3: [anggaran › realisasi] peringatan: realisasi anggaran (Rp5.000.000.000) melebihi pagu (Rp4.920.000.000)",
    }


def test_a_role_named_only_by_performance_data_is_not_reported_unused(repo_copy: Path) -> None:
    """The unused-role warning counts the indicators' responsible roles and the PK's signatories as uses."""
    edit(repo_copy, "sop_defs/_jabatan.yaml", "kabid:\n", "kasi-statistik:\n  nama: Kepala Seksi Statistik\n  singkatan: Kasi\n"
         "sekda:\n  nama: Sekretaris Daerah\n  singkatan: Sekda\nkabid:\n")

    def unused() -> set[str]:
        data = load_data(repo_copy, REFERENCE)
        assert errors_only(data.problems) == []
        return {p.key for p in data.problems if p.severity is Severity.WARNING and "tidak dipakai" in p.message}

    assert {"kasi-statistik", "sekda"} <= unused()
    edit(repo_copy, DEFINITIONS, "    penanggung_jawab: kadis\n", "    penanggung_jawab: kasi-statistik\n")
    edit(repo_copy, PK_2025, "pihak_pertama: kadis\n", "pihak_pertama: sekda\n")
    assert not {"kasi-statistik", "sekda"} & unused()
