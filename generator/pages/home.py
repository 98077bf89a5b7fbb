"""The home page: what the manual is, the SOPs by unit, and where each kind of reader starts."""

from __future__ import annotations

from generator import urls
from generator.durations import CONVENTION
from generator.model import Manual
from generator.pages.sop import CADENCE_LABEL, total_text
from generator.templating import render


def render_home(manual: Manual, link: urls.Linker) -> str:
    units = [
        (
            unit,
            [
                (sop, link(urls.HOME, urls.sop_page(sop.id)), CADENCE_LABEL[sop.spec.cadence], total_text(sop))
                for sop in unit.sops
            ],
        )
        for unit in manual.units
    ]
    return render(
        "home.md.j2",
        org=manual.catalogue.organisation,
        units=units,
        sop_count=len(manual.sops),
        convention=CONVENTION,
    )
