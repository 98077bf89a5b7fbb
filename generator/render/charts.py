"""Mermaid charts for the progress pages: the step timeline (gantt) and on-time rates (xychart)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from generator.manual.model import Role
from generator.records.model import Record
from generator.records.moments import Moment

# Gantt task names cannot be quoted or entity-escaped, so they keep only harmless characters.
_UNSAFE = re.compile(r"[^\w .,()/-]+", re.UNICODE)


def safe_name(text: str, width: int = 48) -> str:
    cleaned = " ".join(_UNSAFE.sub(" ", text).split())
    return (cleaned[: width - 1] + "…") if len(cleaned) > width else (cleaned or "-")


def _stamp(moment: Moment, end: bool) -> str:
    if moment.has_time:
        return f"{moment.value:%Y-%m-%d %H:%M}"
    return f"{moment.day:%Y-%m-%d} {'16:00' if end else '08:00'}"


def gantt(record: Record, roles: Mapping[str, Role], today: date) -> str:
    """The actual timeline of a record, one section per actor, revision rounds as repeated bars.

    Each actor's bars are grouped under one section, in order of first appearance: Mermaid labels a
    section name once, so a name repeated further down would put the label beside the wrong bars.
    """
    steps = {s.number: s for s in record.sop.spec.steps}
    sections: dict[str, list[str]] = {}
    for index, execution in enumerate(record.started):
        assert execution.start is not None
        step = steps[execution.step]
        section = safe_name(" / ".join(roles[actor].abbreviation for actor in step.actors), 30)
        name = safe_name(f"{step.number}. {step.activity}")
        tag = "crit, " if execution.outcome == "tidak" else ("done, " if execution.end else "active, ")
        end = _stamp(execution.end, True) if execution.end else f"{today:%Y-%m-%d} 16:00"
        sections.setdefault(section, []).append(f"  {name} :{tag}t{index}, {_stamp(execution.start, False)}, {end}")
    lines = ["gantt", "  dateFormat YYYY-MM-DD HH:mm", "  axisFormat %d/%m", "  todayMarker off"]
    for section, bars in sections.items():
        lines += [f"  section {section}", *bars]
    return "\n".join(lines) + "\n"


def on_time_chart(title: str, labels: list[str], rates: list[int]) -> str:
    """A bar chart of on-time percentages; labels come from the generator, never from data."""
    return "\n".join(
        [
            "xychart-beta",
            f'  title "{title}"',
            f"  x-axis [{', '.join(labels)}]",
            '  y-axis "Tepat waktu (%)" 0 --> 100',
            f"  bar [{', '.join(str(r) for r in rates)}]",
        ]
    ) + "\n"
