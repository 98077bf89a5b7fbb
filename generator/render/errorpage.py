"""The page `mkdocs serve` shows in place of every page while the data cannot be built."""

from __future__ import annotations

from generator.render.templating import render


def build_error_page(report: str) -> str:
    """A standalone HTML page listing `report` (the build's Indonesian message, one problem a line) as text."""
    return render("galat_data.html.j2", lines=report.splitlines())
