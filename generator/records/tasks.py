"""What comes next, for staff: the open step of every period under way, and each role's share of them ("tugas saya")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from generator.manual.model import Manual, Step
from generator.records.replay import progress
from generator.records.status import PeriodStatus, Status

CLOSED = (Status.DONE, Status.DONE_LATE, Status.CANCELLED)


@dataclass(frozen=True)
class OpenStep:
    """The step of one period (or insidental run) that is being done, or is due next."""

    item: PeriodStatus
    step: Step  # a step of the version the period is judged by (`item.sop`)
    running: bool  # started and not finished; else not begun yet
    overdue: bool  # the period is past its due date, unfinished

    @property
    def state(self) -> str:
        return "berjalan" if self.running else "belum"


def open_step(item: PeriodStatus) -> OpenStep | None:
    """The step running or due next in `item`; None once the period is finished or cancelled.

    A period without a record, or whose record has no started step, is due at its first step.
    """
    if item.status in CLOSED:
        return None
    steps = item.sop.spec.steps
    overdue = item.status is Status.LATE
    if item.record is None:
        return OpenStep(item, steps[0], False, overdue)
    where = progress(item.record)
    if where.next is None:
        return None
    step = next(s for s in steps if s.number == where.next)
    return OpenStep(item, step, where.running, overdue)


def is_under_way(item: PeriodStatus, today: date) -> bool:
    """The period has begun by `today`, or its record already has a started step (work may start early)."""
    return item.period.start <= today or bool(item.record and item.record.started)


def open_steps(items: Iterable[PeriodStatus], today: date) -> list[OpenStep]:
    """The open step of each period under way on `today`: overdue ones first, then by due date.

    Earlier periods stay in the list as long as they are unfinished; within equal urgency the order of `items` is
    kept (years, then the manual's order, then insidental runs by date).
    """
    found = [step for item in items if is_under_way(item, today) and (step := open_step(item)) is not None]
    return sorted(found, key=lambda o: (not o.overdue, o.item.due or date.max))


def tasks_by_role(manual: Manual, steps: Iterable[OpenStep]) -> dict[str, list[OpenStep]]:
    """Role page key -> the open steps that role performs, in the order of `steps`.

    A step with several actors is each actor's task; two column names of one office (`sama_dengan`) share one page,
    where the step is listed once.
    """
    tasks: dict[str, list[OpenStep]] = {}
    for item in steps:
        agency = manual.agency(item.item.sop.agency_id)
        for key in dict.fromkeys(agency.key("jabatan", actor) for actor in item.step.actors):
            tasks.setdefault(key, []).append(item)
    return tasks
