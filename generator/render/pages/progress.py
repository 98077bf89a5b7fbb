"""Progress pages: a year (SOP x quarter matrix, on-time rate), a quarter (what is due, and the insidental runs),
one record (details)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from generator.data.dates import MONTHS, format_date
from generator.manual.durations import format_minutes
from generator.manual.model import Manual, Role, Sop, Step, Unit
from generator.records.model import Execution, ProducedDocument, Record
from generator.records.newrecord import new_record_text, record_path
from generator.records.replay import progress
from generator.records.moments import working_minutes
from generator.records.periods import ROMAN, Period, run_number
from generator.records.status import PeriodStatus, RunCount, Status, count_runs, run_working_days
from generator.records.tasks import OpenStep
from generator.render import urls
from generator.render.escape import shortened
from generator.render.forge import Forge, NewFileLink
from generator.render.charts import gantt, on_time_chart
from generator.render.gather import QUARTERS
from generator.render.templating import render
from generator.render.versionlist import VersionRow
from generator.trail.approval import Trail

INSIDENTAL = "insidental"


FAR_OVER = 2  # a step that takes more than this many times its Mutu Baku is flagged on the record page

@dataclass(frozen=True)
class StepRow:
    execution: Execution
    activity: str
    role: str
    actual: str
    standard: str  # the Mutu Baku time, or "–" when the step has none
    standard_note: str | None  # the written time when it is not a standard ("Tentatif sesuai peraturan")
    over: bool
    far_over: bool  # more than twice the Mutu Baku: the step is flagged, not only marked


@dataclass(frozen=True)
class StatusCount:
    """One status chip: how many items have this status."""

    status: Status
    count: int


@dataclass(frozen=True)
class NextCell:
    """A running period's next step on a quarter page: the activity cut short (the record page has it whole)."""

    number: int
    activity: str
    roles: str
    running: bool


NEXT_ACTIVITY_CHARS = 60  # a quarter table's cell; longer activities are cut at a word


@dataclass(frozen=True)
class NewRecordButton:
    """A due period without a record: the forge's new-file editor, filled with what `sopgen new-record` writes."""

    forge: str  # the forge's name ("GitHub")
    link: NewFileLink
    command: str  # the `sopgen new-record` line that writes the same file, for when the text is left out


@dataclass(frozen=True)
class DueRow:
    item: PeriodStatus
    anchor: str
    sop_href: str
    record_href: str | None
    next: NextCell | None  # the running period's next step
    new_record: NewRecordButton | None = None


@dataclass(frozen=True)
class RunLink:
    """One insidental run on a quarter page: its record page and status."""

    label: str
    href: str
    item: PeriodStatus
    next: NextCell | None  # the running run's next step


@dataclass(frozen=True)
class RunRow:
    """One insidental SOP on a quarter page: its runs counted and listed."""

    sop: Sop
    anchor: str
    sop_href: str
    count: RunCount
    runs: list[RunLink]


@dataclass(frozen=True)
class UnitDue:
    unit: Unit
    agency: str | None  # the agency's abbreviation when the manual holds several (every agency has a `sekretariat`)
    rows: list[DueRow]
    runs: list[RunRow]


def _agency_name(manual: Manual, unit: Unit) -> str | None:
    return manual.agency(unit.agency_id).spec.abbreviation if len(manual.agencies) > 1 else None


@dataclass(frozen=True)
class Mark:
    """One period's status in a matrix cell; `label` names the period when the cell holds several or spans quarters."""

    label: str | None
    item: PeriodStatus
    href: str


@dataclass(frozen=True)
class Cell:
    """A matrix cell spanning `span` quarter columns: scheduled statuses (`marks`) or counted runs (`runs`)."""

    span: int
    marks: list[Mark]
    runs: RunCount | None
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


def _total_runs(items: list[PeriodStatus]) -> RunCount | None:
    """All runs among `items` in one count; None when there are none."""
    counts = list(count_runs(items).values())
    if not counts:
        return None
    return RunCount(*(sum(getattr(c, name) for c in counts) for name in ("done", "on_time", "late", "running", "cancelled")))


def run_label(record: Record) -> str:
    """A run as readers name it: its date, and which run of that day when not the first."""
    assert record.period.day is not None
    number = run_number(record.source.rsplit("/", 1)[-1].removesuffix(".yaml"))
    return format_date(record.period.day) + (f" (ke-{number})" if number > 1 else "")


def period_label(item: PeriodStatus) -> str:
    """The period of a status as readers name it; an insidental run by its date ("Pelaksanaan 4 Maret 2026 (ke-2)")."""
    if item.is_run and item.record is not None:
        return f"Pelaksanaan {run_label(item.record)}"
    return item.period.label


def _row_anchor(sop: Sop, period: Period | None = None) -> str:
    """A row's id on a quarter page: the SOP id, as each SOP has one row there, except a month's row.

    Ids never hold `--` (manual.model.SLUG), so `<id-sop>--b03` cannot be another SOP's id.
    """
    return f"{sop.id}--{period.folder.lower()}" if period is not None and period.month is not None else sop.id


def _rows(item: PeriodStatus, manual: Manual) -> list[StepRow]:
    assert item.record is not None
    roles = manual.catalogue_of(item.sop).roles
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
                role=" / ".join(roles[actor].abbreviation for actor in step.actors),
                actual=format_minutes(spent) if spent is not None else "berjalan",
                standard=duration.text if duration.standard else "–",
                standard_note=duration.text if not duration.standard and duration.text else None,
                # A step without a standard time cannot overrun it.
                over=spent is not None and duration.standard and spent > duration.minutes,
                far_over=spent is not None and duration.standard and spent > FAR_OVER * duration.minutes,
            )
        )
    return rows


@dataclass(frozen=True)
class PlanRow:
    """One step of the record's SOP version, with where the record stands on it."""

    number: int
    activity: str
    roles: str
    state: str
    href: str


def abbreviations(roles: dict[str, Role], step: Step) -> str:
    """Who performs `step`, as the form's column titles: "Kasubag / Kabid"."""
    return " / ".join(roles[actor].abbreviation for actor in step.actors)


def _plan(manual: Manual, record: Record, page: str, link: urls.Linker) -> tuple[list[PlanRow], PlanRow | None, bool]:
    """Every step of the version with its state; the next step (None when ended or cancelled); whether it has begun."""
    where = progress(record)
    roles = manual.catalogue_of(record.sop).roles
    rows = [
        PlanRow(step.number, step.activity, abbreviations(roles, step), where.states[step.number],
                link(page, urls.step_link(record.sop.id, step.number)))
        for step in record.sop.spec.steps
    ]
    upcoming = None if record.cancelled or where.next is None else rows[where.next - 1]
    return rows, upcoming, where.running


@dataclass(frozen=True)
class DocumentLink:
    """A document a record produced, with a link to its attachment (or to its `tautan`) when it has one."""

    document: ProducedDocument
    href: str | None


def _documents(record: Record, page: str, link: urls.Linker) -> list[DocumentLink]:
    # Attachments are copied into the site under their repository path (render.site.attachments).
    return [
        DocumentLink(d, link.asset(page, d.file) if d.file else d.url)
        for execution in record.spec.executions
        for d in execution.documents
    ]


def render_record(
    manual: Manual, item: PeriodStatus, today: date, link: urls.Linker, trail: Trail, version: VersionRow | None = None,
    forge: Forge | None = None,
) -> str:
    """`version`: the SOP version the record is judged by, linked from the page; `forge`: where the record file
    can be edited on the web (None: no button)."""
    record = item.record
    assert record is not None
    page = urls.record_url(record)
    period = record.period
    plan, upcoming, running = _plan(manual, record, page, link)
    return render(
        "rekaman.md.j2",
        item=item,
        record=record,
        period_label=period_label(item),
        run_rule=_run_rule(record.sop) if item.is_run else None,
        rows=_rows(item, manual),
        plan=plan,
        upcoming=upcoming,
        running=running,
        chart=gantt(record, manual.catalogue_of(record.sop).roles, today) if record.started else None,
        documents=_documents(record, page, link),
        trail=trail,
        today=today,
        example=record.spec.example,
        sop_href=link(page, urls.sop_page(record.sop.id)),
        version=version,
        version_href=link(page, version.page) if version else None,
        quarter_href=link(page, urls.quarter_page(period.year, period.quarter_of_due())),
        forge=forge.name if forge else None,
        edit_href=forge.edit_url(record.source) if forge else None,
    )


def _run_rule(sop: Sop) -> str:
    """How a run's due date is found, in the SOP's own numbers."""
    total = sop.total
    days = run_working_days(sop)
    if days is None:
        return "SOP ini tidak mempunyai waktu baku, sehingga pelaksanaannya tidak mempunyai batas waktu."
    minutes = f"{round(total.high):,}".replace(",", ".")
    rule = (
        f"batas waktu adalah tanggal pelaksanaan ditambah waktu Mutu Baku paling lama, {format_minutes(total.high)} "
        f"({minutes} menit kerja), dibulatkan menjadi {days} hari kerja Senin–Jumat (tanggal pelaksanaan hari pertama)"
    )
    if sop.spec.grace_days:
        rule += f", lalu ditambah tenggat {sop.spec.grace_days} hari"
    if total.unset:
        rule += f"; {total.unset} langkah tanpa waktu baku tidak dihitung"
    return f"Pelaksanaan insidental: {rule}."


def _next_cell(manual: Manual, item: PeriodStatus, next_steps: dict[str, OpenStep]) -> NextCell | None:
    """The next step of a running period (started, not finished); None for any other."""
    if item.record is None or not item.record.started:
        return None
    opened = next_steps.get(item.record.source)
    if opened is None:
        return None
    step = opened.step
    roles = abbreviations(manual.catalogue_of(item.sop).roles, step)
    return NextCell(step.number, shortened(step.activity, NEXT_ACTIVITY_CHARS), roles, opened.running)


def _new_record_button(manual: Manual, item: PeriodStatus, today: date, forge: Forge | None) -> NewRecordButton | None:
    """For a due period without a record that has begun (`sopgen new-record` refuses one that has not): the new-file
    editor filled with that command's file, for the SOP version in force when the period began (`item.sop`)."""
    if forge is None or item.record is not None or item.is_run or item.period.start > today:
        return None
    path = record_path(item.sop, item.period)
    command = f"sopgen new-record {item.sop.id} {item.period.code}"
    return NewRecordButton(forge.name, forge.new_file_link(path, new_record_text(manual, item.sop, item.period)), command)


def render_quarter(
    manual: Manual, due: list[PeriodStatus], year: int, quarter: int, today: date, link: urls.Linker,
    next_steps: dict[str, OpenStep], performance: list[tuple[str, str]] | None = None, forge: Forge | None = None,
) -> str:
    """`due`: the statuses of the periods due in this quarter and of the insidental runs started in it;
    `next_steps`: record file -> its open step (render.gather), shown for the running periods;
    `performance`: (agency abbreviation, page) of each agency's Pengukuran Kinerja of this quarter;
    `forge`: where a missing record can be written on the web (None: no buttons)."""
    page = urls.quarter_page(year, quarter)
    scheduled = [i for i in due if not i.is_run]
    rows: dict[str, list[DueRow]] = {}
    for item in scheduled:
        record_href = link(page, urls.record_url(item.record)) if item.record else None
        anchor = _row_anchor(item.sop, item.period)
        rows.setdefault(item.sop.unit_key, []).append(
            DueRow(item, anchor, link(page, urls.sop_page(item.sop.id)), record_href, _next_cell(manual, item, next_steps),
                   _new_record_button(manual, item, today, forge))
        )
    runs: dict[str, list[RunRow]] = {}
    for own in _runs_by_sop(due).values():
        sop = own[0].sop
        links = [
            RunLink(run_label(i.record), link(page, urls.record_url(i.record)), i, _next_cell(manual, i, next_steps))
            for i in own if i.record
        ]
        count = count_runs(own).get((year, quarter), RunCount())
        runs.setdefault(sop.unit_key, []).append(
            RunRow(sop, _row_anchor(sop), link(page, urls.sop_page(sop.id)), count, links)
        )
    return render(
        "triwulan.md.j2",
        title=f"Triwulan {ROMAN[quarter - 1]} {year}",
        units=[
            UnitDue(unit, _agency_name(manual, unit), rows.get(unit.key, []), runs.get(unit.key, []))
            for unit in manual.units
            if unit.key in rows or unit.key in runs
        ],
        counts=status_counts(scheduled),
        run_total=_total_runs(due),
        today=today,
        example=any(i.record and i.record.spec.example for i in due),
        year_href=link(page, urls.year_page(year)),
        performance=[(name, link(page, target)) for name, target in performance or []],
    )


def _runs_by_sop(items: list[PeriodStatus]) -> dict[str, list[PeriodStatus]]:
    """SOP id -> its runs among `items`, in manual order of first appearance."""
    found: dict[str, list[PeriodStatus]] = {}
    for item in items:
        if item.is_run:
            found.setdefault(item.sop.id, []).append(item)
    return found


def _matrix(manual: Manual, items: list[PeriodStatus], year: int, page: str, link: urls.Linker) -> list[MatrixRow]:
    by_sop: dict[str, list[PeriodStatus]] = {}
    for item in items:
        by_sop.setdefault(item.sop.id, []).append(item)
    matrix = []
    for sop in manual.sops:
        own = by_sop.get(sop.id, [])
        cadence = sop.spec.cadence
        if cadence == INSIDENTAL:
            # Listed while in force even without runs: "no run this year" is worth seeing.
            if not own and sop.spec.effective.first.year > year:
                continue
            counts = count_runs(own)
            cells = [
                Cell(1, [], counts.get((year, q)), link(page, f"{urls.quarter_page(year, q)}#{_row_anchor(sop)}"))
                for q in QUARTERS
            ]
        elif not own:
            continue
        else:
            cells = _scheduled_cells(own, year, page, link)
        matrix.append(MatrixRow(sop, link(page, urls.sop_page(sop.id)), cells))
    return matrix


def _scheduled_cells(own: list[PeriodStatus], year: int, page: str, link: urls.Linker) -> list[Cell]:
    """Months and quarters sit in their quarter's column; a semester spans two columns, a year all four."""
    cadence = own[0].sop.spec.cadence
    span = {"semesteran": 2, "tahunan": 4}.get(cadence, 1)
    cells = []
    for first in range(1, 5, span):
        columns = range(first, first + span)
        marks = []
        for item in sorted((i for i in own if i.period.quarter_of_due() in columns), key=lambda i: i.period):
            period = item.period
            if item.record is not None:
                target = urls.record_url(item.record)
            else:
                target = f"{urls.quarter_page(year, period.quarter_of_due())}#{_row_anchor(item.sop, period)}"
            marks.append(Mark(_mark_label(item), item, link(page, target)))
        cells.append(Cell(span, marks, None, link(page, urls.quarter_page(year, first + span - 1))))
    return cells


def _mark_label(item: PeriodStatus) -> str | None:
    period = item.period
    if period.month is not None:
        return MONTHS[period.month - 1]
    if period.semester is not None:
        return f"Semester {ROMAN[period.semester - 1]}"
    if period.quarter is None:
        return "Tahunan"
    return None


def render_year(
    manual: Manual, items: list[PeriodStatus], on_time: list[int | None], year: int, today: date, link: urls.Linker
) -> str:
    """`items`: the year's statuses (insidental runs included); `on_time`: each quarter's on-time rate."""
    page = urls.year_page(year)
    return render(
        "tahun.md.j2",
        year=year,
        matrix=_matrix(manual, items, year, page, link),
        counts=status_counts([i for i in items if not i.is_run]),
        run_total=_total_runs(items),
        quarters=[
            QuarterLink(f"Triwulan {ROMAN[q - 1]}", link(page, urls.quarter_page(year, q)), on_time[q - 1]) for q in QUARTERS
        ],
        chart=on_time_chart(f"Ketepatan waktu {year}", [f"TW{q}" for q in QUARTERS], [r or 0 for r in on_time]),
        today=today,
        example=any(i.record and i.record.spec.example for i in items),
    )
