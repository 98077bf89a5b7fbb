"""Geometry checks of the official SVG flowchart, read from the SVG text alone (issue 17).

The layout engine (generator/render/svgflow.py) promises a drawing a reader can follow; these checks hold it
to that without looking at its internals. The SVG contract they read:

- symbols: `<rect class="simbol proses|terminator" x y width height rx>`, `<polygon class="simbol keputusan">`
  (a diamond) and `<polygon class="simbol konektor">` (an off-page pentagon), each with a `data-id` unique on
  its page (`5.1` = step 5's first symbol, `konektor-A`, `selesai`);
- edges: `<path class="panah" d="M x,y L x,y ..." data-dari=<data-id> data-ke=<data-id>>`, absolute integer
  coordinates, M and L only;
- edge labels: `<text class="label-panah" x y>` ("Ya", "Tidak"), baseline at y, in the root's font size;
- the header: `<g class="kepala">`; labels belong below it.

    drawing = parse(svg)                  # symbols as true outlines, edges as points, labels as boxes
    found = defects(svg)                  # check name -> readable defect descriptions ([] when clean)
    CHECKS["shared_segment"](drawing)     # one check

Terminators are rounded rectangles (`rx`): their outline is the rounded shape, its arcs drawn as chords less
than 0.3 px inside the true curve. Label boxes are conservative: 7 px per character at 11 px (Chromium draws
"Tidak" 31.2 px wide and "Ya" 13.0 px in DejaVu Sans 11), from 11 px above the baseline to 3 px below.

An SVG without any `data-id` comes from the engine before issue 17: its labels are then recognised by their
words, and ends without `data-dari`/`data-ke` are measured against the nearest symbol, so the checks still
measure its geometry (bench/svg_geometry.py counts them).

The second half writes random procedures as SOP YAML for the property test and the bench: `plan_procedure(pick)`
is one generator, driven by `random.Random.randint` or by Hypothesis draws; `write_catalogue`, `write_plans` and
`random_manual` lay them out as a one-agency manual.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

NS = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1

TOUCH = 2.0  # an end this close to a symbol's outline is on it; two ends this close share a port
NEAR = 1.0  # parallel runs this close look like one line at the form's 1.2 px stroke
SLACK = 1.0  # overlaps shorter than this are rounding, not a defect
EDGE_PAD = 1.0  # half the stroke, and a hair: how far a label must stay from an edge
ARROW_LEN, ARROW_HALF = 8.4, 4.2  # the marker: 7 x stroke 1.2 = 8.4 px long and wide
CHAR_PER_PX = 7 / 11  # average glyph width per px of font size, generous (see the docstring)
LEGACY_LABELS = ("Ya", "Tidak", "Ya (selesai)")


@dataclass(frozen=True)
class Symbol:
    id: str | None
    kind: str  # proses, terminator, keputusan, konektor
    outline: tuple[Point, ...]  # a convex polygon
    box: Box

    @property
    def name(self) -> str:
        return self.id or f"{self.kind} at {_pt(((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2))}"


@dataclass(frozen=True)
class Edge:
    source: str | None
    target: str | None
    points: tuple[Point, ...]
    d: str

    @property
    def name(self) -> str:
        start = _pt(self.points[0]) if self.points else "?"
        return f"edge {self.source or '?'}->{self.target or '?'} from {start}"

    @property
    def segments(self) -> list[tuple[Point, Point]]:
        return list(zip(self.points, self.points[1:]))


@dataclass(frozen=True)
class Label:
    text: str
    box: Box

    @property
    def name(self) -> str:
        return f"label {self.text!r} at {_pt(self.box[:2])}"


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    header: float  # the bottom of the header row
    symbols: tuple[Symbol, ...]
    edges: tuple[Edge, ...]
    labels: tuple[Label, ...]
    legacy: bool  # no data-id at all: the engine before issue 17


def _pt(p: Point | tuple[float, ...]) -> str:
    return f"({p[0]:g},{p[1]:g})"


# --- Reading the SVG -------------------------------------------------------------------------------------------


def parse(svg: str) -> Drawing:
    """The symbols, edges and labels of one SVG page."""
    root = ET.fromstring(svg)
    size = float(root.get("font-size", 11))
    symbols, edges, texts = [], [], []
    header = 0.0
    for el in root.iter():
        tag, classes = el.tag.replace(NS, ""), el.get("class", "").split()
        if "kepala" in classes:
            header = max([header] + [float(r.get("y", 0)) + float(r.get("height", 0)) for r in el.iter(f"{NS}rect")])
        elif "simbol" in classes and tag in ("rect", "polygon"):
            symbols.append(_symbol(el, tag, classes))
        elif "panah" in classes and tag == "path":
            edges.append(_edge(el))
        elif tag == "text":
            texts.append(el)
    legacy = not any(s.id for s in symbols)
    headers = {id(t) for g in root.iter() if "kepala" in g.get("class", "").split() for t in g.iter(f"{NS}text")}
    labels = [_label(t, size) for t in texts if _is_label(t, legacy) and id(t) not in headers]
    width, height = (float(root.get(k, 0)) for k in ("width", "height"))
    return Drawing(width, height, header, tuple(symbols), tuple(edges), tuple(labels), legacy)


def _is_label(el: ET.Element, legacy: bool) -> bool:
    if "label-panah" in el.get("class", "").split():
        return True
    return legacy and "".join(el.itertext()).strip() in LEGACY_LABELS


def _symbol(el: ET.Element, tag: str, classes: list[str]) -> Symbol:
    kind = next((c for c in classes if c != "simbol"), "?")
    if tag == "rect":
        x, y, w, h = (float(el.get(k, 0)) for k in ("x", "y", "width", "height"))
        rx = el.get("rx") or el.get("ry") or "0"
        ry = el.get("ry") or rx
        outline = _rounded_rect(x, y, w, h, min(float(rx), w / 2), min(float(ry), h / 2))
    else:
        outline = tuple(_points(el.get("points", "")))
    return Symbol(el.get("data-id"), kind, outline, _bounds(outline))


def _points(text: str) -> list[Point]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", text)]
    return list(zip(numbers[::2], numbers[1::2]))


def _rounded_rect(x: float, y: float, w: float, h: float, rx: float, ry: float) -> tuple[Point, ...]:
    if rx <= 0 or ry <= 0:
        return ((x, y), (x + w, y), (x + w, y + h), (x, y + h))
    corners = ((x + w - rx, y + h - ry, 0), (x + rx, y + h - ry, 90), (x + rx, y + ry, 180), (x + w - rx, y + ry, 270))
    points: list[Point] = []
    for cx, cy, start in corners:  # each quarter arc as 4 chords (22.5 degrees each)
        for k in range(5):
            angle = math.radians(start + 22.5 * k)
            points.append((cx + rx * math.cos(angle), cy + ry * math.sin(angle)))
    return tuple(points)


def _edge(el: ET.Element) -> Edge:
    d = el.get("d", "")
    points = tuple((float(a), float(b)) for a, b in re.findall(r"[MLml]\s*(-?[\d.]+)[ ,]\s*(-?[\d.]+)", d))
    return Edge(el.get("data-dari"), el.get("data-ke"), points, d)


def _label(el: ET.Element, root_size: float) -> Label:
    text = "".join(el.itertext()).strip()
    size = float(el.get("font-size", root_size))
    x, y = float(el.get("x", 0)), float(el.get("y", 0))
    width = len(text) * CHAR_PER_PX * size
    anchor = el.get("text-anchor", "start")
    left = {"start": x, "middle": x - width / 2, "end": x - width}.get(anchor, x)
    # Chromium's box starts 1 px left of x for "T" and "Y"; descenders reach 3 px below the baseline at 11 px.
    return Label(text, (left - 1, y - size, left + width + 1, y + size * 3 / 11))


# --- Plane geometry on convex polygons and axis boxes --------------------------------------------------------


def _bounds(points: tuple[Point, ...] | list[Point]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _box_outline(b: Box) -> tuple[Point, ...]:
    return ((b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3]))


def _boxes_overlap(a: Box, b: Box, slack: float = 0.0) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def _penetration(a: tuple[Point, ...], b: tuple[Point, ...]) -> float:
    """How deep two convex polygons overlap (separating axis theorem); <= 0 when they are apart or touch."""
    depth = math.inf
    for poly in (a, b):
        for p, q in zip(poly, poly[1:] + poly[:1]):
            nx, ny = q[1] - p[1], p[0] - q[0]
            length = math.hypot(nx, ny)
            if length == 0:
                continue
            pa = [(x * nx + y * ny) / length for x, y in a]
            pb = [(x * nx + y * ny) / length for x, y in b]
            depth = min(depth, min(max(pa), max(pb)) - max(min(pa), min(pb)))
    return depth


def _inside_length(p: Point, q: Point, poly: tuple[Point, ...]) -> float:
    """Length of the part of segment p-q inside the closed convex polygon (Cyrus-Beck clipping)."""
    cx = sum(x for x, _ in poly) / len(poly)
    cy = sum(y for _, y in poly) / len(poly)
    low, high = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for a, b in zip(poly, poly[1:] + poly[:1]):
        nx, ny = b[1] - a[1], a[0] - b[0]
        if (cx - a[0]) * nx + (cy - a[1]) * ny > 0:  # make the normal point outwards
            nx, ny = -nx, -ny
        num = (p[0] - a[0]) * nx + (p[1] - a[1]) * ny  # > 0: p is outside this side
        den = dx * nx + dy * ny
        if den == 0:
            if num > 1e-9:
                return 0.0
            continue
        t = -num / den
        if den < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return 0.0
    return (high - low) * math.hypot(dx, dy)


def _to_outline(p: Point, poly: tuple[Point, ...]) -> float:
    """Distance from p to the polygon's outline (inside or out)."""
    return min(_to_segment(p, a, b) for a, b in zip(poly, poly[1:] + poly[:1]))


def _to_segment(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    span = dx * dx + dy * dy
    t = 0.0 if span == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / span))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _toward(p: Point, q: Point, distance: float) -> Point:
    length = math.hypot(q[0] - p[0], q[1] - p[1])
    if length <= distance:
        return q
    return (p[0] + (q[0] - p[0]) * distance / length, p[1] + (q[1] - p[1]) * distance / length)


def _is_axis(p: Point, q: Point) -> bool:
    return p[0] == q[0] or p[1] == q[1]


def _segment_box(p: Point, q: Point, pad: float) -> Box:
    return (min(p[0], q[0]) - pad, min(p[1], q[1]) - pad, max(p[0], q[0]) + pad, max(p[1], q[1]) + pad)


def _arrowhead(edge: Edge) -> tuple[Point, ...] | None:
    """The marker at the edge's end: a triangle from the tip back ARROW_LEN, ARROW_HALF either side at its base."""
    if len(edge.points) < 2:
        return None
    (px, py), (qx, qy) = edge.points[-2], edge.points[-1]
    length = math.hypot(qx - px, qy - py)
    if length == 0:
        return None
    ux, uy = (qx - px) / length, (qy - py) / length
    bx, by = qx - ux * ARROW_LEN, qy - uy * ARROW_LEN
    return ((qx, qy), (bx - uy * ARROW_HALF, by + ux * ARROW_HALF), (bx + uy * ARROW_HALF, by - ux * ARROW_HALF))


# --- The checks ----------------------------------------------------------------------------------------------


def symbol_overlaps(d: Drawing) -> list[str]:
    """1. No two symbols overlap (true outlines, not bounding boxes)."""
    found = []
    for a, b in combinations(d.symbols, 2):
        if _boxes_overlap(a.box, b.box, SLACK / 2) and (depth := _penetration(a.outline, b.outline)) > SLACK / 2:
            found.append(f"symbol {a.name} overlaps symbol {b.name} by {depth:.1f} px")
    return found


def edges_through_symbols(d: Drawing) -> list[str]:
    """2. No edge runs through a symbol or along its outline; only its two ends touch a symbol."""
    found = []
    for edge in d.edges:
        points = list(edge.points)
        if len(points) < 2:
            continue
        points[0] = _toward(points[0], points[1], TOUCH)  # the ends sit on their symbols' outlines
        points[-1] = _toward(points[-1], points[-2], TOUCH)
        for p, q in zip(points, points[1:]):
            for symbol in d.symbols:
                if not _boxes_overlap(_segment_box(p, q, 0.0), symbol.box, -0.01):
                    continue
                if (inside := _inside_length(p, q, symbol.outline)) > SLACK:
                    found.append(f"{edge.name}: segment {_pt(p)}-{_pt(q)} runs {inside:.0f} px through symbol {symbol.name}")
    return found


def shared_segments(d: Drawing) -> list[str]:
    """3. No two edges (nor one edge doubling back) run along the same line for more than 1 px."""
    runs = [(edge, i, p, q) for edge in d.edges for i, (p, q) in enumerate(edge.segments) if _is_axis(p, q)]
    found = []
    for (e1, i1, a, b), (e2, i2, c, dd) in combinations(runs, 2):
        for axis in (0, 1):  # axis 0: both vertical (same x); axis 1: both horizontal (same y)
            other = 1 - axis
            if a[axis] == b[axis] and c[axis] == dd[axis] and abs(a[axis] - c[axis]) <= NEAR:
                low = max(min(a[other], b[other]), min(c[other], dd[other]))
                high = min(max(a[other], b[other]), max(c[other], dd[other]))
                if high - low > SLACK:
                    whose = e1.name if e1 is e2 else f"{e1.name} and {e2.name}"
                    found.append(f"{whose} share {high - low:g} px of the line {'xy'[axis]}={a[axis]:g}")
                    break
    return found


def slanted_segments(d: Drawing) -> list[str]:
    """3. Every segment is horizontal or vertical, so edges cross at right angles."""
    return [f"{edge.name}: segment {_pt(p)}-{_pt(q)} is slanted" for edge in d.edges for p, q in edge.segments if not _is_axis(p, q)]


def shared_ports(d: Drawing) -> list[str]:
    """4. No two edges start or end at the same point: no corner serves two edges."""
    ends = [(edge, which, point) for edge in d.edges if edge.points for which, point in (("start", edge.points[0]), ("end", edge.points[-1]))]
    found = []
    for (e1, w1, p1), (e2, w2, p2) in combinations(ends, 2):
        if e1 is not e2 and max(abs(p1[0] - p2[0]), abs(p1[1] - p2[1])) <= TOUCH:
            found.append(f"{e1.name} ({w1}) and {e2.name} ({w2}) use the same port {_pt(p1)}")
    return found


def loose_ends(d: Drawing) -> list[str]:
    """5. Every edge starts on the outline of its `data-dari` symbol and ends on its `data-ke` symbol's, same page."""
    by_id = {s.id: s for s in d.symbols if s.id}
    found = []
    for edge in d.edges:
        if len(edge.points) < 2:
            found.append(f"{edge.name}: fewer than two points in d={edge.d!r}")
            continue
        for which, ref, point in (("data-dari", edge.source, edge.points[0]), ("data-ke", edge.target, edge.points[-1])):
            if ref is None and not d.legacy:
                found.append(f"{edge.name}: no {which}")
            elif ref is not None and ref not in by_id:
                found.append(f"{edge.name}: {which}={ref!r} names no symbol on this page")
            candidates = [by_id[ref]] if ref in by_id else list(d.symbols)
            if not any(_to_outline(point, s.outline) <= TOUCH for s in candidates):
                where = f"symbol {ref}" if ref in by_id else "any symbol"
                found.append(f"{edge.name}: {'starts' if which == 'data-dari' else 'ends'} at {_pt(point)}, off the outline of {where}")
    return found


def label_collisions(d: Drawing) -> list[str]:
    """6. No label lies on a symbol (true outline), another label, an edge (1 px either side) or an arrowhead."""
    found = []
    for label in d.labels:
        outline = _box_outline(label.box)
        for symbol in d.symbols:
            if _boxes_overlap(label.box, symbol.box) and _penetration(outline, symbol.outline) > 0:
                found.append(f"{label.name} lies on symbol {symbol.name}")
        for edge in d.edges:
            if any(_boxes_overlap(label.box, _segment_box(p, q, EDGE_PAD)) for p, q in edge.segments):
                found.append(f"{label.name} lies on {edge.name}")
            elif (head := _arrowhead(edge)) and _penetration(outline, head) > 0:
                found.append(f"{label.name} lies on the arrowhead of {edge.name}")
    for a, b in combinations(d.labels, 2):
        if _boxes_overlap(a.box, b.box):
            found.append(f"{a.name} lies on {b.name}")
    return found


def labels_outside(d: Drawing) -> list[str]:
    """7. Every label lies inside the drawing, below the header."""
    return [f"{label.name} leaves the drawing (0..{d.width:g} x {d.header:g}..{d.height:g})" for label in d.labels
            if label.box[0] < 0 or label.box[2] > d.width or label.box[1] < d.header or label.box[3] > d.height]


def contract(d: Drawing) -> list[str]:
    """The markup the checks rely on: a unique data-id on every symbol, edges as absolute integer M/L paths."""
    found = []
    ids = [s.id for s in d.symbols if s.id]
    found += [f"data-id {i!r} is used {ids.count(i)} times" for i in sorted(set(ids)) if ids.count(i) > 1]
    found += [f"symbol {s.name} has no data-id" for s in d.symbols if not s.id]
    path = re.compile(r"M-?\d+,-?\d+(?: L-?\d+,-?\d+)*")
    found += [f"{e.name}: d={e.d!r} is not 'M x,y L x,y ...' in integers" for e in d.edges if not path.fullmatch(e.d.strip())]
    return found


CHECKS: dict[str, Callable[[Drawing], list[str]]] = {
    "symbol_overlap": symbol_overlaps,
    "edge_through_symbol": edges_through_symbols,
    "shared_segment": shared_segments,
    "slanted_segment": slanted_segments,
    "shared_port": shared_ports,
    "loose_end": loose_ends,
    "label_collision": label_collisions,
    "label_outside": labels_outside,
    "contract": contract,
}


def defects(svg: str) -> dict[str, list[str]]:
    """Every check's defects on one SVG page, by check name (an empty list when it passes)."""
    drawing = parse(svg)
    return {name: check(drawing) for name, check in CHECKS.items()}


# --- Random procedures as SOP YAML ---------------------------------------------------------------------------

Pick = Callable[[int, int], int]  # an integer in [low, high]: random.Random.randint, or a Hypothesis draw
ACTIVITIES = (
    "Memeriksa berkas",
    "Menyusun konsep laporan kinerja dan menyerahkannya kepada atasan",
    "Mengumpulkan data kinerja dari setiap bidang, memeriksa kelengkapannya, lalu menyusun rekapitulasi "
    "untuk dibahas dalam rapat pimpinan bersama seluruh kepala bidang",
)
MAX_STEPS, MAX_ROLES, MAX_DECISIONS = 15, 8, 4


@dataclass(frozen=True)
class PlannedStep:
    actors: tuple[int, ...]  # 1-based role numbers: jabatan-N
    activity: int  # index into ACTIVITIES (row height)
    yes: int | None = None
    no: int | None = None
    decision: bool = False


@dataclass(frozen=True)
class Plan:
    roles: int
    steps: tuple[PlannedStep, ...]


def plan_procedure(pick: Pick) -> Plan:
    """A valid procedure: 1-15 steps, 1-8 roles, up to 4 decisions going back and forward, multi-role rows.

    Every choice is one `pick`, smallest first, so Hypothesis shrinks towards short, plain procedures.
    """
    count, roles = pick(1, MAX_STEPS), pick(1, MAX_ROLES)
    free = list(range(1, count + 1))
    decided = {free.pop(pick(0, len(free) - 1)) for _ in range(pick(0, min(MAX_DECISIONS, count)))}
    steps = []
    for n in range(1, count + 1):
        several = roles > 1 and (1 < n < count or n in decided)
        pool = list(range(1, roles + 1))
        actors = tuple(pool.pop(pick(0, len(pool) - 1)) for _ in range(1 + (pick(0, min(2, roles - 1)) if several else 0)))
        yes, no = _branches(pick, n, count) if n in decided else (None, None)
        steps.append(PlannedStep(actors, pick(0, len(ACTIVITIES) - 1), yes, no, n in decided))
    return Plan(roles, tuple(steps))


def _branches(pick: Pick, n: int, count: int) -> tuple[int | None, int | None]:
    """`ya` and `tidak` of the decision at step n, valid for manual/checks.py (different targets, never itself)."""
    back, forward = list(range(1, n)), list(range(n + 1, count + 1))
    kind = pick(0, 4)  # tidak: back, forward, back, forward, none (a warning, but valid)
    options = [] if kind == 4 else (back or forward, forward or back)[kind % 2]
    no = options[pick(0, len(options) - 1)] if options else None
    kind = pick(0, 2)  # ya: 0 the next step, 1 further forward, 2 back
    options = ([], forward[1:], back)[kind]
    yes = options[pick(0, len(options) - 1)] if options else None
    if yes is None and no == n + 1:  # `tidak` takes the next step, so `ya` must lead elsewhere
        yes = forward[1] if len(forward) > 1 else (back[-1] if back else None)
        no = no if yes is not None else None
    elif yes is not None and no == yes:
        yes = None
    return yes, no


def procedure_yaml(plan: Plan, name: str) -> str:
    """The SOP file of a plan, in the shipped data's format."""
    roles = ", ".join(f"jabatan-{r}" for r in range(1, plan.roles + 1))
    lines = [f"nama: {name}", 'nomor: ""', "unit: Unit Uji", "tanggal_pembuatan: 2022-03-01", "tanggal_efektif: 2022-05-01",
             "dasar_hukum: [dasar-1]", "kualifikasi_pelaksana: Memahami prosedur", "peringatan: Tidak ada",
             "pencatatan_pendataan: Buku", "jadwal: tahunan", f"pelaksana: [{roles}]", "langkah:"]
    for n, step in enumerate(plan.steps, start=1):
        actors = [f"jabatan-{a}" for a in step.actors]
        lines += [f"  - no: {n}", f"    kegiatan: {ACTIVITIES[step.activity]} (langkah {n})",
                  f"    pelaksana: {actors[0] if len(actors) == 1 else '[' + ', '.join(actors) + ']'}",
                  "    kelengkapan: Dokumen", "    waktu: 1 jam", "    output: Hasil"]
        if step.decision:
            lines += ["    keputusan:", "      pertanyaan: Disetujui?"]
            lines += [f"      ya: {step.yes}"] if step.yes is not None else []
            lines += [f"      tidak: {step.no}"] if step.no is not None else []
    return "\n".join(lines) + "\n"


def write_catalogue(root: Path) -> Path:
    """A one-agency manual with roles jabatan-1..8 and no SOP yet; returns the unit folder the SOPs go in."""
    sop_defs = root / "sop_defs"
    unit = sop_defs / "instansi-uji" / "unit-uji"
    unit.mkdir(parents=True)
    (sop_defs / "_pemerintah.yaml").write_text("pemerintah: Pemerintah Kabupaten Uji\n", encoding="utf-8")
    (sop_defs / "_jabatan.yaml").write_text(
        "".join(f"jabatan-{i}:\n  nama: Jabatan Uji {i}\n  singkatan: Jabatan Uji {i}\n" for i in range(1, MAX_ROLES + 1)),
        encoding="utf-8")
    (sop_defs / "_dasar_hukum.yaml").write_text(
        "dasar-1:\n  jenis: Peraturan Daerah\n  nomor: 1\n  tahun: 2020\n  tentang: Pokok Bahasan\n", encoding="utf-8")
    (sop_defs / "instansi-uji" / "_instansi.yaml").write_text(
        "nama: Instansi Uji\nsingkatan: Uji\nkepala:\n  jabatan: Kepala\n  nama: Nama Kepala\n  nip: \"19700101 199001 1 001\"\n",
        encoding="utf-8")
    return unit


def write_plans(unit: Path, plans: list[Plan]) -> None:
    """The plans as `acak-NNN.yaml` in the unit folder, replacing the SOPs written before."""
    for old in unit.glob("acak-*.yaml"):
        old.unlink()
    for i, plan in enumerate(plans):
        (unit / f"acak-{i:03d}.yaml").write_text(procedure_yaml(plan, f"Prosedur Acak {i}"), encoding="utf-8")


def random_manual(root: Path, count: int, seed: int) -> Path:
    """A manual of `count` random procedures under `root` (for the bench)."""
    import random

    rng = random.Random(seed)
    write_plans(write_catalogue(root), [plan_procedure(rng.randint) for _ in range(count)])
    return root
