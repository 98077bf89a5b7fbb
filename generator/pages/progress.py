"""Progress pages: one per year (SOP x quarter matrix, on-time rate) and one per quarter (details)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from generator import urls
from generator.charts import gantt, on_time_chart
from generator.durations import format_minutes
from generator.model import Manual
from generator.moments import working_minutes
from generator.pages.trail import Trail, trail_of
from generator.periods import ROMAN
from generator.records import Execution
from generator.status import PeriodStatus, Status
from generator.templating import render

if TYPE_CHECKING:
    from generator.site import Site


@dataclass(frozen=True)
class StepRow:
    execution: Execution
    activity: str
    role: str
    actual: str
    standard: str
    over: bool


@dataclass(frozen=True)
class SopProgress:
    item: PeriodStatus
    sop_href: str
    rows: list[StepRow]
    percent: int
    chart: str | None
    trail: Trail | None


def _rows(item: PeriodStatus, manual: Manual) -> list[StepRow]:
    if item.record is None:
        return []
    sop = item.sop
    steps = {s.number: (s, d) for s, d in zip(sop.spec.steps, sop.durations, strict=True)}
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


def _items_in_quarter(items: list[PeriodStatus], year: int, quarter: int) -> list[PeriodStatus]:
    return [i for i in items if i.period.year == year and i.period.quarter_of_due() == quarter]


def render_quarter(
    manual: Manual, items: list[PeriodStatus], year: int, quarter: int, today: date, link: urls.Linker, site: Site
) -> str:
    page = urls.quarter_page(year, quarter)
    progress = []
    for item in _items_in_quarter(items, year, quarter):
        total = len(item.sop.spec.steps)
        progress.append(
            SopProgress(
                item=item,
                sop_href=link(page, urls.sop_page(item.sop.id)),
                rows=_rows(item, manual),
                percent=round(100 * item.steps_done / total),
                chart=gantt(item.record, manual.catalogue.roles, today) if item.record and item.record.started else None,
                trail=trail_of(site.history, site.owners, item.record.source) if item.record else None,
            )
        )
    return render(
        "triwulan.md.j2",
        title=f"Triwulan {ROMAN[quarter - 1]} {year}",
        progress=progress,
        today=today,
        example=any(p.item.record and p.item.record.spec.example for p in progress),
        year_href=link(page, urls.year_page(year)),
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
    matrix = []
    for sop in manual.sops:
        own = {i.period.quarter_of_due(): i for i in mine if i.sop is sop}
        if not own:
            continue
        quarters = [4] if sop.spec.cadence == "tahunan" else [1, 2, 3, 4]
        cells = [(own.get(q), link(page, urls.quarter_page(year, q)) + f"#{sop.id}") for q in quarters]
        matrix.append((sop, link(page, urls.sop_page(sop.id)), cells))
    rates = [on_time_rate(_items_in_quarter(items, year, q)) for q in range(1, 5)]
    labels = [f"TW{q}" for q in range(1, 5)]
    return render(
        "tahun.md.j2",
        year=year,
        matrix=matrix,
        counts=Counter(i.status for i in mine),
        statuses=list(Status),
        quarters=[(f"Triwulan {ROMAN[q - 1]}", link(page, urls.quarter_page(year, q)), rates[q - 1]) for q in range(1, 5)],
        chart=on_time_chart(f"Ketepatan waktu {year}", labels, [r or 0 for r in rates]),
        today=today,
        example=any(i.record and i.record.spec.example for i in mine),
    )
