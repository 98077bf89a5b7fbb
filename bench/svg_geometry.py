"""Geometry defects of the official SVG form (generator/render/svgflow.py), measured, not tested.

    .venv/bin/python bench/svg_geometry.py            # 500 random procedures + the fixtures
    .venv/bin/python bench/svg_geometry.py --count 50

Random procedures: 3-15 steps, 2-8 actors, 0-4 decisions with back targets and optional forward `ya`,
multi-role rows. Counted per SVG: symbols that overlap, edges that share a segment, "Ya"/"Tidak" labels
on a symbol, a label or an edge, and edges that end away from every symbol. The checks are approximate
(label boxes from an average glyph width); issue 17 turns them into a test once the layout engine is
correct by construction.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from corpus import _agency, _catalogue  # noqa: E402

NS = "{http://www.w3.org/2000/svg}"
CHAR = 6.5  # average glyph width at the form's 11 px
LABELS = ("Ya", "Tidak", "Ya (selesai)")
Box = tuple[float, float, float, float]


def parts(svg: str) -> tuple[list[Box], list[list[tuple[float, float]]], list[Box]]:
    symbols, edges, labels = [], [], []
    for el in ET.fromstring(svg).iter():
        classes, tag = el.get("class", "").split(), el.tag.replace(NS, "")
        if "simbol" in classes and tag == "rect":
            x, y, w, h = (float(el.get(k, 0)) for k in ("x", "y", "width", "height"))
            symbols.append((x, y, x + w, y + h))
        elif "simbol" in classes and tag == "polygon":
            points = [tuple(map(float, p.split(","))) for p in el.get("points", "").split()]
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            symbols.append((min(xs), min(ys), max(xs), max(ys)))
        elif "panah" in classes and tag == "path":
            edges.append([tuple(map(float, m.groups())) for m in re.finditer(r"[ML](-?[\d.]+),(-?[\d.]+)", el.get("d", ""))])
        elif tag == "text" and (words := "".join(el.itertext())) in LABELS:
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            labels.append((x, y - 9, x + len(words) * CHAR, y + 2))
    return symbols, edges, labels


def _overlap(a: Box, b: Box, pad: float = 0.0) -> bool:
    return a[0] < b[2] - pad and b[0] < a[2] - pad and a[1] < b[3] - pad and b[1] < a[3] - pad


def _shared(e1: list[tuple[float, float]], e2: list[tuple[float, float]]) -> bool:
    for a, b in zip(e1, e1[1:]):
        for c, d in zip(e2, e2[1:]):
            for axis in (0, 1):  # same vertical (axis 0) or horizontal (axis 1) line, overlapping spans
                other = 1 - axis
                if a[axis] == b[axis] == c[axis] == d[axis]:
                    low = max(min(a[other], b[other]), min(c[other], d[other]))
                    high = min(max(a[other], b[other]), max(c[other], d[other]))
                    if high - low > 1:
                        return True
    return False


def defects(svg: str) -> dict[str, int]:
    symbols, edges, labels = parts(svg)
    segments = [(min(p[0], q[0]) - 1, min(p[1], q[1]) - 1, max(p[0], q[0]) + 1, max(p[1], q[1]) + 1)
                for e in edges for p, q in zip(e, e[1:])]
    return {
        "symbol_overlap": sum(_overlap(a, b, 0.5) for a, b in combinations(symbols, 2)),
        "shared_segment": sum(_shared(a, b) for a, b in combinations(edges, 2)),
        "label_on_symbol": sum(any(_overlap(label, s) for s in symbols) for label in labels),
        "label_on_label": sum(_overlap(a, b) for a, b in combinations(labels, 2)),
        "label_on_edge": sum(_overlap(label, s) for label in labels for s in segments),
        "loose_end": sum(not any(s[0] - 2 <= e[-1][0] <= s[2] + 2 and s[1] - 2 <= e[-1][1] <= s[3] + 2 for s in symbols)
                         for e in edges),
    }


def _procedure(rng: random.Random, number: int) -> str:
    actors = rng.sample([f"jabatan-{i}" for i in range(1, 9)], rng.randint(2, 8))
    steps = rng.randint(3, 15)
    lines = [f"nama: Prosedur Acak {number}", 'nomor: ""', "unit: Unit Uji", "tanggal_pembuatan: 2022-03-01",
             "tanggal_efektif: 2022-05-01", "dasar_hukum: [dasar-1]", "kualifikasi_pelaksana: Paham",
             "peringatan: Tidak ada", "pencatatan_pendataan: Buku", "jadwal: tahunan",
             f"pelaksana: [{', '.join(actors)}]", "langkah:"]
    decisions = set(rng.sample(range(2, steps), min(rng.randint(0, 4), steps - 2)))
    for n in range(1, steps + 1):
        who = [rng.choice(actors)] if n in (1, steps) else rng.sample(actors, min(len(actors), rng.choice([1, 1, 1, 2, 3])))
        lines += [f"  - no: {n}", f"    kegiatan: Kegiatan nomor {n} yang cukup panjang untuk dibungkus beberapa baris",
                  f"    pelaksana: [{', '.join(who)}]", "    kelengkapan: Dokumen", "    waktu: 1 jam", "    output: Hasil"]
        if n in decisions:
            yes = rng.choice([None, None, min(steps, n + rng.randint(2, 3))])
            lines += ["    keputusan:", "      pertanyaan: Setuju?", f"      tidak: {rng.randint(1, n - 1)}"]
            lines += [f"      ya: {yes}"] if yes and yes != n + 1 else []
    return "\n".join(lines) + "\n"


def random_manual(root: Path, count: int, seed: int) -> Path:
    rng = random.Random(seed)
    _catalogue(root, rng)
    folder = _agency(root, 0) / "unit-00"
    folder.mkdir()
    for i in range(count):
        (folder / f"acak-{i:03d}.yaml").write_text(_procedure(rng, i), encoding="utf-8")
    return root


def measure(root: Path) -> tuple[int, int, dict[str, int]]:
    from generator.manual.load import load_manual
    from generator.render.svgflow import flowchart_pages

    manual, problems = load_manual(root, warnings=False)
    assert manual is not None, [p.format() for p in problems][:5]
    total: dict[str, int] = {}
    flawed = 0
    for sop in manual.sops:
        found: dict[str, int] = {}
        for svg in flowchart_pages(sop, manual.catalogue_of(sop).roles):
            for kind, n in defects(svg).items():
                found[kind] = found.get(kind, 0) + n
        flawed += any(found.values())
        for kind, n in found.items():
            total[kind] = total.get(kind, 0) + n
    return len(manual.sops), flawed, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from tests.conftest import with_second_agency

    with tempfile.TemporaryDirectory() as scratch:
        sources = {
            "acak": random_manual(Path(scratch) / "acak", args.count, args.seed),
            "bawaan + instansi kedua": with_second_agency(Path(scratch) / "dua"),
            "prosedur-panjang": REPO / "tests/fixtures/prosedur-panjang",
        }
        for name, root in sources.items():
            sops, flawed, total = measure(root)
            print(f"{name}: {flawed} dari {sops} SOP bercacat; " + ", ".join(f"{k} {v}" for k, v in total.items()))


if __name__ == "__main__":
    main()
