"""The official SOP-AP flowchart table as inline SVG, drawn by the generator (no JavaScript).

Rows are steps; columns are No, Kegiatan, one column per actor, Kelengkapan, Waktu, Output and
Keterangan. Each step's symbol sits in its actor's column: a terminator for the first and last
step, a rectangle for a process, a diamond for a decision. Where everything goes is decided by
`flowlayout` (ports, tracks, pages, labels); this module measures the text and draws. A long
procedure is split into pages joined by off-page connectors (pentagons with a letter).
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping

from generator.manual.model import Role, Sop, Step
from generator.render import urls
from generator.render.flowlayout import Arrow, Columns, Exit, PageLayout, Shape, StepBox, choose_columns, layout_pages
from generator.render.flowlayout import connector_labels as connector_labels
from generator.render.textwidth import wrap

FONT = 11
LINE = 14
PAD = 6
HALF = 26  # the header's upper half: "Pelaksana" and "Mutu Baku"
CENTRED = ("No", "Waktu")


def _text(x: int, y: int, lines: list[str], anchor: str = "start", weight: str = "", cls: str = "") -> str:
    style = ' font-weight="bold"' if weight else ""
    klass = f' class="{cls}"' if cls else ""
    spans = "".join(
        f'<tspan x="{x}" dy="{LINE if i else 0}">{html.escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}"{style}{klass}>{spans}</text>'


def _cell_texts(step: Step, time_text: str, flow: str, note: str | None) -> dict[str, str]:
    notes = " ".join(part for part in (note or "", flow) if part)
    return {"No": str(step.number), "Kegiatan": step.activity, "Kelengkapan": step.inputs or "–",
            "Waktu": time_text or "–", "Output": step.output or "–", "Keterangan": notes}


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



def _kind(step: Step, index: int, count: int, k: int) -> str:
    """The k-th symbol of a row: the procedure's first and last symbols are terminators."""
    if step.decision is not None:
        return "keputusan"
    first = index == 0 and k == 0
    last = index == count - 1 and k == len(step.actors) - 1
    return "terminator" if first or last else "proses"


def _exits(step: Step, following: Step | None) -> tuple[Exit, ...]:
    """Arrows out of a row: "Ya" (or the flow) from its last symbol; "Tidak" from each of its diamonds."""
    last = len(step.actors) - 1
    nxt = following.number if following else None
    decision = step.decision
    if decision is None:
        return (Exit(last, nxt, None),) if following else ()
    yes = decision.yes if decision.yes is not None else nxt
    out = [Exit(last, yes, "Ya")]
    if decision.no is not None:
        out += [Exit(k, decision.no, "Tidak") for k in range(len(step.actors))]
    return tuple(out)


def _cell_lines(sop: Sop, columns: Columns) -> dict[int, dict[str, list[str]]]:
    widths = dict(columns.text)
    steps = sop.spec.steps
    out = {}
    for step, duration in zip(steps, sop.durations, strict=True):
        texts = _cell_texts(step, duration.text, branches(step, step is steps[-1]), step.note)
        out[step.number] = {name: [text] if name == "No" else wrap(text, widths[name] - 2 * PAD, FONT) for name, text in texts.items()}
    return out


def _boxes(sop: Sop, lines: dict[int, dict[str, list[str]]]) -> list[StepBox]:
    steps = sop.spec.steps
    column = {actor: k for k, actor in enumerate(sop.spec.actors)}
    boxes = []
    for i, step in enumerate(steps):
        kinds = tuple(_kind(step, i, len(steps), k) for k in range(len(step.actors)))
        height = max(len(cell) for cell in lines[step.number].values()) * LINE + 2 * PAD
        following = steps[i + 1] if i + 1 < len(steps) else None
        boxes.append(StepBox(step.number, tuple(column[a] for a in step.actors), kinds, height,
                             _exits(step, following), "Ya" if step.decision else None))
    return boxes


def _headings(columns: Columns, roles: Mapping[str, Role], actors: tuple[str, ...]) -> tuple[list[list[str]], int]:
    """Each actor's heading wrapped at word boundaries, and the header's height: it grows to fit the longest."""
    # 1 px each side: the measured widths are a few per cent above what the browser draws
    lines = [wrap(roles[actor].abbreviation, columns.actor_w - 2, FONT, bold=True) for actor in actors]
    lines += [wrap(name, w - 4, FONT, bold=True) for name, w in columns.text]
    return lines, HALF + max(2, *(len(each) for each in lines)) * LINE + 2 * PAD


def flowchart_pages(sop: Sop, roles: Mapping[str, Role]) -> list[str]:
    """One SVG per printed page, each with the header row."""
    columns = choose_columns(len(sop.spec.actors))
    lines = _cell_lines(sop, columns)
    headings, header = _headings(columns, roles, sop.spec.actors)
    pages = layout_pages(_boxes(sop, lines), header, columns)
    total = len(pages)
    return [_svg(sop, page, _page_parts(page, lines, headings, header), n + 1, total) for n, page in enumerate(pages)]


def _header(columns: Columns, headings: list[list[str]], height: int) -> list[str]:
    cells = {name: (x, w) for name, x, w in columns.cells()}
    parts = ['<g class="kepala">', f'<rect x="0" y="0" width="{columns.width}" height="{height}" class="latar-kepala"/>']
    own = dict(zip([name for name, _ in columns.text], headings[columns.actors:], strict=True))
    for name in ("No", "Kegiatan", "Keterangan"):
        x, w = cells[name]
        parts.append(f'<rect x="{x}" y="0" width="{w}" height="{height}"/>')
        parts.append(_text(x + w // 2, (height - (len(own[name]) - 1) * LINE) // 2 + 4, own[name], "middle", "bold"))
    spans = (("Pelaksana", cells["actor:0"][0], columns.gutter_right), ("Mutu Baku", cells["Kelengkapan"][0], cells["Keterangan"][0]))
    for title, left, right in spans:
        parts.append(f'<rect x="{left}" y="0" width="{right - left}" height="{HALF}"/>')
        parts.append(_text((left + right) // 2, HALF // 2 + 4, [title], "middle", "bold"))
    lower = [(f"actor:{k}", headings[k]) for k in range(columns.actors)] + [("jalur", [])] * bool(columns.gutter)
    lower += [(name, own[name]) for name in ("Kelengkapan", "Waktu", "Output")]
    for name, text in lower:
        x, w = cells[name]
        parts.append(f'<rect x="{x}" y="{HALF}" width="{w}" height="{height - HALF}"/>')
        if text:
            parts.append(_text(x + w // 2, HALF + PAD + FONT, text, "middle", "bold"))
    parts.append("</g>")
    return parts


def _page_parts(page: PageLayout, lines: dict[int, dict[str, list[str]]], headings: list[list[str]], header: int) -> list[str]:
    parts = _header(page.columns, headings, header)
    labels: list[str] = []
    for row in page.rows:
        shapes = [s for s in page.shapes if s.step == row.step] if row.step is not None else [
            s for s in page.shapes if s.step is None and row.y <= s.cy < row.y + row.height]
        arrows = [a for a in page.arrows if a.step is not None and a.step == row.step]
        if row.step is None:
            parts.append('<g class="sambungan">')
        else:
            parts.append(f'<g class="baris" id="svg-{urls.step_anchor(row.step)}">')
            parts.extend(_cells(page.columns, row.y, row.height, lines[row.step]))
        parts.extend(_shape(shape) for shape in shapes)
        parts.extend(_arrow(arrow, labels) for arrow in arrows)
        parts.append("</g>")
    parts.extend(_arrow(arrow, labels) for arrow in page.arrows if arrow.step is None)
    return parts + labels


def _cells(columns: Columns, y: int, height: int, texts: dict[str, list[str]]) -> Iterator[str]:
    for name, x, w in columns.cells():
        yield f'<rect x="{x}" y="{y}" width="{w}" height="{height}"/>'
        if name in texts:
            anchor, tx = ("middle", x + w // 2) if name in CENTRED else ("start", x + PAD)
            yield _text(tx, y + PAD + FONT, texts[name], anchor)


def _shape(shape: Shape) -> str:
    cx, cy, a, b = shape.cx, shape.cy, shape.w // 2, shape.h // 2
    ident = f'data-id="{html.escape(shape.id)}"'
    if shape.kind == "keputusan":
        outline = f'<polygon points="{cx},{cy - b} {cx + a},{cy} {cx},{cy + b} {cx - a},{cy}" class="simbol keputusan" {ident}/>'
    elif shape.kind == "konektor":
        mid = cy - b + (2 * shape.h) // 3
        points = f"{cx - a},{cy - b} {cx + a},{cy - b} {cx + a},{mid} {cx},{cy + b} {cx - a},{mid}"
        outline = f'<polygon points="{points}" class="simbol konektor" {ident}/>'
    else:
        radius = b if shape.kind == "terminator" else 0
        outline = (f'<rect x="{cx - a}" y="{cy - b}" width="{shape.w}" height="{shape.h}" rx="{radius}" '
                   f'class="simbol {shape.kind}" {ident}/>')
    weight = "bold" if shape.kind == "konektor" else ""
    return outline + _text(cx, cy + 4 - (3 if shape.kind == "konektor" else 0), [shape.text], "middle", weight)


def _arrow(arrow: Arrow, labels: list[str]) -> str:
    """The path; its label is kept aside and drawn last, above every line."""
    d = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in enumerate(arrow.points))
    if arrow.label and arrow.label_at:
        labels.append(_text(arrow.label_at[0], arrow.label_at[1], [arrow.label], cls="label-panah"))
    return (f'<path d="{d}" class="panah" data-dari="{html.escape(arrow.source)}" data-ke="{html.escape(arrow.target)}" '
            'marker-end="url(#ujung)"/>')


def _svg(sop: Sop, page: PageLayout, parts: list[str], number: int, total: int) -> str:
    body = "".join(parts)
    title = html.escape(f"Bagan alir {sop.spec.name}, halaman {number} dari {total}")
    width, height = page.width, page.height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sop-flowchart" viewBox="0 0 {width} {height + 1}" '
        f'width="{width}" height="{height + 1}" role="img" aria-label="{title}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="{FONT}">'
        f"<title>{title}</title>"
        '<defs><marker id="ujung" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker></defs>'
        '<style>rect{fill:none;stroke:#555;stroke-width:1}.latar-kepala{fill:#eee}.simbol{fill:#fff;stroke:#000;stroke-width:1.5}'
        '.keputusan{fill:#fff8e1}.konektor{fill:#fff}.panah{fill:none;stroke:#000;stroke-width:1.2}text{fill:#000}'
        '.label-panah{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}</style>'
        f"{body}</svg>"
    )
