"""Geometry of the official flowchart: where every symbol, arrow and label goes. No SVG here.

The engine works in stages, each fixing what the next one needs:
1. columns: widths from the number of actors, so that up to 8 actors fit 1,080 px;
2. pages: rows are measured and the procedure is split into printed pages before routing;
3. per page: ports, then tracks, then y-coordinates, then x-coordinates, then paths, then labels.

Arrows run in three kinds of track: a band between two rows (horizontal runs), the gutter to the
right of the actor columns (the vertical runs of jumps), and a row's own level to the right of its
rightmost symbol. Every edge gets its own track and its own port on each symbol it touches, so no
two edges share a segment or a corner by construction; a horizontal run only ever crosses a
vertical one, at a right angle. Labels go in the first free slot along their arrow, checked against
every symbol, arrow and label already placed. All numbers are integers: the same SOP gives the
same drawing.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

FIT = 1080  # the content column at 1366 px is 1,084 px wide
TRACK = 7  # distance between parallel runs
GAP = 8  # least room between a symbol and its row's border
BORDER_CLEARANCE = 5  # a horizontal run keeps this far from a row border, so it never reads as the grid
APPROACH = 10  # least length of the stub between a symbol and its first or last run
LABEL_ROOM = 18  # room beside a stub for "Ya" or "Tidak"
LABEL_ASCENT, LABEL_DESCENT, LABEL_CHAR = 11, 3, 7  # a label's box: generous for DejaVu Sans at 11 px
LABEL_MARGIN = 34  # free room right of the actor columns for the label of an arrow leaving sideways
SYMBOL_H, DIAMOND_H, CONNECTOR_W, CONNECTOR_H, END_W = 26, 40, 28, 20, 52
CONNECTOR_PITCH = 34
STRIP_ALLOWANCE = 48  # page height kept free for each connector strip when the pages are cut
SHEET = 194 / 281  # height over width of a landscape A4 sheet inside its margins
GUTTER_BUDGET = LABEL_MARGIN + 4 * TRACK + 8  # four jumps side by side fit without widening the chart

FULL = (("No", 30), ("Kegiatan", 230), ("Kelengkapan", 100), ("Waktu", 70), ("Output", 100), ("Keterangan", 120))
COMPACT = (("No", 30), ("Kegiatan", 162), ("Kelengkapan", 92), ("Waktu", 60), ("Output", 76), ("Keterangan", 110))
Point = tuple[int, int]
Box = tuple[int, int, int, int]


# --- Columns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    text: tuple[tuple[str, int], ...]  # No, Kegiatan, then the four Mutu Baku columns and Keterangan
    actors: int
    actor_w: int
    gutter: int = 0  # the free strip right of the actor columns where jumps run

    @property
    def actors_left(self) -> int:
        return self.text[0][1] + self.text[1][1]

    @property
    def actors_right(self) -> int:
        return self.actors_left + self.actors * self.actor_w

    @property
    def gutter_right(self) -> int:
        return self.actors_right + self.gutter

    @property
    def width(self) -> int:
        return self.gutter_right + sum(w for _, w in self.text[2:])

    @property
    def symbol_w(self) -> int:
        """Symbols leave 10 px each side in their column; a multiple of 4, so a diamond's shoulders fall on whole pixels."""
        return min(56, (self.actor_w - 20) // 4 * 4)

    def centre(self, actor: int) -> int:
        return self.actors_left + actor * self.actor_w + self.actor_w // 2

    def track_x(self, track: int) -> int:
        return self.actors_right + LABEL_MARGIN + track * TRACK

    def cells(self) -> list[tuple[str, int, int]]:
        """Every column left to right as (name, x, width): actor columns are "actor:<k>", the gutter "jalur"."""
        out, x = [], 0
        for name, w in self.text[:2]:
            out.append((name, x, w))
            x += w
        for k in range(self.actors):
            out.append((f"actor:{k}", x, self.actor_w))
            x += self.actor_w
        if self.gutter:
            out.append(("jalur", x, self.gutter))
            x += self.gutter
        for name, w in self.text[2:]:
            out.append((name, x, w))
            x += w
        return out


def choose_columns(actors: int) -> Columns:
    """The widest actor columns (60-96 px) that fit 1,080 px with room for four jumps; narrower text columns from 6 actors."""
    for text in (FULL, COMPACT):
        actor_w = (FIT - sum(w for _, w in text) - GUTTER_BUDGET) // max(actors, 1)
        if actor_w >= 72 or text is COMPACT:
            return Columns(text, actors, max(60, min(96, actor_w)))
    raise AssertionError("unreachable")


# --- Input and output ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Exit:
    k: int  # the symbol of the row it leaves
    to: int | None  # the step it leads to; None: the procedure ends ("Selesai")
    label: str | None


@dataclass(frozen=True)
class StepBox:
    number: int
    actors: tuple[int, ...]  # the actor column of each symbol, in the listed order
    kinds: tuple[str, ...]  # proses, terminator or keputusan, one per symbol
    text_height: int
    exits: tuple[Exit, ...]
    along_label: str | None  # the label of the arrows between the row's own symbols


@dataclass(frozen=True)
class Shape:
    id: str
    kind: str  # proses, terminator, keputusan, konektor
    cx: int
    cy: int
    w: int
    h: int
    text: str
    step: int | None  # None: a connector or the end, drawn outside the rows


@dataclass(frozen=True)
class Arrow:
    points: tuple[Point, ...]
    source: str
    target: str
    label: str | None
    label_at: Point | None  # the label's baseline start
    step: int | None  # an arrow between the symbols of one row belongs to that row


@dataclass(frozen=True)
class RowBox:
    step: int | None  # None: a strip of connectors above or below the rows
    y: int
    height: int


@dataclass(frozen=True)
class PageLayout:
    columns: Columns
    width: int  # the columns' width, or more when a strip holds more connectors than fit over the text columns
    rows: tuple[RowBox, ...]
    shapes: tuple[Shape, ...]
    arrows: tuple[Arrow, ...]
    height: int


# --- Pages -----------------------------------------------------------------------------------------


def cut_pages(steps: Sequence[StepBox], heights: dict[int, int], capacity: int) -> list[list[StepBox]]:
    """Consecutive rows per printed page, each row as tall as it is when the procedure is drawn on one page."""
    pages: list[list[StepBox]] = [[]]
    used = 0
    for step in steps:
        height = heights[step.number]
        if pages[-1] and used + height > capacity:
            pages.append([])
            used = 0
        pages[-1].append(step)
        used += height
    return pages


def connector_labels() -> Iterable[str]:
    """A, B, ... Z, AA, AB, ...: a long procedure can need more off-page connectors than letters."""
    for count in itertools.count(1):
        label = ""
        while count:
            count, rest = divmod(count - 1, 26)
            label = chr(ord("A") + rest) + label
        yield label


@dataclass(frozen=True)
class _Link:
    """One arrow of the procedure before pages: from a symbol to a step's first symbol (or the end)."""

    step: int
    k: int
    to: int | None
    label: str | None
    letter: str = ""  # set when the arrow crosses a page


def _links(steps: Sequence[StepBox], page_of: dict[int, int]) -> list[_Link]:
    letters = iter(connector_labels())
    out = []
    for step in steps:
        for ex in step.exits:
            crosses = ex.to is not None and page_of[ex.to] != page_of[step.number]
            out.append(_Link(step.number, ex.k, ex.to, ex.label, next(letters) if crosses else ""))
    return out


# --- One page: symbols and ports --------------------------------------------------------------------

PORT_PITCH = 8  # distance between two arrows meeting the same side of a symbol


@functools.cache
def _ports(kind: str, w: int, h: int) -> dict[str, tuple[int, int, str]]:
    """Where arrows may meet a symbol: name -> (dx, dy, side) from its centre, each point on the outline.

    The centre of each side first, then points every 8 px outwards along the top and bottom (a diamond's
    slanted sides and a terminator's rounded ends included); rectangles also take two more on each end.
    """
    a, b = w // 2, h // 2
    if kind == "konektor":
        return {"N0": (0, -b, "N"), "S0": (0, b, "S")}
    offsets = [0] + [d * sign for d in range(PORT_PITCH, a - 2, PORT_PITCH) for sign in (1, -1)]
    ports = {}
    for side, sign in (("N", -1), ("S", 1)):
        for dx in offsets:
            ports[f"{side}{dx:+d}" if dx else f"{side}0"] = (dx, sign * _half_height(kind, a, b, abs(dx)), side)
    for side, sign in (("E", 1), ("W", -1)):
        for dy in (0, -7, 7) if kind != "keputusan" else (0,):
            ports[f"{side}{dy:+d}" if dy else f"{side}0"] = (sign * _half_width(kind, a, b, abs(dy)), dy, side)
    return ports


def _half_height(kind: str, a: int, b: int, dx: int) -> int:
    """How far the outline is above (and below) the centre at `dx` from it, to the nearest pixel."""
    if kind == "keputusan":
        return round(b * (a - dx) / a)
    if kind == "terminator" and dx > a - b:
        return round(math.sqrt(b * b - (dx - (a - b)) ** 2))
    return b


def _half_width(kind: str, a: int, b: int, dy: int) -> int:
    if kind == "terminator":
        return a - b + round(math.sqrt(b * b - dy * dy))
    return a


@dataclass
class _Sym:
    id: str
    kind: str
    row: int
    actor: int | None  # None for a connector or the end: its x is chosen after routing
    text: str
    step: int | None
    w: int = 0
    h: int = 0
    cx: int = 0
    cy: int = 0
    used: set[str] = field(default_factory=set)

    def port(self, name: str) -> tuple[int, int, str]:
        dx, dy, side = _ports(self.kind, self.w, self.h)[name]
        return self.cx + dx, self.cy + dy, side

    def free(self, names: Iterable[str]) -> str | None:
        ports = _ports(self.kind, self.w, self.h)
        return next((n for n in names if n in ports and n not in self.used), None)

    def take(self, name: str) -> str:
        self.used.add(name)
        return name


@dataclass
class _Row:
    step: StepBox | None
    syms: list[_Sym]
    strip: str = ""  # "atas" or "bawah" for a connector strip


# An edge's run through a band: which band, which end row it touches, and where its stubs are.
@dataclass
class _BandUse:
    band: int
    attach: str  # "upper" (stubs into the row above), "lower" (row below) or "both"
    stubs: list[tuple[_Sym, str]]
    y: int = 0
    room: int = 0  # extra room above this run, for a label that found no other free place


@dataclass
class _Route:
    src: _Sym
    dst: _Sym
    src_port: str
    dst_port: str
    label: str | None
    step: int | None
    kind: str  # direct, band, under, gutter
    bands: list[_BandUse] = field(default_factory=list)
    track: int = -1
    span: tuple[int, int] = (0, 0)  # ordinal levels the gutter run covers: row r is 2r+1, band b is 2b
    points: list[Point] = field(default_factory=list)
    label_at: Point | None = None


class _Page:
    """The rows of one printed page and every arrow on it, routed step by step."""

    def __init__(self, columns: Columns, steps: list[StepBox], top: bool, bottom: bool) -> None:
        self.columns = columns
        self.rows: list[_Row] = []
        if top:
            self.rows.append(_Row(None, [], "atas"))
        for step in steps:
            row = len(self.rows)
            syms = [_Sym(f"{step.number}.{k + 1}", kind, row, actor, str(step.number), step.number)
                    for k, (actor, kind) in enumerate(zip(step.actors, step.kinds, strict=True))]
            self.rows.append(_Row(step, syms))
        if bottom:
            self.rows.append(_Row(None, [], "bawah"))
        self.first = {row.step.number: row.syms[0] for row in self.rows if row.step}
        self.routes: list[_Route] = []

    def strip(self, where: str) -> _Row:
        return next(row for row in self.rows if row.strip == where)

    def add_strip_symbol(self, where: str, ident: str, kind: str, text: str) -> _Sym:
        row = self.strip(where)
        sym = _Sym(ident, kind, self.rows.index(row), None, text, None)
        row.syms.append(sym)
        return sym

    def rightmost(self, sym: _Sym) -> bool:
        row = self.rows[sym.row]
        return sym.actor is not None and all(o is sym or (o.actor or 0) < sym.actor for o in row.syms)


def _size_symbols(page: _Page) -> None:
    w = page.columns.symbol_w
    for row in page.rows:
        for sym in row.syms:
            if sym.kind == "konektor":
                sym.w, sym.h = CONNECTOR_W, CONNECTOR_H
            elif sym.kind == "keputusan":
                sym.w, sym.h = w, DIAMOND_H
            else:
                sym.w, sym.h = (max(w, END_W) if sym.id == "selesai" else w), SYMBOL_H


# --- Routing (topology only: ports, bands, gutter tracks) --------------------------------------------

_E = ("E0", "E-7", "E+7")
_N = ("N0", *(f"N{d * s:+d}" for d in range(PORT_PITCH, 60, PORT_PITCH) for s in (1, -1)))
_S = tuple("S" + name[1:] for name in _N)


def _route_along(row: _Row, a: _Sym, b: _Sym, label: str | None) -> _Route:
    """An arrow between two symbols of one row: straight across, or under the row when a symbol stands between."""
    lo, hi = sorted((a.actor or 0, b.actor or 0))
    between = any(lo < (o.actor or 0) < hi for o in row.syms)
    if not between:
        right = (b.actor or 0) > (a.actor or 0)
        src_port, dst_port = ("E0", "W0") if right else ("W0", "E0")
        return _Route(a, b, a.take(src_port), b.take(dst_port), label, row.step.number if row.step else None, "direct")
    src_port, dst_port = a.take(a.free(_S) or "S0"), b.take(b.free(_S) or "S0")
    route = _Route(a, b, src_port, dst_port, label, row.step.number if row.step else None, "under")
    route.bands.append(_BandUse(a.row + 1, "upper", [(a, src_port), (b, dst_port)]))
    return route


def _try_band(src: _Sym, dst: _Sym, label: str | None, taken: set[int]) -> _Route | None:
    """Straight down into the next row when both centre ports and the band's one through-track are free."""
    band = src.row + 1
    if dst.row != band or band in taken or "S0" in src.used or "N0" in dst.used:
        return None
    taken.add(band)
    route = _Route(src, dst, src.take("S0"), dst.take("N0"), label, None, "band")
    route.bands.append(_BandUse(band, "both", [(src, "S0"), (dst, "N0")]))
    return route


def _gutter_end(page: _Page, sym: _Sym, vertical: tuple[str, ...]) -> tuple[str, _BandUse | None, int]:
    """The port by which an arrow to or from the gutter meets `sym`, the band its run crosses, and its level.

    The right side when nothing stands between the symbol and the gutter, else the top or bottom in the
    order given. A connector meets its one arrow at its tip (strip above the rows) or its top (below).
    """
    if sym.actor is None:
        name = "S0" if page.rows[sym.row].strip == "atas" else "N0"
    else:
        sides = (_E if page.rightmost(sym) else ()) + vertical
        name = sym.free(sides) or next(iter(_ports(sym.kind, sym.w, sym.h)))
    sym.take(name)
    return name, *_band_of(sym, name)


def _band_of(sym: _Sym, port: str) -> tuple[_BandUse | None, int]:
    side = port[0]
    if side == "E" or side == "W":
        return None, 2 * sym.row + 1
    band = sym.row + 1 if side == "S" else sym.row
    return _BandUse(band, "upper" if side == "S" else "lower", [(sym, port)]), 2 * band


def _route_gutter(page: _Page, src: _Sym, dst: _Sym, label: str | None) -> _Route:
    src_port, leave_band, leave_level = _gutter_end(page, src, (_N + _S) if dst.row < src.row else (_S + _N))
    dst_port, arrive_band, arrive_level = _gutter_end(page, dst, _N + _S)
    route = _Route(src, dst, src_port, dst_port, label, None, "gutter")
    route.bands = [b for b in (leave_band, arrive_band) if b]
    route.span = (min(leave_level, arrive_level), max(leave_level, arrive_level))
    return route


def _colour_tracks(routes: list[_Route]) -> int:
    """Interval colouring: each gutter run takes the innermost track free over its whole span; short runs go inside."""
    tracks: list[list[tuple[int, int]]] = []
    jumps = sorted((r for r in routes if r.kind == "gutter"), key=lambda r: (r.span[1] - r.span[0], r.span[0]))
    for route in jumps:
        lo, hi = route.span
        for k, spans in enumerate(tracks):
            if all(hi < a or b < lo for a, b in spans):
                break
        else:
            k = len(tracks)
            tracks.append([])
        tracks[k].append(route.span)
        route.track = k
    return len(tracks)


# --- Vertical layout ----------------------------------------------------------------------------------


def _band_uses(routes: list[_Route]) -> dict[int, list[_BandUse]]:
    uses: dict[int, list[_BandUse]] = {}
    for route in routes:
        for use in route.bands:
            uses.setdefault(use.band, []).append(use)
    return uses


def _labelled_stub(routes: list[_Route], band: int, attach: str) -> bool:
    """Whether a labelled arrow leaves its symbol through this band (its label sits beside the stub)."""
    return any(route.label and route.bands and route.bands[0].band == band and route.bands[0].stubs[0][0] is route.src
               and (route.src.row == band - 1) == (attach == "upper") for route in routes)


@dataclass
class _Band:
    tracks: int
    top_label: int
    bottom_label: int
    room: int = 0  # extra room made for labels between the runs

    @property
    def need(self) -> int:
        if not self.tracks:
            return self.top_label + self.bottom_label + 2 * GAP
        runs = (self.tracks - 1) * TRACK + self.room
        return self.top_label + self.bottom_label + runs + 2 * (BORDER_CLEARANCE + APPROACH)


def _bands(page: _Page, uses: dict[int, list[_BandUse]]) -> list[_Band]:
    return [_Band(len(uses.get(b, [])), LABEL_ROOM if _labelled_stub(page.routes, b, "upper") else 0,
                  LABEL_ROOM if _labelled_stub(page.routes, b, "lower") else 0, sum(u.room for u in uses.get(b, [])))
            for b in range(len(page.rows) + 1)]


def _rooms(page: _Page, bands: list[_Band]) -> tuple[list[int], list[int]]:
    """Room above and below each row's symbols, so that every band has the room its tracks and labels need."""
    count = len(page.rows)
    above, below = [GAP] * count, [GAP] * count
    for b, band in enumerate(bands):
        if b == 0:
            above[0] = max(GAP, band.need)
        elif b == count:
            below[-1] = max(GAP, band.need)
        elif page.rows[b - 1].strip == "atas":  # the tracks run inside the strip, clear of the first row's text
            below[b - 1] = band.need - band.bottom_label
            above[b] = max(GAP, band.bottom_label + GAP)
        elif page.rows[b].strip == "bawah":
            below[b - 1] = max(GAP, band.top_label + GAP)
            above[b] = band.need - band.top_label
        else:
            rest = band.need - band.top_label - band.bottom_label
            below[b - 1] = max(GAP, band.top_label + rest // 2)
            above[b] = max(GAP, band.bottom_label + rest - rest // 2)
    return above, below


def _place_rows(page: _Page, top: int) -> list[RowBox]:
    uses = _band_uses(page.routes)
    bands = _bands(page, uses)
    above, below = _rooms(page, bands)
    boxes, y = [], top
    for r, row in enumerate(page.rows):
        sym_h = max((s.h for s in row.syms), default=CONNECTOR_H)
        zone = above[r] + sym_h + below[r]
        height = max(zone, row.step.text_height if row.step else 0)
        cy = y + above[r] + sym_h // 2 + (height - zone) // 2
        for sym in row.syms:
            sym.cy = cy
        boxes.append(RowBox(row.step.number if row.step else None, y, height))
        y += height
    _place_tracks(page, boxes, bands, uses)
    return boxes


def _order(uses: list[_BandUse]) -> list[_BandUse]:
    """Top to bottom: runs with stubs into the row above (rightmost stub first), the through run, then runs
    with stubs into the row below (leftmost first). No stub then overlaps another stub at the same x."""
    upper = sorted((u for u in uses if u.attach == "upper"), key=lambda u: -max(s.port(p)[0] for s, p in u.stubs))
    both = [u for u in uses if u.attach == "both"]
    lower = sorted((u for u in uses if u.attach == "lower"), key=lambda u: min(s.port(p)[0] for s, p in u.stubs))
    return upper + both + lower


def _place_tracks(page: _Page, boxes: list[RowBox], bands: list[_Band], uses: dict[int, list[_BandUse]]) -> None:
    for b, band_uses in uses.items():
        upper = page.rows[b - 1].syms if b > 0 else []
        lower = page.rows[b].syms if b < len(page.rows) else []
        lo = max((s.cy + s.h // 2 for s in upper), default=boxes[0].y) + bands[b].top_label
        hi = min((s.cy - s.h // 2 for s in lower), default=boxes[-1].y + boxes[-1].height) - bands[b].bottom_label
        border = boxes[b].y if b < len(boxes) else boxes[-1].y + boxes[-1].height
        if b > 0 and page.rows[b - 1].strip == "atas":
            hi = min(hi, border - BORDER_CLEARANCE)
        if b < len(page.rows) and page.rows[b].strip == "bawah":
            lo = max(lo, border + BORDER_CLEARANCE)
        ordered = _order(band_uses)
        offsets = list(itertools.accumulate((u.room + (TRACK if i else 0) for i, u in enumerate(ordered))))
        for use, y in zip(ordered, _track_ys(offsets, lo + ordered[0].room, hi, border), strict=True):
            use.y = y


def _track_ys(offsets: list[int], lo: int, hi: int, border: int) -> list[int]:
    """Runs at these offsets from the first, centred below the row border when they fit there, else above it,
    else nudged off it."""
    block = offsets[-1] - offsets[0]
    lo, hi = lo + APPROACH, hi - APPROACH  # room for the stub leaving a symbol and the arrowhead reaching one
    for first, last in ((max(lo, border + BORDER_CLEARANCE), hi), (lo, min(hi, border - BORDER_CLEARANCE))):
        if last - first >= block:
            start = first + (last - first - block) // 2
            return [start + d - offsets[0] for d in offsets]
    start = (lo + hi - block) // 2
    ys = [start + d - offsets[0] for d in offsets]
    shift = next((d for d in (0, 3, -3, 4, -4, 5, -5) if all(abs(y + d - border) >= 3 for y in ys)), 0)
    return [y + shift for y in ys]


# --- Horizontal layout and paths ------------------------------------------------------------------------


def _place_x(page: _Page, columns: Columns) -> int:
    """x of every symbol; connectors without a partner straight above or below go over the text columns."""
    for row in page.rows:
        for sym in row.syms:
            if sym.actor is not None:
                sym.cx = columns.centre(sym.actor)
    anchored = {}
    for route in page.routes:
        if route.kind == "band":
            if route.src.actor is None:
                anchored[route.src.id] = route.dst.cx
            if route.dst.actor is None:
                anchored[route.dst.id] = route.src.cx
    slots = _connector_slots(columns)
    width = columns.width
    for row in page.rows:
        free = iter(slots)
        for sym in row.syms:
            if sym.actor is None:
                sym.cx = anchored.get(sym.id) or next(free, None) or 0
                if not sym.cx:  # more connectors than slots: widen this page
                    sym.cx = width + CONNECTOR_PITCH // 2
                    width += CONNECTOR_PITCH
    return width


def _connector_slots(columns: Columns) -> list[int]:
    """Over the Mutu Baku columns nearest the gutter first, then over Kegiatan and No: no arrow runs there."""
    half = CONNECTOR_PITCH // 2
    right = list(range(columns.gutter_right + half + 4, columns.width - half + 1, CONNECTOR_PITCH))
    left = list(range(columns.actors_left - half - 4, half - 1, -CONNECTOR_PITCH))
    return right + left


def _end(sym: _Sym, port: str) -> Point:
    """Where an arrow into `port` stops: one pixel short of the outline, so the arrowhead touches it."""
    x, y, side = sym.port(port)
    return {"N": (x, y - 1), "S": (x, y + 1), "E": (x + 1, y), "W": (x - 1, y)}[side]


def _path(route: _Route, columns: Columns) -> list[Point]:
    sx, sy, _ = route.src.port(route.src_port)
    end = _end(route.dst, route.dst_port)
    if route.kind == "direct":
        return [(sx, sy), end]
    if route.kind in ("band", "under"):
        y = route.bands[0].y
        points = [(sx, sy), (sx, y), (end[0], y), end]
        return _simplify(points)
    gx = columns.track_x(route.track)
    leave = [(sx, sy), (gx, sy)] if route.src_port[0] == "E" else [(sx, sy), (sx, _band_y(route, route.src)), (gx, _band_y(route, route.src))]
    ex, ey = end
    arrive = [(gx, ey), end] if route.dst_port[0] == "E" else [(gx, _band_y(route, route.dst)), (ex, _band_y(route, route.dst)), end]
    return _simplify(leave + arrive)


def _band_y(route: _Route, sym: _Sym) -> int:
    return next(u.y for u in route.bands if u.stubs[0][0] is sym)


def _simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle of three collinear points."""
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    return out


# --- Labels -------------------------------------------------------------------------------------------



def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _hits_symbol(box: Box, sym: _Sym) -> bool:
    a, b = sym.w // 2 + 1, sym.h // 2 + 1
    if not _overlaps(box, (sym.cx - a, sym.cy - b, sym.cx + a, sym.cy + b)):
        return False
    if sym.kind != "keputusan":
        return True
    # A diamond |dx|/a + |dy|/b <= 1 meets the box unless the box's nearest corner lies outside it.
    dx = 0 if box[0] <= sym.cx <= box[2] else min(abs(box[0] - sym.cx), abs(box[2] - sym.cx))
    dy = 0 if box[1] <= sym.cy <= box[3] else min(abs(box[1] - sym.cy), abs(box[3] - sym.cy))
    return dx * b + dy * a < a * b


def _segment_boxes(points: Sequence[Point]) -> list[Box]:
    return [(min(p[0], q[0]) - 2, min(p[1], q[1]) - 2, max(p[0], q[0]) + 2, max(p[1], q[1]) + 2)
            for p, q in itertools.pairwise(points)]


def _arrowhead(points: Sequence[Point]) -> Box:
    """The arrowhead's box: the marker is 8.4 px long and as wide, drawn back from the end."""
    (px, py), (qx, qy) = points[-2], points[-1]
    dx, dy = (qx > px) - (qx < px), (qy > py) - (qy < py)
    back = (qx - 10 * dx, qy - 10 * dy)
    return min(qx, back[0]) - 6, min(qy, back[1]) - 6, max(qx, back[0]) + 6, max(qy, back[1]) + 6


def _candidates(points: Sequence[Point], text: str) -> Iterable[Box]:
    """Boxes beside the arrow, segment by segment from its source, each side in turn."""
    w, h = LABEL_CHAR * len(text) + 1, LABEL_ASCENT + LABEL_DESCENT
    for p, q in itertools.pairwise(points):
        length = abs(q[0] - p[0]) + abs(q[1] - p[1])
        sign = 1 if (q[0] - p[0]) + (q[1] - p[1]) > 0 else -1
        for along in range(3, max(4, length - 2), 2):
            for gap in (3, 6):
                if p[0] == q[0]:  # vertical: right of the line, then left
                    y = p[1] + sign * along - (0 if sign > 0 else h)
                    yield from ((p[0] + gap, y, p[0] + gap + w, y + h), (p[0] - gap - w, y, p[0] - gap, y + h))
                else:  # horizontal: above the line, then below
                    x = p[0] + sign * along - (0 if sign > 0 else w)
                    yield from ((x, p[1] - gap - h, x + w, p[1] - gap), (x, p[1] + gap, x + w, p[1] + gap + h))


def _place_labels(page: _Page, columns: Columns, rows: list[RowBox], width: int) -> list[_Route]:
    """Each label in the first free place along its arrow; the arrows whose label found none (but could make room)."""
    homeless = []
    symbols = [s for row in page.rows for s in row.syms]
    segments = [box for route in page.routes for box in (*_segment_boxes(route.points), _arrowhead(route.points))]
    placed: list[Box] = []
    area = (columns.actors_left + 1, rows[0].y + 1, max(columns.gutter_right, columns.actors_right) - 1, rows[-1].y + rows[-1].height - 1)
    strips = [(0, r.y, width, r.y + r.height) for r in rows if r.step is None]
    for route in page.routes:
        if not route.label:
            continue
        chosen = None
        for box in _candidates(route.points, route.label):
            inside = (area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] and box[3] <= area[3]) or any(
                s[0] <= box[0] and box[2] <= s[2] and s[1] <= box[1] and box[3] <= s[3] for s in strips)
            if inside and not any(_hits_symbol(box, s) for s in symbols) and not any(
                    _overlaps(box, s) for s in segments) and not any(_overlaps(box, o) for o in placed):
                chosen = box
                break
        if chosen is None:  # no free place: the geometry check in the tests reports it if room cannot be made
            chosen = next(iter(_candidates(route.points, route.label)))
            if route.bands:
                homeless.append(route)
        placed.append(chosen)
        route.label_at = (chosen[0], chosen[1] + LABEL_ASCENT)
    return homeless


# --- The page, start to finish -------------------------------------------------------------------------


def _connect(page: _Page, links: list[_Link], page_of: dict[int, int], number: int) -> list[tuple[_Sym, _Sym, _Link]]:
    """Every arrow that starts or ends on this page, as symbol pairs; an arrow to another page ends at a connector."""
    pairs = []
    for link in links:
        here, there = page_of[link.step], (page_of[link.to] if link.to is not None else page_of[link.step])
        if number not in (here, there):
            continue
        if link.to is None:
            end = page.add_strip_symbol("bawah", "selesai", "terminator", "Selesai")
            pairs.append((page.rows[_row_of(page, link.step)].syms[link.k], end, link))
        elif here == there:
            pairs.append((page.rows[_row_of(page, link.step)].syms[link.k], page.first[link.to], link))
        elif here == number:
            conn = page.add_strip_symbol("bawah" if there > here else "atas", f"konektor-{link.letter}", "konektor", link.letter)
            pairs.append((page.rows[_row_of(page, link.step)].syms[link.k], conn, link))
        else:
            conn = page.add_strip_symbol("atas" if here < there else "bawah", f"konektor-{link.letter}", "konektor", link.letter)
            pairs.append((conn, page.first[link.to], _Link(link.step, link.k, link.to, None, link.letter)))
    return pairs


def _row_of(page: _Page, number: int) -> int:
    return next(i for i, row in enumerate(page.rows) if row.step and row.step.number == number)


def _needs_strips(links: list[_Link], page_of: dict[int, int], number: int, last: bool) -> tuple[bool, bool]:
    top, bottom = False, last and any(link.to is None for link in links)
    for link in links:
        if link.to is None or not link.letter:
            continue
        here, there = page_of[link.step], page_of[link.to]
        if here == number:
            top, bottom = top or there < here, bottom or there > here
        if there == number:
            top, bottom = top or here < there, bottom or here > there
    return top, bottom


def layout_pages(steps: Sequence[StepBox], header: int, columns: Columns) -> list[PageLayout]:
    """Every printed page of the procedure, routed. `header` is the height of the heading row.

    Each page keeps the proportions of a landscape A4 sheet (281 x 194 mm inside its margins). Rows are
    measured on one long page first; when a cut page comes out taller than its sheet (its connector strips
    took more room than allowed for), the pages are cut again with that much less room.
    """
    capacity = int((columns.width + GUTTER_BUDGET) * SHEET) - header - 2 * STRIP_ALLOWANCE
    whole = _routed_pages(columns, [list(steps)])[0]
    heights = {box.step: box.height for box in _place_rows(whole, header) if box.step is not None}
    while True:
        pages = cut_pages(steps, heights, capacity)
        routed = _routed_pages(columns, pages)
        tracks = max((_colour_tracks(page.routes) for page in routed), default=0)
        final = Columns(columns.text, columns.actors, columns.actor_w, LABEL_MARGIN + tracks * TRACK + 8 if tracks else 0)
        laid = [_finish(page, final, header) for page in routed]
        over = max((page.height - int(page.width * SHEET) for page, rows in zip(laid, pages, strict=True) if len(rows) > 1),
                   default=0)
        if over <= 0 or capacity <= 0:  # a page of one row may be taller than a sheet: print shrinks it to fit
            return laid
        capacity -= over


def _routed_pages(columns: Columns, pages: list[list[StepBox]]) -> list[_Page]:
    steps = [step for page in pages for step in page]
    page_of = {step.number: n for n, page in enumerate(pages) for step in page}
    links = _links(steps, page_of)
    routed = []
    for number, page_steps in enumerate(pages):
        top, bottom = _needs_strips(links, page_of, number, number == len(pages) - 1)
        page = _Page(columns, page_steps, top, bottom)
        pairs = _connect(page, links, page_of, number)
        _size_symbols(page)
        _route(page, pairs)
        routed.append(page)
    return routed


def _route(page: _Page, pairs: list[tuple[_Sym, _Sym, _Link]]) -> None:
    for row in page.rows:
        if row.step:
            for a, b in itertools.pairwise(row.syms[: len(row.step.actors)]):
                page.routes.append(_route_along(row, a, b, row.step.along_label))
    through: set[int] = set()
    rest = []
    # The flow ("Ya" or plain) gets the straight way down before a "Tidak" that happens to lead to the next row.
    for src, dst, link in sorted(pairs, key=lambda pair: pair[2].label == "Tidak"):
        route = _try_band(src, dst, link.label, through)
        if route:
            page.routes.append(route)
        else:
            rest.append((src, dst, link))
    page.routes.extend(_route_gutter(page, src, dst, link.label) for src, dst, link in rest)


def _finish(page: _Page, columns: Columns, header: int) -> PageLayout:
    width = _place_x(page, columns)
    for _ in range(8):  # a label with no free place makes room above its run in the band, and the page is redone
        rows = _place_rows(page, header)
        for route in page.routes:
            route.points = _path(route, columns)
        homeless = _place_labels(page, columns, rows, width)
        if not homeless:
            break
        for route in homeless:
            route.bands[0].room += LABEL_ROOM
    shapes = tuple(Shape(s.id, s.kind, s.cx, s.cy, s.w, s.h, s.text, s.step) for row in page.rows for s in row.syms)
    arrows = tuple(Arrow(tuple(r.points), r.src.id, r.dst.id, r.label, r.label_at, r.step) for r in page.routes)
    height = rows[-1].y + rows[-1].height
    return PageLayout(columns, width, tuple(rows), shapes, arrows, height)
