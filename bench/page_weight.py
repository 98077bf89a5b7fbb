"""Page weight as a browser sees it: the bytes a first visit to an SOP page transfers, then the next SOP page's.

    .venv/bin/python bench/page_weight.py SITE_DIR [FIRST SECOND]   # paths such as sop/a/b/; default: the first two SOPs

The built site is served the way GitHub Pages and nginx (`gzip on`) serve it: text types gzip-compressed when the
browser accepts it, with `Cache-Control: max-age=600`, an ETag and Last-Modified, so a second page reuses the
scripts, styles and fonts the first one fetched. Headless Chromium (Debian's) opens the first page with an empty
cache, waits until the page is idle and its diagrams are drawn, then opens the second page in the same tab.

What counts is what the server sent: headers plus body as it went over the wire (compressed when it was), so a
cache hit costs nothing and a revalidation (304) costs its headers. "Uncompressed" is the same requests' file sizes.
Not part of the tests: `bench/run.py` reports these figures at 200 and 2,000 SOPs.
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import json
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# nginx `gzip_types` as commonly configured for a static site (text/html is always compressed by nginx).
GZIP_TYPES = frozenset({
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "image/svg+xml", "application/xml", "text/xml", "text/plain",
})
GZIP_LEVEL = 6  # a typical `gzip_comp_level`; nginx's default of 1 would make every figure a little larger
GZIP_MIN_LENGTH = 20  # nginx's default `gzip_min_length`
MAX_AGE = 600  # GitHub Pages' Cache-Control
KB = 1024


@dataclass(frozen=True)
class Sent:
    """One response as the server sent it."""

    path: str
    status: int
    wire: int  # header bytes + body bytes as sent (compressed when gzip was used)
    raw: int  # the body's size before compression (0 for a 304)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and GitHub Pages' cache headers; every response is logged in `sent`."""

    sent: list[Sent]
    lock: threading.Lock
    compressed: dict[tuple[str, int, int], bytes]
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml",
        ".woff2": "font/woff2", ".xml": "application/xml",
    }

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a slash
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"  # as GitHub Pages answers an unknown address
            if not path.is_file():
                self._finish(404, b"", {}, 0)
                return None
        stat = path.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        validators = {"ETag": etag, "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
                      "Cache-Control": f"max-age={MAX_AGE}"}
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self._finish(304, b"", validators, 0)
            return None
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        headers = {"Content-Type": ctype, **validators, "Vary": "Accept-Encoding"}
        if self._gzip_wanted(ctype, len(body)):
            headers["Content-Encoding"] = "gzip"
            raw, body = len(body), self._gzipped(path, stat, body)
        else:
            raw = len(body)
        self._finish(status, body, headers, raw)
        return None

    def _gzip_wanted(self, ctype: str, size: int) -> bool:
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        return accepts and ctype.split(";")[0].strip() in GZIP_TYPES and size >= GZIP_MIN_LENGTH

    def _gzipped(self, path: Path, stat: os.stat_result, body: bytes) -> bytes:
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        with self.lock:
            cached = self.compressed.get(key)
        if cached is None:
            cached = gzip.compress(body, GZIP_LEVEL, mtime=0)
            with self.lock:
                self.compressed[key] = cached
        return cached

    def _finish(self, status: int, body: bytes, headers: dict[str, str], raw: int) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        head = sum(len(line) for line in self._headers_buffer) + 2  # the blank line end_headers adds
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        with self.lock:
            self.sent.append(Sent(unquote(urlsplit(self.path).path), status, head + len(body), raw))


@contextmanager
def serving(site_dir: Path) -> Iterator[tuple[str, list[Sent]]]:
    """The site on 127.0.0.1 (a free port): its base URL and the live list of responses sent."""
    sent: list[Sent] = []
    handler = type("Handler", (_Handler,), {"sent": sent, "lock": threading.Lock(), "compressed": {}})

    def make(*args: object, **kwargs: object) -> _Handler:
        return handler(*args, directory=str(site_dir), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", sent
    finally:
        server.shutdown()
        server.server_close()


def sop_pages(site_dir: Path) -> list[str]:
    """Every SOP page's path (`sop/.../`), in order."""
    return sorted(p.parent.relative_to(site_dir).as_posix() + "/" for p in (site_dir / "sop").rglob("index.html")
                  if p.parent != site_dir / "sop")


def _open(page: object, url: str) -> list[str]:
    """Load `url` in the tab until it is idle and its diagrams are drawn; the URLs the browser asked for."""
    asked: list[str] = []
    listener = lambda request: asked.append(request.url)  # noqa: E731 - removed again below
    page.on("request", listener)  # type: ignore[attr-defined]
    page.goto(url, wait_until="networkidle")  # type: ignore[attr-defined]
    diagrams = page.locator("pre.mermaid, div.mermaid").count()  # type: ignore[attr-defined]
    if diagrams:
        page.wait_for_function(  # type: ignore[attr-defined]
            "n => document.querySelectorAll('div.mermaid').length === n && !document.querySelector('pre.mermaid')",
            arg=diagrams, timeout=60_000,
        )
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    page.remove_listener("request", listener)  # type: ignore[attr-defined]
    return asked


def _summary(sent: list[Sent], asked: list[str], top: int) -> dict[str, object]:
    biggest = sorted(sent, key=lambda s: s.wire, reverse=True)[:top]
    return {
        "kb": round(sum(s.wire for s in sent) / KB, 1),
        "raw_kb": round(sum(s.raw for s in sent) / KB, 1),
        "requests": len(asked),
        "over_network": len(sent),
        "biggest": [{"path": s.path, "status": s.status, "kb": round(s.wire / KB, 1), "raw_kb": round(s.raw / KB, 1)}
                    for s in biggest],
        "sent": [s.path for s in sent],
    }


def measure(site_dir: Path, first: str | None = None, second: str | None = None, top: int = 8) -> dict[str, object]:
    """A first visit to the SOP page `first` with an empty cache, then the SOP page `second` in the same tab.

    `first_visit_kb` and `next_page_kb` are bytes over the wire (gzip, headers included); the `_raw_kb` figures
    are the same responses uncompressed. Pages are paths under the site (`sop/unit/id/`).
    """
    from playwright.sync_api import sync_playwright

    site_dir = Path(site_dir).resolve()
    if first is None or second is None:
        pages = sop_pages(site_dir)
        if len(pages) < 2:
            raise ValueError(f"{site_dir}: fewer than two SOP pages")
        first, second = first or pages[0], second or pages[1]
    with serving(site_dir) as (base, sent), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})  # its own, empty cache
            page = context.new_page()
            asked = _open(page, base + first.lstrip("/"))
            visit, sent[:] = list(sent), []
            asked_next = _open(page, base + second.lstrip("/"))
            following = list(sent)
            context.close()
        finally:
            browser.close()
    one, two = _summary(visit, asked, top), _summary(following, asked_next, top)
    return {
        "first": first, "second": second,
        "first_visit_kb": one["kb"], "first_visit_raw_kb": one["raw_kb"], "next_page_kb": two["kb"], "next_page_raw_kb": two["raw_kb"],
        "first_visit": one, "next_page": two,
    }


def first_search(site_dir: Path, page_path: str, query: str, limit_s: float = 600) -> dict[str, object]:
    """Searching once from `page_path`: the index's size over the wire and uncompressed, and the seconds from
    typing `query` to the first result shown (the browser downloads and builds the index first)."""
    import time

    from playwright.sync_api import sync_playwright

    with serving(Path(site_dir).resolve()) as (base, sent), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            _open(page, base + page_path.lstrip("/"))
            page.keyboard.press("/")  # the theme's shortcut to the search box
            started = time.perf_counter()
            page.keyboard.type(query)
            page.wait_for_selector(".md-search-result__item", timeout=limit_s * 1000)
            seconds = time.perf_counter() - started
        finally:
            browser.close()
    index = [s for s in sent if s.path.endswith("search/search_index.json")]
    return {
        "search_index_kb": round(sum(s.wire for s in index) / KB, 1),
        "search_index_raw_kb": round(sum(s.raw for s in index) / KB, 1),
        "first_search_s": round(seconds, 1),
    }


def _print(result: dict[str, object]) -> None:
    for label, key in (("Kunjungan pertama", "first_visit"), ("Halaman SOP berikutnya", "next_page")):
        part = result[key]
        assert isinstance(part, dict)
        page = result["first" if key == "first_visit" else "second"]
        print(f"{label} ({page}): {part['kb']} KB terkirim (gzip), {part['raw_kb']} KB tanpa kompresi, "
              f"{part['requests']} permintaan, {part['over_network']} lewat jaringan")
        for item in part["biggest"]:
            print(f"    {item['kb']:>9.1f} KB  ({item['raw_kb']:>8.1f} KB)  {item['status']}  {item['path']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bobot halaman SOP seperti yang diterima peramban (gzip, cache).")
    parser.add_argument("site_dir", type=Path, help="folder situs hasil `mkdocs build`")
    parser.add_argument("pages", nargs="*", help="dua halaman SOP, mis. sop/unit/sop-1/ sop/unit/sop-2/")
    parser.add_argument("--json", action="store_true", help="cetak hasil lengkap sebagai JSON")
    args = parser.parse_args(argv)
    if len(args.pages) not in (0, 2):
        parser.error("berikan dua halaman SOP, atau tidak sama sekali")
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir}: bukan folder situs (index.html tidak ada)")
    result = measure(args.site_dir, *args.pages)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
