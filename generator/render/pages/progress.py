"""Progress pages: a year (SOP x quarter matrix, on-time rate), a quarter (what is due), one record (details)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from generator.manual.durations import format_minutes
from generator.manual.model import Manual
from generator.records.model import Execution, Record
from generator.records.moments import working_minutes
from generator.records.periods import ROMAN
from generator.records.status import PeriodStatus, Status
from generator.render import urls
from generator.render.charts import gantt, on_time_chart
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


def record_url(record: Record) -> str:
    return urls.record_page(record.period.year, record.period.folder, record.sop.id)


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


def percent_done(item: PeriodStatus) -> int:
    return round(100 * item.steps_done / len(item.sop.spec.steps))


def render_record(manual: Manual, item: PeriodStatus, today: date, link: urls.Linker, trail: Trail) -> str:
    record = item.record
    assert record is not None
    page = record_url(record)
    period = record.period
    return render(
        "rekaman.md.j2",
        item=item,
        record=record,
        rows=_rows(item, manual),
        percent=percent_done(item),
        chart=gantt(record, manual.catalogue.roles, today) if record.started else None,
        documents=[d for e in record.spec.executions for d in e.documents],
        trail=trail,
        today=today,
        example=record.spec.example,
        sop_href=link(page, urls.sop_page(record.sop.id)),
        quarter_href=link(page, urls.quarter_page(period.year, period.quarter_of_due())),
    )


def items_in_quarter(items: list[PeriodStatus], year: int, quarter: int) -> list[PeriodStatus]:
    return [i for i in items if i.period.year == year and i.period.quarter_of_due() == quarter]


def render_quarter(manual: Manual, items: list[PeriodStatus], year: int, quarter: int, today: date, link: urls.Linker) -> str:
    page = urls.quarter_page(year, quarter)
    due = items_in_quarter(items, year, quarter)
    by_unit: dict[str, list[tuple[PeriodStatus, str | None, int]]] = {}
    for item in due:
        href = link(page, record_url(item.record)) if item.record else None
        by_unit.setdefault(item.sop.unit_id, []).append((item, href, percent_done(item)))
    units = [(unit, by_unit[unit.id]) for unit in manual.units if unit.id in by_unit]
    return render(
        "triwulan.md.j2",
        title=f"Triwulan {ROMAN[quarter - 1]} {year}",
        units=units,
        counts=Counter(i.status for i in due),
        statuses=list(Status),
        today=today,
        example=any(i.record and i.record.spec.example for i in due),
        year_href=link(page, urls.year_page(year)),
        sop_href=lambda sop_id: link(page, urls.sop_page(sop_id)),
    )


def on_time_rate(items: list[PeriodStatus]) -> int | None:
    """Percent of finished-or-overdue items that were finished on time; None when nothing is due yet."""
    judged = [i for i in items if i.status in (Status.DONE, Status.DONE_LATE, Status.LATE)]
    if not judged:
        return None
    return round(100 * sum(i.status is Status.DONE for i in judged) / len(judged))


def render_year(manual: Manual, items: list[PeriodStatus], year: int, today: date, link: urls.Linker) -> str:
    page = urls.year_page(year)
    mine = [i for i in items if i.period.year == year]
    by_sop: dict[str, dict[int, PeriodStatus]] = {}
    for item in mine:
        by_sop.setdefault(item.sop.id, {})[item.period.quarter_of_due()] = item
    matrix = []
    for sop in manual.sops:
        own = by_sop.get(sop.id)
        if not own:
            continue
        quarters = [4] if sop.spec.cadence == "tahunan" else [1, 2, 3, 4]
        cells = []
        for q in quarters:
            item = own.get(q)
            target = record_url(item.record) if item and item.record else urls.quarter_page(year, q)
            cells.append((item, link(page, target)))
        matrix.append((sop, link(page, urls.sop_page(sop.id)), cells))
    rates = [on_time_rate(items_in_quarter(items, year, q)) for q in range(1, 5)]
    return render(
        "tahun.md.j2",
        year=year,
        matrix=matrix,
        counts=Counter(i.status for i in mine),
        statuses=list(Status),
        quarters=[(f"Triwulan {ROMAN[q - 1]}", link(page, urls.quarter_page(year, q)), rates[q - 1]) for q in range(1, 5)],
        chart=on_time_chart(f"Ketepatan waktu {year}", [f"TW{q}" for q in range(1, 5)], [r or 0 for r in rates]),
        today=today,
        example=any(i.record and i.record.spec.example for i in mine),
    )
