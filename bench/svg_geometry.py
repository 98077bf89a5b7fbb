"""Geometry defects of the official SVG form (generator/render/svgflow.py), counted on random procedures and fixtures.

    .venv/bin/python bench/svg_geometry.py            # 500 random procedures + the fixtures
    .venv/bin/python bench/svg_geometry.py --count 50 --seed 3

The checks and the random procedures (1-15 steps, 1-8 roles, 0-4 decisions going back and forward, multi-role
rows) are tests/svggeometry.py's, the same tests/test_svggeometry.py holds the engine to. Per source and check:
how many SOPs have at least one such defect, and how many defects in all.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests import svggeometry as geo  # noqa: E402


def measure(root: Path, only: set[str] | None = None) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """SOPs measured, SOPs with a geometry defect (any check but the markup contract), per check (SOPs, defects)."""
    from generator.manual.load import load_manual
    from generator.render.svgflow import flowchart_pages

    manual, problems = load_manual(root, warnings=False)
    assert manual is not None, [p.format() for p in problems][:5]
    sops = [sop for sop in manual.sops if only is None or sop.id in only]
    total = {name: (0, 0) for name in geo.CHECKS}
    flawed_sops = 0
    for sop in sops:
        found = {name: 0 for name in geo.CHECKS}
        for svg in flowchart_pages(sop, manual.catalogue_of(sop).roles):
            for name, lines in geo.defects(svg).items():
                found[name] += len(lines)
        flawed_sops += any(n for name, n in found.items() if name != "contract")
        total = {name: (flawed + (found[name] > 0), count + found[name]) for name, (flawed, count) in total.items()}
    return len(sops), flawed_sops, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    from tests.conftest import FIXTURES, REVOKED, SECOND_AGENCY, with_revoked_sop, with_second_agency

    def own(overlay: Path) -> set[str]:
        return {p.stem for p in (overlay / "sop_defs").rglob("*.yaml") if not p.name.startswith("_")}

    with tempfile.TemporaryDirectory() as scratch:
        sources = {
            "acak": (geo.random_manual(Path(scratch) / "acak", args.count, args.seed), None),
            "bawaan": (REPO, None),
            "instansi-kedua": (with_second_agency(Path(scratch) / "dua"), own(SECOND_AGENCY)),
            "prosedur-panjang": (FIXTURES / "prosedur-panjang", None),
            "teks-berbahaya": (FIXTURES / "teks-berbahaya", None),
            "sop-dicabut": (with_revoked_sop(Path(scratch) / "dicabut"), own(REVOKED)),
        }
        for name, (root, only) in sources.items():
            sops, flawed, total = measure(root, only)
            print(f"{name}: {flawed} dari {sops} SOP bercacat geometri; " + ", ".join(f"{check} {flawed} SOP/{count}" for check, (flawed, count) in total.items()))


if __name__ == "__main__":
    main()
