"""`sopgen pdf`: print the built pages to PDF with Debian's headless Chromium, offline.

The site is built first (with "Unduh PDF" links switched on), served on 127.0.0.1,
and each SOP page, then the whole-manual page, is printed with the site's own print
stylesheet: A4, the identity part portrait, the flowchart landscape. Every sheet carries a running
header (the SOP's name and number, or the book's title) and "halaman x dari y", drawn by Chromium's
header and footer templates: Chromium fills in the page numbers, and the text from YAML goes in escaped.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


class ConfigNotUnderstood(Exception):
    """The configuration has no `sopgen` plugin entry to switch the PDF links on; the message is for the user."""


# The plugin's entry in `plugins:`, e.g. "  - sopgen:" (options follow, indented deeper) or "  - sopgen".
_ENTRY = re.compile(r"^(?P<indent>[ ]*)- sopgen:?[ ]*$")


def with_pdf_links(text: str) -> str:
    """The configuration text with `tautan_pdf: true` under the sopgen plugin, everything else untouched.

    Text, not a YAML round trip: mkdocs.yml holds tags (`!ENV`, `!!python/name`) that must stay as written.
    """
    lines = text.splitlines()
    for number, line in enumerate(lines):
        found = _ENTRY.match(line)
        if found is None:
            continue
        block, own = number + 1, len(found["indent"])
        while block < len(lines) and (not lines[block].strip() or _indent(lines[block]) > own + 1):
            block += 1  # the options: deeper than the entry's `-`
        options = [entry for entry in lines[number + 1 : block] if not entry.strip().startswith("tautan_pdf:")]
        indent = min((_indent(o) for o in options if o.strip() and not o.strip().startswith("#")), default=own + 4)
        entry = f"{found['indent']}- sopgen:"
        return "\n".join([*lines[:number], entry, " " * indent + "tautan_pdf: true", *options, *lines[block:]]) + "\n"
    raise ConfigNotUnderstood("plugin `sopgen` tidak ditemukan di `plugins:` berkas konfigurasi; tautan PDF tidak dapat dipasang")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@contextmanager
def pdf_config(config_file: Path) -> Iterator[Path]:
    """A temporary copy of `config_file` that turns the "Unduh PDF" links on, beside it so relative paths hold."""
    text = with_pdf_links(config_file.read_text(encoding="utf-8"))
    fd, name = tempfile.mkstemp(dir=config_file.parent, prefix=f".{config_file.stem}.pdf-", suffix=".yml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


class PageMissing(Exception):
    """A page to print is not in the built site; its message is for the user."""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


@dataclass(frozen=True)
class Job:
    """One PDF to print: the page's path in the site, the file name, and the running header's two parts."""

    path: str
    name: str
    title: str  # the SOP's or book's name, plain text (from YAML)
    detail: str = ""  # right of the title, e.g. "Nomor SOP: 001"


# Chromium draws the templates in the page margins (12 mm portrait, 8 mm landscape: see sop.css) at a
# default font size of zero, so every size is set here. The header keeps one line: a long name ends in "…".
# Placed near the sheet's edge, so that it keeps clear of the content in the 8 mm landscape margin.
_BAND = ("font-family:'DejaVu Sans',Arial,sans-serif;font-size:7pt;color:#333;position:absolute;left:8mm;right:8mm;"
         "display:flex;justify-content:space-between;gap:4mm;white-space:nowrap;")
_CUT = "overflow:hidden;text-overflow:ellipsis;min-width:0;"


def header_template(job: Job) -> str:
    """The running header: Chromium's template is HTML, so the names are escaped (a name is text, never markup)."""
    # A long number gets at most 40% of the line: the name stays readable beside it.
    detail = f'<span style="{_CUT}flex:none;max-width:40%">{html.escape(job.detail)}</span>' if job.detail else ""
    return f'<div style="{_BAND}top:2mm"><span style="{_CUT}">{html.escape(job.title)}</span>{detail}</div>'


def footer_template(job: Job) -> str:
    """The running footer: "halaman x dari y", the numbers filled in by Chromium, and the SOP's or book's name."""
    return (f'<div style="{_BAND}bottom:2mm"><span style="{_CUT}">{html.escape(job.title)}</span>'
            '<span style="flex:none">halaman <span class="pageNumber"></span> dari <span class="totalPages"></span></span></div>')


def print_pages(site: Path, jobs: list[Job], progress: bool = True) -> list[Path]:
    """Print each job's page of the built `site` into `site/pdf/`; each file appears whole or not at all."""
    from playwright.sync_api import sync_playwright

    out = site / "pdf"
    out.mkdir(exist_ok=True)
    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.emulate_media(media="print")
        for job in jobs:
            path, name = job.path, job.name
            if progress:
                print(f"  mencetak {name} ...", flush=True)
            response = page.goto(base + path, wait_until="networkidle")
            if response is None or not response.ok:
                raise PageMissing(f"halaman {path} tidak ada di situs yang dibangun ({response.status if response else 'tanpa jawaban'})")
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
            os.close(fd)
            try:
                page.pdf(path=tmp, format="A4", prefer_css_page_size=True, print_background=True, display_header_footer=True,
                         header_template=header_template(job), footer_template=footer_template(job))
                os.chmod(tmp, 0o644)  # mkstemp makes it private; the site serves it
                os.replace(tmp, out / name)
            finally:
                Path(tmp).unlink(missing_ok=True)
            written.append(out / name)
        browser.close()
    return written
