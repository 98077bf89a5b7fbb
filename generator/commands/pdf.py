"""`sopgen pdf`: print the built pages to PDF with Debian's headless Chromium, offline.

The site is built first (with "Unduh PDF" links switched on), served on 127.0.0.1,
and each SOP page, then the whole-manual page, is printed with the site's own print
stylesheet: A4, the identity part portrait, the flowchart landscape.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


def print_pages(site: Path, jobs: list[tuple[str, str]], progress: bool = True) -> list[Path]:
    """Print each (page path, pdf name) of the built `site` into `site/pdf/`; each file appears whole or not at all."""
    from playwright.sync_api import sync_playwright

    out = site / "pdf"
    out.mkdir(exist_ok=True)
    written = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        page.emulate_media(media="print")
        for path, name in jobs:
            if progress:
                print(f"  mencetak {name} ...", flush=True)
            response = page.goto(base + path, wait_until="networkidle")
            if response is None or not response.ok:
                raise PageMissing(f"halaman {path} tidak ada di situs yang dibangun ({response.status if response else 'tanpa jawaban'})")
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
            os.close(fd)
            try:
                page.pdf(path=tmp, format="A4", prefer_css_page_size=True, print_background=True)
                os.chmod(tmp, 0o644)  # mkstemp makes it private; the site serves it
                os.replace(tmp, out / name)
            finally:
                Path(tmp).unlink(missing_ok=True)
            written.append(out / name)
        browser.close()
    return written
