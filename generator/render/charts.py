"""Mermaid charts for the progress pages: the step timeline (gantt) and on-time rates (xychart); and for the
performance pages: target against realisation, and capaian per indicator (xychart)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

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


# --- Performance (SAKIP) charts: labels and titles are made by the generator; units pass through safe_name ---

# A performance chart is smaller than Mermaid's 700 x 500: a quarter page draws one per indicator. The theme's
# palette draws bars a pale lavender and the line grey; bars blue and the line dark red tell the two apart.
XY_HEAD = [
    "---", "config:", "  xyChart:", "    width: 640", "    height: 320",
    "  themeVariables:", "    xyChart:", '      plotColorPalette: "#7aa6dc, #b71c1c"', "---", "xychart-beta",
]


def _figure(value: Decimal) -> str:
    """A figure as Mermaid reads it: a plain decimal with a point."""
    return format(value.normalize(), "f")  # 101.20 -> 101.2, 100 -> 100


def _x_axis(labels: list[str]) -> str:
    """Quoted categories ("TW1 2025" has a space); the labels are the generator's own, never data."""
    return "  x-axis [" + ", ".join(f'"{label}"' for label in labels) + "]"


def _top(values: list[Decimal], floor: Decimal) -> Decimal:
    """The y axis' end: a tenth above the highest value, a whole number, never below `floor`."""
    return max(floor, (max(values, default=floor) * Decimal("1.1")).to_integral_value(rounding=ROUND_CEILING))


def target_chart(title: str, labels: list[str], targets: list[Decimal], values: list[Decimal], unit: str) -> str:
    """Target (bars) against realisation (line) of one indicator, one point per quarter."""
    top = _top(targets + values, Decimal(1))
    bottom = min([Decimal(0), *targets, *values])
    return "\n".join([
        *XY_HEAD,
        f'  title "{title}"',
        _x_axis(labels),
        f'  y-axis "{safe_name(unit, 30)}" {_figure(bottom)} --> {_figure(top)}',
        f"  bar [{', '.join(_figure(t) for t in targets)}]",
        f"  line [{', '.join(_figure(v) for v in values)}]",
    ]) + "\n"


def capaian_chart(title: str, labels: list[str], percents: list[Decimal]) -> str:
    """Capaian per indicator (bars) against the 100% of its target (line)."""
    top = _top(percents, Decimal(120))
    bottom = min([Decimal(0), *percents]).to_integral_value(rounding=ROUND_FLOOR)
    return "\n".join([
        *XY_HEAD,
        f'  title "{title}"',
        _x_axis(labels),
        f'  y-axis "Capaian (%)" {_figure(bottom)} --> {_figure(top)}',
        f"  bar [{', '.join(_figure(p) for p in percents)}]",
        f"  line [{', '.join('100' for _ in percents)}]",
    ]) + "\n"
