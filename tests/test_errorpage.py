"""The page `mkdocs serve` shows while the data cannot be built: the report as text, in Indonesian, self-contained."""

from __future__ import annotations

import html
import re

from generator.render.errorpage import build_error_page

REPORT = (
    "Data SOP tidak sah:\n"
    "sop_defs/a/<b>x</b>.yaml:3:1: [nama] nilai `<script>alert(1)</script>` & \"kutip\" tidak sah\n"
    "\n"
    "1 galat ditemukan; situs tidak dibangun; jalankan `sopgen validate` dan perbaiki dulu."
)


def test_every_report_line_is_shown_as_text_not_markup() -> None:
    page = build_error_page(REPORT)
    assert "<script>" not in page and "<b>" not in page
    listed = re.search(r'<pre id="galat">\n(.*)</pre>', page, re.S)
    assert listed is not None
    assert html.unescape(listed.group(1)).splitlines() == REPORT.splitlines()


def test_the_page_is_indonesian_and_requests_nothing() -> None:
    page = build_error_page(REPORT)
    assert '<html lang="id">' in page and "<h1>Situs belum dapat dibangun</h1>" in page
    assert "dimuat ulang sendiri" in page
    assert not re.search(r"\b(?:src|href)\s*=", page) and "url(" not in page
    assert page.rstrip().endswith("</body>\n</html>")  # MkDocs' live-reload script goes before </body>
