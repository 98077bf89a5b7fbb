"""The documents the records produced, as the Buku Dokumentasi and the LKE coverage both read them."""

from __future__ import annotations

from datetime import date

from generator.records.documents import recorded_documents
from generator.render.site import Site


def test_documents_of_one_year_in_date_order(site: Site) -> None:
    found = recorded_documents(site.records, 2026)
    assert [(d.document.date, d.document.kind, d.record.source, d.step) for d in found] == [
        (date(2026, 3, 9), "Nota Dinas", "records/2026/TW1/pelaporan-kinerja-triwulan.yaml", 1),
        (date(2026, 3, 18), "laporan-kinerja-triwulan", "records/2026/TW1/pelaporan-kinerja-triwulan.yaml", 7),
        (date(2026, 9, 7), "Nota Dinas", "records/2026/TW3/pelaporan-kinerja-triwulan.yaml", 1),
        (date(2026, 9, 16), "laporan-kinerja-triwulan", "records/2026/TW3/pelaporan-kinerja-triwulan.yaml", 7),
    ]
    assert found[0].person == "Ir. SUMANTO, MM"


def test_every_year_together_and_a_year_by_its_documents_dates(site: Site) -> None:
    every = recorded_documents(site.records)
    assert len(every) == 18 and every == sorted(every, key=lambda d: d.document.date)
    # the Renja for 2026 was made in 2025: a document's year is its date's
    assert [d.document.title for d in recorded_documents(site.records, 2025) if d.document.kind == "renja"] == [
        "Rencana Kerja Dinas Komunikasi dan Informatika Tahun 2026"
    ]
    assert sum(len(recorded_documents(site.records, year)) for year in (2025, 2026)) == len(every)
