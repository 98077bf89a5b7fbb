"""Where each generated page lives in the site; the one place that knows the layout."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from generator.records.model import Record

HOME = "index.md"


def sop_page(sop_id: str) -> str:
    return f"sop/{sop_id}.md"


def version_page(sop_id: str, commit: str | None) -> str:
    """One version of an SOP other than the one in force, by its commit (`kerja`: the uncommitted working copy)."""
    return f"sop/{sop_id}/versi/{commit[:12] if commit else 'kerja'}.md"


def step_anchor(number: int) -> str:
    """The id of a step's row in the SOP page's procedure table."""
    return f"langkah-{number}"


def step_link(sop_id: str, number: int) -> str:
    """One step of an SOP: its page and the row's anchor."""
    return f"{sop_page(sop_id)}#{step_anchor(number)}"


LEGAL_BASES = "dasar-hukum/index.md"
QUALIFICATIONS = "kualifikasi/index.md"
ROLES = "jabatan/index.md"
DOCUMENTS = "dokumen/index.md"


LOGBOOK = "buku-dokumentasi/index.md"
AUDIT = "jejak-audit/index.md"
PRINT = "cetak/index.md"
MONITORING = "pemantauan/index.md"


def monitoring_sop_anchor(sop_id: str) -> str:
    """An SOP's row on the Pemantauan page."""
    return f"sop-{sop_id}"


def monitoring_note_anchor(name: str) -> str:
    """One note on the Pemantauan page; `name` is its file name without `.yaml` (`<id-sop>-<TTTT-BB-HH>`)."""
    return f"catatan-{name}"


def monitoring_of(sop_id: str) -> str:
    """An SOP's row on the Pemantauan page, from another page."""
    return f"{MONITORING}#{monitoring_sop_anchor(sop_id)}"


def print_page(unit_key: str | None) -> str:
    """The printable whole manual (None) or one unit's printable book (`<instansi>/<unit>`)."""
    return PRINT if unit_key is None else f"cetak/{unit_key}.md"


def agency_page(agency_id: str) -> str:
    return f"instansi/{agency_id}.md"


def readiness_page(agency_id: str, year: int | None = None) -> str:
    """Kesiapan Evaluasi AKIP: the reference year's (None) or another year's evidence coverage of an agency."""
    folder = f"kinerja/{agency_id}/kesiapan-evaluasi"
    return f"{folder}/index.md" if year is None else f"{folder}/{year}.md"


def criterion_anchor(criterion_id: str) -> str:
    """One LKE criterion's row on the Kesiapan Evaluasi page (criterion ids are unique slugs)."""
    return f"kriteria-{criterion_id}"


def unit_page(unit_key: str) -> str:
    """A unit's page; `unit_key` is `<instansi>/<unit>`, since every agency has its own `sekretariat`."""
    return f"unit/{unit_key}.md"


def year_page(year: int) -> str:
    return f"progres/{year}/index.md"


def quarter_page(year: int, quarter: int) -> str:
    return f"progres/{year}/tw{quarter}/index.md"


def record_page(year: int, folder: str, sop_id: str, run: str | None = None) -> str:
    """One record's page; `folder` is the period's records folder (B01..B12, TW1..TW4, S1, S2, tahunan or
    insidental); `run` is an insidental record's file name without `.yaml` (`2025-09-03-2`)."""
    if run is not None:
        return f"progres/{year}/{folder.lower()}/{sop_id}/{run}.md"
    return f"progres/{year}/{folder.lower()}/{sop_id}.md"


def record_url(record: Record) -> str:
    period = record.period
    run = posixpath.basename(record.source).removesuffix(".yaml") if period.day is not None else None
    return record_page(period.year, period.folder, record.sop.id, run)


# Catalogue pages are keyed by an entry's manual-wide key: `kadis` when shared, `<instansi>/kabid` when an
# agency's own (manual.model.Agency.key).


def legal_basis_anchor(basis_key: str) -> str:
    # Ids never hold "--" (manual.model.SLUG), so the agency's part cannot run into the id's.
    return basis_key.replace("/", "--")


def legal_basis_page(basis_key: str) -> str:
    return f"{LEGAL_BASES}#{legal_basis_anchor(basis_key)}"


def document_page(document_key: str) -> str:
    return f"dokumen/{document_key}.md"


def role_page(role_key: str) -> str:
    return f"jabatan/{role_key}.md"


# Performance (SAKIP) pages, per agency: kinerja/<instansi>/ the overview, <tahun>/ the LKjIP tables of a year,
# <tahun>/tw<n>/ a quarter's Pengukuran Kinerja, indikator/<id>/ one indicator; the year's downloads sit beside it.


def performance_page(agency_id: str) -> str:
    return f"kinerja/{agency_id}/index.md"


def performance_year_page(agency_id: str, year: int) -> str:
    return f"kinerja/{agency_id}/{year}/index.md"


def performance_quarter_page(agency_id: str, year: int, quarter: int) -> str:
    return f"kinerja/{agency_id}/{year}/tw{quarter}.md"


def indicator_page(agency_id: str, indicator_id: str) -> str:
    return f"kinerja/{agency_id}/indikator/{indicator_id}.md"


def performance_download(agency_id: str, year: int, name: str) -> str:
    """A file of the year's LKjIP tables (`pk.csv`, `lkjip.xlsx` ...), named so that a saved copy says whose and when."""
    return f"kinerja/{agency_id}/{year}/{name.replace('.', f'-{agency_id}-{year}.', 1)}"


@dataclass(frozen=True)
class Linker:
    """Relative links between pages, written as final URLs.

    Links sit in raw HTML, which MkDocs does not rewrite, so they must already be
    what the browser follows, for either setting of `use_directory_urls`.
    """

    directory_urls: bool = True

    def url(self, src: str) -> str:
        stem = src.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index":
            return ""
        return stem.removesuffix("index") if stem.endswith("/index") else f"{stem}/"

    def _base(self, from_page: str) -> str:
        here = self.url(from_page)
        return here.rstrip("/") if self.directory_urls else posixpath.dirname(here)

    def asset(self, from_page: str, path: str) -> str:
        """A link from a page to a file copied into the site under the same path."""
        return _relative(path, self._base(from_page))

    def __call__(self, from_page: str, to_page: str) -> str:
        target, _, anchor = to_page.partition("#")
        link = _relative(self.url(target).rstrip("/"), self._base(from_page))
        if self.directory_urls:
            link = "./" if link == "." else f"{link}/"
        return f"{link}#{anchor}" if anchor else link


def _relative(target: str, base: str) -> str:
    """posixpath.relpath for clean site paths, without its filesystem normalisation (it is hot at scale)."""
    to_parts = [p for p in target.split("/") if p]
    from_parts = [p for p in base.split("/") if p]
    common = 0
    while common < min(len(to_parts), len(from_parts)) and to_parts[common] == from_parts[common]:
        common += 1
    parts = [".."] * (len(from_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."
