"""Evidence coverage of the LKE: what an agency can show for each criterion in a year, counted, never scored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.loading import Data, load_data
from generator.manual.load import load_manual
from generator.performance.lke import (
    NO_INDICATOR_DATA, CriterionCoverage, IndicatorFacts, Lke, LkeCoverage, LoggedDocument, Tally, coverage, indicator_facts,
    weight_text,
)
from generator.records.documents import recorded_documents
from tests.conftest import REFERENCE, REPO, with_revoked_sop


@pytest.fixture(scope="module")
def shipped() -> Data:
    data = load_data(REPO, REFERENCE)
    assert data.manual is not None and data.lke is not None
    return data


def logged(data: Data) -> list[LoggedDocument]:
    """What the caller hands over: the Buku Dokumentasi's documents as plain values."""
    return [
        LoggedDocument(d.document.kind, d.document.title, d.document.date, d.record.sop.id, d.record.source, d.step)
        for d in recorded_documents(data.records)
    ]


def diskominfo(data: Data, year: int, extra: list[LoggedDocument] | None = None,
               indicators: IndicatorFacts | None = None) -> LkeCoverage:
    assert data.manual is not None and data.lke is not None
    return coverage(data.lke, data.manual.agency("diskominfo"), year, REFERENCE, logged(data) + (extra or []), indicators)


def criterion(result: LkeCoverage, criterion_id: str) -> CriterionCoverage:
    return next(c for c in result.criteria if c.criterion.id == criterion_id)


def test_2026_lists_the_missing_evidence(shipped: Data) -> None:
    """The issue's "done when": the LKE page can list the missing evidence for 2026 from the shipped data."""
    result = diskominfo(shipped, 2026)
    assert result.missing_documents() == [
        "pedoman-perencanaan-kinerja", "rpjpd", "rencana-aksi", "pohon-kinerja", "iku", "cascading-kinerja",
        "crosscutting-kinerja", "skp", "notulen-evaluasi-kinerja", "pedoman-pengukuran-kinerja", "lkj", "reviu-lkj",
        "pedoman-evaluasi-internal", "lhe-akip", "sk-tim-akuntabilitas", "tindak-lanjut-lhe",
    ]
    found = {d.document_id: [x.title for x in d.found] for c in result.criteria for d in c.documents if d.present}
    assert found == {
        "renstra": ["Reviu Rencana Strategis Dinas Komunikasi dan Informatika 2021-2026"],  # 2025, valid five years
        "renja": ["Rencana Kerja Dinas Komunikasi dan Informatika Tahun 2026"],  # made in 2025 for 2026
        "pk": ["Perjanjian Kinerja Tahun 2026"],
        "rka": ["Rencana Kerja dan Anggaran Tahun 2026 (cetak dan salinan)"],
        "laporan-kinerja-triwulan": ["Laporan Kinerja Triwulan III Tahun 2026", "Laporan Kinerja Triwulan I Tahun 2026"],
    }
    assert all(s.present for c in result.criteria for s in c.sops)  # the three shipped SOPs
    indicator_gaps = {c.indicators.gap for c in result.criteria if c.indicators is not None}
    assert indicator_gaps == {NO_INDICATOR_DATA}
    assert result.tally == Tally(covered=55, needed=123, complete=13, criteria=72)


def test_each_missing_item_says_what_and_since_when(shipped: Data) -> None:
    lkj = criterion(diskominfo(shipped, 2026), "3a-1")
    assert [(d.document_id, d.first_year, d.present) for d in lkj.missing] == [("lkj", 2026, False)]
    renstra = criterion(diskominfo(shipped, 2026), "1a-3").documents[0]
    assert (renstra.first_year, renstra.found[0].record) == (2022, "records/2025/tahunan/perencanaan-kinerja.yaml")
    assert renstra.found[0].step == 3 and renstra.found[0].sop_id == "perencanaan-kinerja"


def test_a_document_counts_for_the_years_of_its_masa_berlaku(shipped: Data) -> None:
    in_2025, in_2030 = diskominfo(shipped, 2025), diskominfo(shipped, 2030)
    assert criterion(in_2025, "3a-1").documents[0].present  # the LKj dated 8 December 2025
    assert not criterion(diskominfo(shipped, 2026), "3a-1").documents[0].present  # one year only
    assert criterion(in_2025, "1a-3").documents[0].present
    assert criterion(diskominfo(shipped, 2029), "1a-3").documents[0].present
    assert not criterion(in_2030, "1a-3").documents[0].present  # the Renstra of 2025 counts 2025-2029


def test_a_document_counts_by_its_catalogue_id_and_its_agency_only(shipped: Data) -> None:
    day = date(2026, 3, 1)
    extra = [
        LoggedDocument("Rencana Aksi Kinerja", "Rencana aksi 2026 (jenis ditulis sebagai nama)", day, "perencanaan-kinerja", "r.yaml", 1),
        LoggedDocument("iku", "IKU instansi lain", day, "sop-instansi-lain", "r.yaml", 1),
    ]
    result = diskominfo(shipped, 2026, extra)
    assert "rencana-aksi" in result.missing_documents() and "iku" in result.missing_documents()
    extra.append(LoggedDocument("rencana-aksi", "Rencana Aksi Kinerja 2026", day, "perencanaan-kinerja", "r.yaml", 1))
    assert "rencana-aksi" not in diskominfo(shipped, 2026, extra).missing_documents()


def test_indicator_data_is_evidence_when_every_indicator_has_target_and_realisation(shipped: Data) -> None:
    four = ("a", "b", "c", "d")
    complete = criterion(diskominfo(shipped, 2026, indicators=IndicatorFacts(four, (), ())), "2b-2")
    assert complete.indicators is not None and complete.indicators.present and complete.tally == Tally(1, 1, 1, 1)
    partial = criterion(diskominfo(shipped, 2026, indicators=IndicatorFacts(four, ("d",), ("c", "d"))), "2b-2")
    assert partial.indicators is not None and partial.indicators.gap == (
        "1 dari 4 indikator belum punya target 2026; 2 dari 4 indikator belum punya realisasi 2026"
    )
    assert IndicatorFacts((), (), ()).gap(2026) == "belum ada indikator kinerja"


def test_indicator_facts_count_targets_and_given_values(shipped: Data) -> None:
    performance = shipped.performance.of("diskominfo")
    ids = tuple(i.id for i in performance.indicators)
    assert len(ids) == 5
    assert indicator_facts(performance, 2025) == IndicatorFacts(ids, (), ())
    # 2026: the SPBE index, evaluated once a year, has no realisation in TW1 or TW3 yet.
    assert indicator_facts(performance, 2026) == IndicatorFacts(ids, (), ("indeks-spbe",))
    assert indicator_facts(performance, 2020) == IndicatorFacts(ids, ids, ids)  # before the Renstra period, no PK
    assert indicator_facts(None, 2026) is None


def test_sops_that_implement_a_criterion(shipped: Data) -> None:
    renstra = criterion(diskominfo(shipped, 2026), "1a-3")
    assert [(s.sop_id, s.present) for s in renstra.sops] == [("perencanaan-kinerja", True)]
    # the other SOPs whose `keterkaitan` names the Renstra
    assert renstra.implementing_sops == ("perencanaan-kinerja", "evaluasi-kinerja", "pelaporan-kinerja-triwulan")


def test_a_criterion_without_evidence_is_left_to_the_evaluator(shipped: Data) -> None:
    result = diskominfo(shipped, 2026)
    unasked = criterion(result, "1c-7")
    assert unasked.items == () and unasked.tally == Tally()
    pemanfaatan = result.components[0].subcomponents[2]
    assert (pemanfaatan.id, weight_text(pemanfaatan.subcomponent.weight)) == ("pemanfaatan", "15")
    assert pemanfaatan.tally.criteria == 7 and len(pemanfaatan.criteria) == 8


def test_tallies_add_up_from_criteria_to_components(shipped: Data) -> None:
    result = diskominfo(shipped, 2026)
    for component in result.components:
        assert component.tally == sum((s.tally for s in component.subcomponents), Tally())
        for sub in component.subcomponents:
            assert sub.tally.needed == sum(len(c.items) for c in sub.criteria)
            assert sub.tally.covered == sum(len(c.items) - len(c.missing) for c in sub.criteria)
    assert result.tally == sum((c.tally for c in result.components), Tally())


def test_a_revoked_sop_is_no_longer_evidence(tmp_path: Path) -> None:
    manual, problems = load_manual(with_revoked_sop(tmp_path / "data"), warnings=False)
    assert manual is not None, problems
    lke = Lke.model_validate({
        "nama": "Uji",
        "komponen": {"k": {"nama": "K", "bobot": 100, "subkomponen": {"s": {"nama": "S", "bobot": 100, "kriteria": [
            {"id": "k-1", "uraian": "Ada SOP permintaan data.", "sop": ["permintaan-data-lama", "permintaan-data"]},
        ]}}}},
    })
    agency = manual.agency("diskominfo")
    before = coverage(lke, agency, 2025, REFERENCE, []).criteria[0]
    after = coverage(lke, agency, 2026, REFERENCE, []).criteria[0]  # revoked on 1 July 2026
    assert [s.present for s in before.sops] == [True, True]
    assert [s.present for s in after.sops] == [False, True]
