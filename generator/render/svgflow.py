"""The official SOP-AP flowchart table as inline SVG, drawn by the generator (no JavaScript).

Rows are steps; columns are No, Kegiatan, one column per actor, Kelengkapan, Waktu,
Output and Keterangan. Each step's symbol sits in its actor's column: a terminator
for the first and last step, a rectangle for a process, a diamond for a decision.
Arrows run orthogonally between consecutive symbols; a `Tidak` branch leaves the
diamond sideways into a channel at the right edge of the actor columns and re-enters
its target row from the right, so it crosses no symbol. A long procedure is split
into pages joined by off-page connectors (pentagons with a letter). Every number is
an integer, so the same SOP gives the same bytes.
"""

from __future__ import annotations

import html
import itertools
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.manual.model import Role, Sop, Step
from generator.render import urls

FONT = 11
LINE = 14
CHAR = 7  # generous average width of one character at FONT, for wrapping
PAD = 6
HEADER = 3 * LINE + 2 * PAD + LINE  # the lower half holds a two-line role name
SYMBOL_W, SYMBOL_H, DIAMOND_H = 56, 26, 40
CHANNEL = 6  # distance between parallel back-edge channels
STRIP = 34  # room above/below the rows of a continued page for off-page connectors
# Printed at the width of an A4 landscape sheet (281 x 194 mm inside the margins),
# a page holds this fraction of the drawing's width in height.
PAGE_RATIO = 194 / 281

COLUMNS = (("No", 30), ("Kegiatan", 230))
MUTU = (("Kelengkapan", 100), ("Waktu", 70), ("Output", 100), ("Keterangan", 120))
ACTOR_W = 84


@dataclass(frozen=True)
class Cell:
    x: int
    w: int


@dataclass(frozen=True)
class Layout:
    actors: list[str]
    cells: dict[str, Cell]  # column name -> cell; actor columns keyed "actor:<id>"
    width: int


def _layout(sop: Sop) -> Layout:
    cells: dict[str, Cell] = {}
    x = 0
    for name, w in COLUMNS:
        cells[name] = Cell(x, w)
        x += w
    for actor in sop.spec.actors:
        cells[f"actor:{actor}"] = Cell(x, ACTOR_W)
        x += ACTOR_W
    for name, w in MUTU:
        cells[name] = Cell(x, w)
        x += w
    return Layout(list(sop.spec.actors), cells, x)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), max(4, (width - 2 * PAD) // CHAR), break_long_words=True) or [""]


def _text(x: int, y: int, lines: list[str], anchor: str = "start", weight: str = "") -> str:
    style = ' font-weight="bold"' if weight else ""
    spans = "".join(
        f'<tspan x="{x}" dy="{LINE if i else 0}">{html.escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}"{style}>{spans}</text>'


def _cell_texts(step: Step, time_text: str, flow: str, note: str | None) -> dict[str, str]:
    notes = " ".join(part for part in (note or "", flow) if part)
    return {"No": str(step.number), "Kegiatan": step.activity, "Kelengkapan": step.inputs or "–",
            "Waktu": time_text or "–", "Output": step.output or "–", "Keterangan": notes}


@dataclass(frozen=True)
class Row:
    step: Step
    texts: dict[str, list[str]]
    height: int


def branches(step: Step, is_last: bool) -> str:
    """Where a decision leads, both ways ("Ya: langkah 6. Tidak: kembali ke langkah 4."); "" for other steps.

    The form's Keterangan and the HTML procedure table say it in the same words.
    """
    decision = step.decision
    if decision is None:
        return ""
    yes = f"langkah {decision.yes}" if decision.yes is not None else ("selesai" if is_last else f"langkah {step.number + 1}")
    if decision.no is None:
        return f"Ya: {yes}."
    back = "kembali ke " if decision.no < step.number else ""
    return f"Ya: {yes}. Tidak: {back}langkah {decision.no}."


def _rows(sop: Sop, layout: Layout) -> list[Row]:
    rows = []
    steps = sop.spec.steps
    for step, duration in zip(steps, sop.durations, strict=True):
        flow = branches(step, step is steps[-1])
        texts = {name: _wrap(text, layout.cells[name].w) for name, text in _cell_texts(step, duration.text, flow, step.note).items()}
        lines = max(len(t) for t in texts.values())
        rows.append(Row(step, texts, max(lines * LINE + 2 * PAD, DIAMOND_H + 2 * PAD + 8)))
    return rows


def _pages(rows: list[Row], capacity: int) -> list[list[Row]]:
    pages: list[list[Row]] = [[]]
    used = 0
    for row in rows:
        if pages[-1] and used + row.height > capacity:
            pages.append([])
            used = 0
        pages[-1].append(row)
        used += row.height
    return pages


def _header(layout: Layout, roles: Mapping[str, Role]) -> list[str]:
    parts = ['<g class="kepala">']
    first_actor = layout.cells[f"actor:{layout.actors[0]}"]
    actors_w = ACTOR_W * len(layout.actors)
    first_mutu = layout.cells["Kelengkapan"]
    mutu_w = sum(w for _, w in MUTU[:3])
    half = HEADER // 2
    parts.append(f'<rect x="0" y="0" width="{layout.width}" height="{HEADER}" class="latar-kepala"/>')
    for name in ("No", "Kegiatan", "Keterangan"):
        cell = layout.cells[name]
        parts.append(f'<rect x="{cell.x}" y="0" width="{cell.w}" height="{HEADER}"/>')
        parts.append(_text(cell.x + cell.w // 2, HEADER // 2 + 4, [name], "middle", "bold"))
    parts.append(f'<rect x="{first_actor.x}" y="0" width="{actors_w}" height="{half}"/>')
    parts.append(_text(first_actor.x + actors_w // 2, half // 2 + 4, ["Pelaksana"], "middle", "bold"))
    parts.append(f'<rect x="{first_mutu.x}" y="0" width="{mutu_w}" height="{half}"/>')
    parts.append(_text(first_mutu.x + mutu_w // 2, half // 2 + 4, ["Mutu Baku"], "middle", "bold"))
    for actor in layout.actors:
        cell = layout.cells[f"actor:{actor}"]
        lines = _wrap(roles[actor].abbreviation, cell.w)[:2]
        parts.append(f'<rect x="{cell.x}" y="{half}" width="{cell.w}" height="{HEADER - half}"/>')
        parts.append(_text(cell.x + cell.w // 2, half + 14, lines, "middle", "bold"))
    for name, _ in MUTU[:3]:
        cell = layout.cells[name]
        parts.append(f'<rect x="{cell.x}" y="{half}" width="{cell.w}" height="{HEADER - half}"/>')
        parts.append(_text(cell.x + cell.w // 2, half + 18, [name], "middle", "bold"))
    parts.append("</g>")
    return parts


@dataclass(frozen=True)
class Placed:
    cx: int
    top: int
    bottom: int
    half_w: int
    cy: int


def _symbol(step: Step, shape: str, cx: int, cy: int) -> tuple[str, Placed]:
    label = str(step.number)
    if shape == "keputusan":
        h, w = DIAMOND_H // 2, SYMBOL_W // 2
        path = f'<polygon points="{cx},{cy - h} {cx + w},{cy} {cx},{cy + h} {cx - w},{cy}" class="simbol keputusan"/>'
        return path + _text(cx, cy + 4, [label], "middle"), Placed(cx, cy - h, cy + h, w, cy)
    h, w = SYMBOL_H // 2, SYMBOL_W // 2
    radius = h if shape == "terminator" else 0
    rect = f'<rect x="{cx - w}" y="{cy - h}" width="{SYMBOL_W}" height="{SYMBOL_H}" rx="{radius}" class="simbol {shape}"/>'
    return rect + _text(cx, cy + 4, [label], "middle"), Placed(cx, cy - h, cy + h, w, cy)


def _shape(step: Step, index: int, count: int, k: int) -> str:
    """The k-th symbol of a row: the procedure's first and last symbols are terminators."""
    if step.decision is not None:
        return "keputusan"
    first = index == 0 and k == 0
    last = index == count - 1 and k == len(step.actors) - 1
    return "terminator" if first or last else "proses"


def _along_row(row: list[Placed], decision: bool) -> list[str]:
    """Arrows between the symbols of one row, in the listed order ("Ya" between diamonds)."""
    parts = []
    for a, b in itertools.pairwise(row):
        start, end = (a.cx + a.half_w, b.cx - b.half_w - 1) if b.cx > a.cx else (a.cx - a.half_w, b.cx + b.half_w + 1)
        parts.append(_arrow([(start, a.cy), (end, b.cy)], "Ya" if decision else None, (min(start, end) + 4, a.cy - 4)))
    return parts


def _arrow(points: list[tuple[int, int]], label: str | None = None, at: tuple[int, int] | None = None) -> str:
    d = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in enumerate(points))
    out = f'<path d="{d}" class="panah" marker-end="url(#ujung)"/>'
    if label and at:
        out += _text(at[0], at[1], [label], "start")
    return out


def _connector(cx: int, top: int, letter: str, pointing_down: bool = True) -> str:
    """Off-page connector: a pentagon pointing down, with its letter."""
    w, h = 14, 20
    tip = top + h if pointing_down else top
    base = top if pointing_down else top + h
    mid = top + (h * 2) // 3 if pointing_down else top + h // 3
    points = f"{cx - w},{base} {cx + w},{base} {cx + w},{mid} {cx},{tip} {cx - w},{mid}"
    return f'<polygon points="{points}" class="simbol konektor"/>' + _text(cx, top + 12, [letter], "middle", "bold")


def flowchart_pages(sop: Sop, roles: Mapping[str, Role]) -> list[str]:
    """One SVG per printed page, each with the header row."""
    layout = _layout(sop)
    rows = _rows(sop, layout)
    pages = _pages(rows, int(layout.width * PAGE_RATIO) - HEADER - 2 * STRIP)
    page_of = {row.step.number: i for i, page in enumerate(pages) for row in page}
    count = len(rows)
    index_of = {row.step.number: i for i, row in enumerate(rows)}
    placed: dict[int, Placed] = {}  # a row's first symbol: where arrows into the step arrive
    leaving: dict[int, Placed] = {}  # a row's last symbol: where the flow leaves the step
    in_row: dict[int, list[Placed]] = {}
    geometry: dict[int, int] = {}
    svgs_parts: list[list[str]] = []
    heights: list[int] = []
    actors_right = layout.cells[f"actor:{layout.actors[-1]}"].x + ACTOR_W
    letters = connector_labels()
    rows_end: list[int] = []
    for number, page_rows in enumerate(pages):
        y = HEADER + (STRIP if number > 0 else 0)
        parts = _header(layout, roles)
        for row in page_rows:
            step = row.step
            parts.append(f'<g class="baris" id="svg-{urls.step_anchor(step.number)}">')
            for name, cell in layout.cells.items():
                parts.append(f'<rect x="{cell.x}" y="{y}" width="{cell.w}" height="{row.height}"/>')
                if name in row.texts:
                    anchor, tx = ("middle", cell.x + cell.w // 2) if name in ("No", "Waktu") else ("start", cell.x + PAD)
                    parts.append(_text(tx, y + PAD + FONT, row.texts[name], anchor))
            spots = []
            for k, actor in enumerate(step.actors):
                cell = layout.cells[f"actor:{actor}"]
                shape = _shape(step, index_of[step.number], count, k)
                drawing, spot = _symbol(step, shape, cell.x + cell.w // 2, y + row.height // 2)
                parts.append(drawing)
                spots.append(spot)
            parts.extend(_along_row(spots, step.decision is not None))
            parts.append("</g>")
            placed[step.number], leaving[step.number], in_row[step.number] = spots[0], spots[-1], spots
            geometry[step.number] = y
            y += row.height
        svgs_parts.append(parts)
        rows_end.append(y)
        heights.append(y + (STRIP if number < len(pages) - 1 else 0))
    back = 0
    for i, row in enumerate(rows):
        step = row.step
        here = leaving[step.number]
        page = page_of[step.number]
        parts = svgs_parts[page]
        is_last = i == count - 1
        nxt = rows[i + 1].step.number if not is_last else None
        yes = step.decision.yes if step.decision and step.decision.yes is not None else nxt
        label = "Ya" if step.decision else None
        if yes is not None:
            there = placed[yes]
            if page_of[yes] == page:
                # The horizontal run sits just above the target symbol, clear of the row border.
                mid = there.top - 10 if there.top - 10 > here.bottom else here.bottom + 8
                points = [(here.cx, here.bottom), (here.cx, mid), (there.cx, mid), (there.cx, there.top - 1)]
                if here.cx == there.cx:
                    points = [(here.cx, here.bottom), (there.cx, there.top - 1)]
                parts.append(_arrow(points, label, (here.cx + 4, here.bottom + 12)))
            else:
                letter = next(letters)
                strip_top = rows_end[page] + 6
                parts.append(_arrow([(here.cx, here.bottom), (here.cx, strip_top)], label, (here.cx + 4, here.bottom + 12)))
                parts.append(_connector(here.cx, strip_top, letter))
                target_parts = svgs_parts[page_of[yes]]
                target_parts.append(_connector(there.cx, HEADER + 4, letter))
                target_parts.append(_arrow([(there.cx, HEADER + 24), (there.cx, there.top - 1)]))
        elif step.decision is not None and is_last:
            parts.append(_arrow([(here.cx, here.bottom), (here.cx, here.bottom + 12)], "Ya (selesai)", (here.cx + 4, here.bottom + 10)))
        if step.decision is not None and step.decision.no is not None:
            target = step.decision.no
            there = placed[target]
            channel = actors_right - 8 - CHANNEL * (back % 6)
            back += 1
            rightmost = max(in_row[step.number], key=lambda p: p.cx)
            for k, other in enumerate(sorted(in_row[step.number], key=lambda p: p.cx)[:-1]):
                # Diamonds left of the row's rightmost leave from below, under their neighbours, to the channel.
                drop = other.bottom + 4 + 3 * k
                parts.append(_arrow([(other.cx, other.bottom), (other.cx, drop), (channel, drop), (channel, here.cy)], "Tidak", (other.cx + 4, drop - 2)))
            here = rightmost
            if page_of[target] == page:
                points = [(here.cx + here.half_w, here.cy), (channel, here.cy), (channel, there.cy), (there.cx + there.half_w + 1, there.cy)]
                parts.append(_arrow(points, "Tidak", (here.cx + here.half_w + 2, here.cy - 4)))
            else:
                letter = next(letters)
                parts.append(_arrow([(here.cx + here.half_w, here.cy), (channel - 16, here.cy)], "Tidak", (here.cx + here.half_w + 2, here.cy - 4)))
                parts.append(_connector(channel - 2, here.cy - 10, letter))
                svgs_parts[page_of[target]].append(_connector(channel - 2, there.cy - 10, letter))
                svgs_parts[page_of[target]].append(_arrow([(channel - 16, there.cy), (there.cx + there.half_w + 1, there.cy)]))
    return [_svg(sop, layout, parts, heights[n], n + 1, len(pages)) for n, parts in enumerate(svgs_parts)]


def connector_labels() -> Iterator[str]:
    """A, B, ... Z, AA, AB, ...: a long procedure can need more off-page connectors than letters."""
    for count in itertools.count(1):
        label = ""
        while count:
            count, rest = divmod(count - 1, 26)
            label = chr(ord("A") + rest) + label
        yield label


def _svg(sop: Sop, layout: Layout, parts: list[str], height: int, number: int, total: int) -> str:
    body = "".join(parts)
    title = html.escape(f"Bagan alir {sop.spec.name}, halaman {number} dari {total}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sop-flowchart" viewBox="0 0 {layout.width} {height + 1}" '
        f'width="{layout.width}" height="{height + 1}" role="img" aria-label="{title}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="{FONT}">'
        f"<title>{title}</title>"
        '<defs><marker id="ujung" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker></defs>'
        '<style>rect{fill:none;stroke:#555;stroke-width:1}.latar-kepala{fill:#eee}.simbol{fill:#fff;stroke:#000;stroke-width:1.5}'
        '.keputusan{fill:#fff8e1}.konektor{fill:#fff}.panah{fill:none;stroke:#000;stroke-width:1.2}text{fill:#000}</style>'
        f"{body}</svg>"
    )
