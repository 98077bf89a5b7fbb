"""Pemantauan SOP: each SOP's last monitoring note, the SOPs not monitored lately, and every note, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.manual.model import Manual, Sop
from generator.records.monitoring import WINDOW_MONTHS, Monitoring, MonitoringSummary
from generator.render import urls
from generator.render.templating import render


@dataclass(frozen=True)
class SopRow:
    sop: Sop
    anchor: str
    href: str
    agency: str
    last: Monitoring | None
    last_anchor: str | None
    count: int


@dataclass(frozen=True)
class AgencyRows:
    name: str
    rows: list[SopRow]


@dataclass(frozen=True)
class Note:
    monitoring: Monitoring
    anchor: str
    sop_href: str


def _row(manual: Manual, sop: Sop, summary: MonitoringSummary, link: urls.Linker) -> SopRow:
    last = summary.last.get(sop.id)
    return SopRow(
        sop=sop,
        anchor=urls.monitoring_sop_anchor(sop.id),
        href=link(urls.MONITORING, urls.sop_page(sop.id)),
        agency=manual.agency_of(sop).spec.abbreviation,
        last=last,
        last_anchor=urls.monitoring_note_anchor(last.name) if last else None,
        count=summary.count.get(sop.id, 0),
    )


def render_monitoring(
    manual: Manual, summary: MonitoringSummary, in_force: dict[str, Sop], today: date, link: urls.Linker
) -> str:
    """`in_force`: each SOP's version in force on `today`, whose name the page shows."""
    rows = {sop.id: _row(manual, in_force[sop.id], summary, link) for sop in manual.sops}
    return render(
        "pemantauan.md.j2",
        today=today,
        since=summary.since,
        months=WINDOW_MONTHS,
        agencies=[AgencyRows(agency.spec.name, [rows[sop.id] for sop in agency.sops]) for agency in manual.agencies],
        overdue=[rows[sop.id] for sop in summary.overdue],
        notes=[
            Note(m, urls.monitoring_note_anchor(m.name), link(urls.MONITORING, urls.sop_page(m.sop.id)))
            for m in summary.newest_first
        ],
        example=any(m.spec.example for m in summary.newest_first),
    )
