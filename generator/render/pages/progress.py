"""Progress pages: a year (SOP x quarter matrix, on-time rate), a quarter (what is due), one record (details)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from generator.manual.durations import format_minutes
from generator.manual.model import Manual, Sop, Unit
from generator.records.model import Execution
from generator.records.moments import working_minutes
from generator.records.periods import ROMAN
from generator.records.status import PeriodStatus, Status
from generator.render import urls
from generator.render.charts import gantt, on_time_chart
from generator.render.gather import QUARTERS
from generator.render.templating import render
from generator.trail.approval import Trail


@dataclass(frozen=True)
class StepRow:
    execution: Execution
    activity: str
    role: str
    actual: str
    standard: str
    over: bool


@dataclass(frozen=True)
class StatusCount:
    """One status chip: how many items have this status."""

    status: Status
    count: int


@dataclass(frozen=True)
class DueRow:
    item: PeriodStatus
    sop_href: str
    record_href: str | None


@dataclass(frozen=True)
class UnitDue:
    unit: Unit
    rows: list[DueRow]


@dataclass(frozen=True)
class Cell:
    item: PeriodStatus | None
    href: str


@dataclass(frozen=True)
class MatrixRow:
    sop: Sop
    href: str
    cells: list[Cell]


@dataclass(frozen=True)
class QuarterLink:
    label: str
    href: str
    on_time: int | None


def status_counts(items: list[PeriodStatus]) -> list[StatusCount]:
    """The statuses present among `items`, in the order of `Status`."""
    counts = Counter(i.status for i in items)
    return [StatusCount(status, counts[status]) for status in Status if counts[status]]


def _rows(item: PeriodStatus, manual: Manual) -> list[StepRow]:
    assert item.record is not None
    steps = {s.number: (s, d) for s, d in zip(item.sop.spec.steps, item.sop.durations, strict=True)}
    rows = []
    for execution in item.record.started:
        assert execution.start is not None
        step, duration = steps[execution.step]
        spent = working_minutes(execution.start, execution.end) if execution.end else None
        rows.append(
            StepRow(
                execution=execution,
                activity=step.activity,
                role=manual.catalogue.roles[step.actor].abbreviation,
                actual=format_minutes(spent) if spent is not None else "berjalan",
                standard=duration.text,
                over=spent is not None and spent > duration.minutes,
            )
        )
    return rows


def render_record(manual: Manual, item: PeriodStatus, today: date, link: urls.Linker, trail: Trail) -> str:
    record = item.record
    assert record is not None
    page = urls.record_url(record)
    period = record.period
    return render(
        "rekaman.md.j2",
        item=item,
        record=record,
        rows=_rows(item, manual),
        chart=gantt(record, manual.catalogue.roles, today) if record.started else None,
        documents=[d for e in record.spec.executions for d in e.documents],
        trail=trail,
        today=today,
        example=record.spec.example,
        sop_href=link(page, urls.sop_page(record.sop.id)),
        quarter_href=link(page, urls.quarter_page(period.year, period.quarter_of_due())),
    )


def render_quarter(manual: Manual, due: list[PeriodStatus], year: int, quarter: int, today: date, link: urls.Linker) -> str:
    """`due`: the statuses of the periods due in this quarter."""
    page = urls.quarter_page(year, quarter)
    by_unit: dict[str, list[DueRow]] = {}
    for item in due:
        record_href = link(page, urls.record_url(item.record)) if item.record else None
        by_unit.setdefault(item.sop.unit_id, []).append(DueRow(item, link(page, urls.sop_page(item.sop.id)), record_href))
    return render(
        "triwulan.md.j2",
        title=f"Triwulan {ROMAN[quarter - 1]} {year}",
        units=[UnitDue(unit, by_unit[unit.id]) for unit in manual.units if unit.id in by_unit],
        counts=status_counts(due),
        today=today,
        example=any(i.record and i.record.spec.example for i in due),
        year_href=link(page, urls.year_page(year)),
    )


def _matrix(manual: Manual, items: list[PeriodStatus], year: int, page: str, link: urls.Linker) -> list[MatrixRow]:
    by_sop: dict[str, dict[int, PeriodStatus]] = {}
    for item in items:
        by_sop.setdefault(item.sop.id, {})[item.period.quarter_of_due()] = item
    matrix = []
    for sop in manual.sops:
        own = by_sop.get(sop.id)
        if not own:
            continue
        cells = []
        for q in [4] if sop.spec.cadence == "tahunan" else QUARTERS:
            item = own.get(q)
            target = urls.record_url(item.record) if item and item.record else urls.quarter_page(year, q)
            cells.append(Cell(item, link(page, target)))
        matrix.append(MatrixRow(sop, link(page, urls.sop_page(sop.id)), cells))
    return matrix


def render_year(
    manual: Manual, items: list[PeriodStatus], on_time: list[int | None], year: int, today: date, link: urls.Linker
) -> str:
    """`items`: the year's statuses; `on_time`: each quarter's on-time rate."""
    page = urls.year_page(year)
    return render(
        "tahun.md.j2",
        year=year,
        matrix=_matrix(manual, items, year, page, link),
        counts=status_counts(items),
        quarters=[
            QuarterLink(f"Triwulan {ROMAN[q - 1]}", link(page, urls.quarter_page(year, q)), on_time[q - 1]) for q in QUARTERS
        ],
        chart=on_time_chart(f"Ketepatan waktu {year}", [f"TW{q}" for q in QUARTERS], [r or 0 for r in on_time]),
        today=today,
        example=any(i.record and i.record.spec.example for i in items),
    )
