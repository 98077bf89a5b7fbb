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


# Mermaid's gantt draws its rows in the order the tasks are written but labels each section by
# counting its tasks, so labels only line up when a section is one row: each step is a section
# of its own, and `compact` puts a step's repeated executions (revision rounds) on that one row.
GANTT_HEAD = ["gantt", "  dateFormat YYYY-MM-DD HH:mm", "  axisFormat %d/%m", "  todayMarker off"]
# Drawn at a fixed width with 12 px text, scrolled rather than squeezed when the column is narrower
# (mermaid-loader.mjs); Mermaid would otherwise draw it as wide as the window and shrink it to the column.
GANTT_WIDTH, GANTT_FONT_PX = 1000, 12
LABEL_CHAR_PX = 7  # the average width of a section label character at 12 px, with some room


def step_label(number: int, roles: str) -> str:
    """A timeline row's label: "langkah 2 · Kasubag" (the role abbreviations already made safe)."""
    return f"langkah {number} · {roles}"


def gantt(record: Record, roles: Mapping[str, Role], today: date) -> str:
    """The actual timeline of a record: one row per step, in step order, each execution a bar on it."""
    steps = {s.number: s for s in record.sop.spec.steps}
    rows: dict[int, list[str]] = {}
    for index, execution in enumerate(record.started):
        assert execution.start is not None
        step = steps[execution.step]
        tag = "crit, " if execution.outcome == "tidak" else ("done, " if execution.end else "active, ")
        end = _stamp(execution.end, True) if execution.end else f"{today:%Y-%m-%d} 16:00"
        row = rows.setdefault(step.number, [])
        # a repeated execution shares the row: a short name, so that it does not run over the earlier bar
        name = safe_name(step.activity, 40) if not row else f"putaran {len(row) + 1}"
        row.append(f"  {name} :{tag}t{index}, {_stamp(execution.start, False)}, {end}")
    labels = {n: step_label(n, safe_name(" / ".join(roles[a].abbreviation for a in steps[n].actors), 30)) for n in rows}
    left = 20 + LABEL_CHAR_PX * max(len(label) for label in labels.values())
    config = ["    displayMode: compact", f"    leftPadding: {left}", f"    useWidth: {GANTT_WIDTH}",
              f"    fontSize: {GANTT_FONT_PX}", f"    sectionFontSize: {GANTT_FONT_PX}"]
    lines = ["---", "config:", "  gantt:", *config, "---", *GANTT_HEAD]
    for number in sorted(rows):
        lines += [f"  section {labels[number]}", *rows[number]]
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
