"""Gather, then write: what the site is built from, and everything computed from it once before any page is written.

Pages only format these values; they never compute a status, a review flag or the cross-reference index themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Callable

from generator.manual.index import CrossIndex, build_index
from generator.manual.model import Agency, Manual, Sop
from generator.performance.capaian import Capaian, QuarterFigure, YearFigure, budget_absorption, quarter_figures, year_figure
from generator.performance.checks import quarter_start
from generator.performance.lke import Lke, LkeCoverage, LoggedDocument, coverage, indicator_facts
from generator.performance.model import AgencyPerformance, Indicator, Performance
from generator.records.documents import RecordedDocument, recorded_documents
from generator.records.model import Record
from generator.records.monitoring import Monitoring, MonitoringSummary, summarize
from generator.records.periods import shift_years
from generator.records.status import PeriodStatus, on_time_rate, report_years, statuses
from generator.records.tasks import OpenStep, open_steps, tasks_by_role
from generator.render.forge import Forge
from generator.render.versionlist import VersionList, version_list
from generator.trail.approval import Trail, TrailRow, Verdict, flagged_changes, trail_of
from generator.trail.codeowners import CodeOwners
from generator.trail.filediff import FileVersions, file_changes
from generator.trail.integrity import Integrity
from generator.trail.history import Change, History

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class Site:
    """What the site is built from: the SOPs, their records, and the date statuses are computed for."""

    manual: Manual
    records: list[Record]
    today: date
    history: History = field(default_factory=lambda: History(False, "riwayat git tidak dibaca"))
    owners: CodeOwners = field(default_factory=lambda: CodeOwners(None, ()))
    pdf_links: bool = False  # the PDFs exist (built by `sopgen pdf`), so pages may link them
    monitoring: tuple[Monitoring, ...] = ()  # the monitoring notes (records/<tahun>/pemantauan/)
    performance: Performance = Performance()  # SAKIP indicators, PKs and realisation per agency
    lke: Lke | None = None  # the Evaluasi AKIP criteria (sop_defs/_lke.yaml); no Kesiapan Evaluasi pages without it
    integrity: Integrity | None = None  # whether history was rewritten since the previous build
    forge: Forge | None = None  # the repository's web editor (from repo_url); None: no forge buttons on any page
    file_versions: FileVersions = FileVersions()  # each change's data files before and after it, for the audit page

    @cached_property
    def years(self) -> list[int]:
        return report_years(self.records, self.today)


@dataclass(frozen=True)
class Gathered:
    """The site's computed facts, each computed once."""

    index: CrossIndex
    statuses: list[PeriodStatus]  # every SOP in every period of the report years
    by_year: dict[int, list[PeriodStatus]]
    by_quarter: dict[tuple[int, int], list[PeriodStatus]]  # (year, quarter the period is due in)
    on_time: dict[tuple[int, int], int | None]  # (year, quarter) -> percent finished on time
    in_force: dict[str, Sop]  # SOP id -> the version in force on the reference date (what its page shows)
    upcoming: dict[str, Sop]  # SOP id -> a newer version that is not in force yet
    versions: dict[str, VersionList]  # SOP id -> every version, with when it was in force and what it changed
    judged_by: dict[tuple[str, str | None], list[PeriodStatus]]  # (SOP id, commit) -> records judged by that version
    this_year: dict[str, list[PeriodStatus]]  # agency id -> its statuses in the reference date's year
    this_year_on_time: dict[str, int | None]  # agency id -> percent finished on time this year
    audit: tuple[TrailRow, ...]  # every change, newest first, with its review flags
    trails: dict[str, Trail]  # data file (SOP or record) -> its history with flags
    monitoring: MonitoringSummary  # last note per SOP, counts, and the SOPs not monitored in six months
    # What comes next: the open step of every period under way on the reference date, overdue first.
    open_steps: list[OpenStep]
    tasks: dict[str, list[OpenStep]]  # role page key -> its open steps ("tugas saya")
    next_steps: dict[str, OpenStep]  # record file -> its open step
    # Lifecycle on the reference date: the SOPs revoked by then leave every active list (their pages stay).
    revoked: frozenset[str]
    # SOP id -> when its version in force took effect, for active SOPs older than `tinjau_setiap_tahun`.
    review: dict[str, date]
    readiness: Readiness = field(default_factory=lambda: Readiness({}, {}))  # Kesiapan Evaluasi AKIP
    # agency id -> its performance figures (agencies with a _kinerja.yaml only)
    performance: dict[str, PerformanceFigures] = field(default_factory=dict)
    # role key -> the indicators it is responsible for; SOP id -> the indicators whose figures it produces
    indicators_by_role: dict[str, list[IndicatorRef]] = field(default_factory=dict)
    indicators_by_sop: dict[str, list[IndicatorRef]] = field(default_factory=dict)
    # (commit, file as the audit page shows it) -> what the change did to it, in SOP or record terms
    file_changes: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)


def gather(site: Site) -> Gathered:
    items = statuses(site.manual, site.records, site.today, site.years)
    by_year: dict[int, list[PeriodStatus]] = {year: [] for year in site.years}
    by_quarter: dict[tuple[int, int], list[PeriodStatus]] = {(y, q): [] for y in site.years for q in QUARTERS}
    for item in items:
        by_year[item.period.year].append(item)
        by_quarter[(item.period.year, item.period.quarter_of_due())].append(item)
    audit = flagged_changes(site.history, site.today)
    by_commit = {change.commit: change for change in site.history.changes}
    versions = {sop.id: version_list(site.manual, sop, site.today, by_commit) for sop in site.manual.sops}
    in_force = {sop_id: listed.shown.sop for sop_id, listed in versions.items()}
    judged_by: dict[tuple[str, str | None], list[PeriodStatus]] = {}
    for item in items:
        if item.record is not None and item.record.version is not None:
            judged_by.setdefault((item.sop.id, item.record.version.commit), []).append(item)
    revoked = revoked_ids(site.manual, site.today)
    this_year: dict[str, list[PeriodStatus]] = {agency.id: [] for agency in site.manual.agencies}
    for item in by_year.get(site.today.year, []):
        this_year[item.sop.agency_id].append(item)
    opened = open_steps(items, site.today)
    return Gathered(
        index=build_index(site.manual),
        statuses=items,
        by_year=by_year,
        by_quarter=by_quarter,
        on_time={key: on_time_rate(due) for key, due in by_quarter.items()},
        in_force=in_force,
        upcoming={sop_id: listed.upcoming.sop for sop_id, listed in versions.items() if listed.upcoming},
        versions=versions,
        judged_by=judged_by,
        this_year=this_year,
        this_year_on_time={agency_id: on_time_rate(items) for agency_id, items in this_year.items()},
        audit=audit,
        trails=_trails(site, {row.change: row.verdict for row in audit}),
        # A revoked SOP is no longer due a monitoring note.
        monitoring=summarize(site.monitoring, [sop for i, sop in in_force.items() if i not in revoked], site.today),
        open_steps=opened,
        tasks=tasks_by_role(site.manual, opened),
        next_steps={o.item.record.source: o for o in opened if o.item.record is not None},
        revoked=revoked,
        review=_due_for_review(site, in_force, revoked),
        readiness=readiness(site),
        performance=performance_figures(site),
        indicators_by_role=_indicators_by(site, lambda agency, i: [agency.key("jabatan", i.spec.responsible)]),
        indicators_by_sop=_indicators_by(site, lambda agency, i: list(i.spec.sops)),
        file_changes=file_changes(site.file_versions, site.manual),
    )


def revoked_ids(manual: Manual, today: date) -> frozenset[str]:
    """The SOPs revoked on `today`, judged on each SOP's newest file (the navigation needs them too)."""
    return frozenset(sop.id for sop in manual.sops if sop.is_revoked(today))


def _due_for_review(site: Site, in_force: dict[str, Sop], revoked: frozenset[str]) -> dict[str, date]:
    """Active SOPs whose version in force took effect more than `tinjau_setiap_tahun` years before the reference date."""
    years = site.manual.government.review_years
    if years is None:
        return {}
    limit = shift_years(site.today, -years)
    return {
        sop_id: sop.spec.effective.first for sop_id, sop in in_force.items()
        if sop_id not in revoked and sop.spec.effective.first < limit
    }


def _trails(site: Site, judged: dict[Change, Verdict]) -> dict[str, Trail]:
    paths = [sop.source for sop in site.manual.sops] + [record.source for record in site.records]
    return {path: trail_of(site.history, path, judged) for path in paths}


# --- Kesiapan Evaluasi AKIP ---


@dataclass(frozen=True)
class Readiness:
    """The LKE evidence each agency can show, for the reference year and the one before."""

    coverage: dict[str, tuple[LkeCoverage, ...]]  # agency id -> reference year first, then the year before
    found: dict[LoggedDocument, RecordedDocument]  # each logged document back to its record, for links


def readiness_years(today: date) -> tuple[int, int]:
    """The years with a Kesiapan Evaluasi page: the reference year, and the year before (what an evaluation
    held this year looks back on)."""
    return today.year, today.year - 1


def readiness(site: Site) -> Readiness:
    if site.lke is None:
        return Readiness({}, {})
    recorded = recorded_documents(site.records)
    documents = [_logged(d) for d in recorded]
    found = dict(zip(documents, recorded))
    return Readiness({
        agency.id: tuple(
            coverage(site.lke, agency, year, site.today, documents, indicator_facts(site.performance.of(agency.id), year))
            for year in readiness_years(site.today)
        )
        for agency in site.manual.agencies
    }, found)


def _logged(d: RecordedDocument) -> LoggedDocument:
    """A Buku Dokumentasi entry as the LKE coverage reads it (performance must not import records)."""
    return LoggedDocument(d.document.kind, d.document.title, d.document.date, d.record.sop.id, d.record.source, d.step)
# --- Performance (SAKIP): every capaian computed once, for the quarter, year and indicator pages and the downloads ---


@dataclass(frozen=True)
class IndicatorYear:
    quarters: tuple[QuarterFigure, ...]  # TW1 to TW4
    year: YearFigure


@dataclass(frozen=True)
class PerformanceFigures:
    """One agency's performance data and every figure computed from it."""

    data: AgencyPerformance
    years: tuple[int, ...]  # the years with a PK or a quarter's realisation: each has its pages
    quarters: dict[int, tuple[int, ...]]  # year -> the quarters with a page: begun on the reference date, or reported
    figures: dict[tuple[str, int], IndicatorYear]  # (indicator id, year)
    budget: dict[tuple[int, int], Capaian]  # (year, quarter) -> serapan anggaran, where the quarter gives `anggaran`
    # (SOP id, year, quarter; None for the year) -> the record of an SOP an indicator names, in that period
    records: dict[tuple[str, int, int | None], Record]


@dataclass(frozen=True)
class IndicatorRef:
    agency_id: str
    indicator: Indicator


def _indicators_by(site: Site, keys: Callable[[Agency, Indicator], list[str]]) -> dict[str, list[IndicatorRef]]:
    """Indicators grouped by the keys each one names (a role, SOPs), for the pages those keys have."""
    found: dict[str, list[IndicatorRef]] = {}
    for data in site.performance.agencies:
        agency = site.manual.agency(data.agency_id)
        for indicator in data.indicators:
            for key in keys(agency, indicator):
                found.setdefault(key, []).append(IndicatorRef(data.agency_id, indicator))
    return found


def performance_figures(site: Site) -> dict[str, PerformanceFigures]:
    return {data.agency_id: _agency_figures(site, data) for data in site.performance.agencies}


def performance_quarters(site: Site, data: AgencyPerformance) -> dict[int, tuple[int, ...]]:
    """Year -> the quarters with a Pengukuran Kinerja page: begun on the reference date, or reported. Cheap: the
    navigation needs only this, not the figures."""
    return {
        year: tuple(q for q in QUARTERS if quarter_start(year, q) <= site.today or (year, q) in data.quarters)
        for year in data.years
    }


def _agency_figures(site: Site, data: AgencyPerformance) -> PerformanceFigures:
    years = tuple(data.years)
    quarters = performance_quarters(site, data)
    figures = {
        (indicator.id, year): IndicatorYear(quarter_figures(data, indicator, year), year_figure(data, indicator, year))
        for indicator in data.indicators for year in years
    }
    budget = {key: budget_absorption(report.spec.budget) for key, report in data.quarters.items() if report.spec.budget}
    named = {sop_id for indicator in data.indicators for sop_id in indicator.spec.sops}
    records = {
        (record.sop.id, record.period.year, record.period.quarter): record
        for record in site.records
        if record.sop.id in named and record.period.cadence in ("triwulanan", "tahunan")
    }
    return PerformanceFigures(data, years, quarters, figures, budget, records)
