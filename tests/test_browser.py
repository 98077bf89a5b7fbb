"""The built manual in headless Chromium (Debian's), served on 127.0.0.1 with no network.

Screenshots land in test-artifacts/ to be looked at.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from tests.conftest import FIXTURES, REPO
from tests.sitebuild import build_site

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Base URLs of the shipped manual and of the hostile-text fixture manual."""
    bases, running = {}, []
    for name, data in (("manual", REPO), ("hostile", FIXTURES / "teks-berbahaya")):
        out = tmp_path_factory.mktemp(name) / "site"
        result = build_site(data, out)
        assert result.returncode == 0, result.stderr
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        running.append(server)
        bases[name] = f"http://127.0.0.1:{server.server_port}/"
        bases[f"{name}-dir"] = str(out)
    yield bases
    for server in running:
        server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: scripts/test.sh installs it")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Visit:
    """One page load with everything a reader's browser would notice."""

    def __init__(self, browser: object, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url, wait_until="networkidle")
        diagrams = self.page.locator("pre.mermaid, div.mermaid").count()
        if diagrams:
            self.page.wait_for_function(
                "n => document.querySelectorAll('div.mermaid').length === n && !document.querySelector('pre.mermaid')",
                arg=diagrams, timeout=20_000,
            )
            self.page.wait_for_timeout(200)

    def outside_requests(self, base: str) -> list[str]:
        host = urlparse(base).netloc
        return [u for u in self.requests if urlparse(u).netloc != host and not u.startswith("data:")]

    def close(self) -> None:
        self.page.close()


def site_pages(servers: dict[str, str], name: str) -> list[str]:
    """Every page of a built site: each index.html under its folder URL."""
    root = Path(servers[f"{name}-dir"])
    folders = sorted(p.parent.relative_to(root).as_posix() for p in root.rglob("index.html"))
    return [urljoin(servers[name], "" if f == "." else f + "/") for f in folders]


def diagram_sources(url: str) -> list[str]:
    import urllib.request

    with urllib.request.urlopen(url) as response:  # noqa: S310 - 127.0.0.1 only
        text = response.read().decode()
    return [html.unescape(m) for m in re.findall(r'<pre class="mermaid"><code>(.*?)</code></pre>', text, re.S)]


def check_renders_with_mermaid(visit: Visit, sources: list[str]) -> None:
    """Material draws into closed shadow roots: render each source again in the page to catch syntax errors."""
    for source in sources:
        outcome = visit.page.evaluate(
            """async (text) => {
                const m = (await import('/assets/sopgen/mermaid/mermaid.esm.min.mjs')).default;
                try { await m.render('uji' + Math.random().toString(36).slice(2), text); return 'ok'; }
                catch (e) { return 'galat: ' + e.message; }
            }""",
            source,
        )
        assert outcome == "ok", outcome


def test_every_page_loads_offline_without_errors(servers: dict[str, str], browser: object) -> None:
    base = servers["manual"]
    pages = site_pages(servers, "manual")
    assert len(pages) >= 20
    for url in pages:
        visit = Visit(browser, url)
        assert visit.errors == [], (url, visit.errors)
        assert visit.outside_requests(base) == [], (url, visit.outside_requests(base))
        visit.close()


@pytest.mark.parametrize("sop_id", ["perencanaan-kinerja", "pelaporan-kinerja-triwulan", "evaluasi-kinerja"])
def test_sop_page_renders_its_swimlane(servers: dict[str, str], browser: object, sop_id: str) -> None:
    url = urljoin(servers["manual"], f"sop/{sop_id}/")
    visit = Visit(browser, url)
    box = visit.page.locator("div.mermaid").first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 300, box
    check_renders_with_mermaid(visit, diagram_sources(url))
    assert visit.page.locator("table.sop-identity").is_visible()
    assert visit.page.locator("table.sop-procedure tbody tr").count() == {"perencanaan-kinerja": 8, "pelaporan-kinerja-triwulan": 7, "evaluasi-kinerja": 5}[sop_id]
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / f"sop-{sop_id}.png"), full_page=True)
    assert visit.errors == []
    visit.close()


def test_every_internal_link_resolves(servers: dict[str, str], browser: object) -> None:
    import urllib.error
    import urllib.request

    base = servers["manual"]
    checked: dict[str, str] = {}
    for url in site_pages(servers, "manual"):
        visit = Visit(browser, url)
        hrefs = visit.page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)")
        visit.close()
        for href in hrefs:
            target, _, anchor = href.partition("#")
            if urlparse(target).netloc != urlparse(base).netloc:
                continue
            if target not in checked:
                try:
                    with urllib.request.urlopen(target) as response:  # noqa: S310 - 127.0.0.1 only
                        checked[target] = response.read().decode(errors="replace")
                except urllib.error.HTTPError as exc:
                    pytest.fail(f"{url} links to {href}: HTTP {exc.code}")
            if anchor:
                assert f'id="{anchor}"' in checked[target], f"{url} links to missing anchor {href}"
    assert len(checked) >= 15


def test_hostile_text_shows_literally_and_runs_nothing(servers: dict[str, str], browser: object) -> None:
    base = servers["hostile"]
    url = urljoin(base, "sop/sop-berbahaya/")
    visit = Visit(browser, url)
    article = visit.page.inner_text("article")
    for literal in ("SOP <script>alert('nama')</script> # judul *miring* _garis_", "<b>001</b>",
                    "<iframe src=//example.com></iframe>", "![gambar](http://example.com/x.png)",
                    "| a | b |", "[[wikilink]] {: .kelas } :smile:", "O'Brien <img src=x onerror=alert(2)>",
                    "مرحبا بالعالم"):
        assert literal in article, literal
    assert visit.dialogs == []
    assert visit.page.locator("article script, article img:not(.sop-logo), article iframe, article b, article em").count() == 0
    assert visit.page.eval_on_selector("img.sop-logo", "img => img.naturalWidth") == 16  # the organisation's logo loads
    assert visit.outside_requests(base) == []
    box = visit.page.locator("div.mermaid").first.bounding_box()
    assert box is not None and box["height"] > 100
    check_renders_with_mermaid(visit, diagram_sources(url))
    overflow = visit.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "sop-teks-berbahaya.png"), full_page=True)
    assert visit.errors == [], visit.errors
    visit.close()


@pytest.mark.parametrize("path", ["progres/2025/", "progres/2025/tw3/", "progres/2025/tw3/pelaporan-kinerja-triwulan/",
                                  "progres/2026/tahunan/perencanaan-kinerja/", "buku-dokumentasi/"])
def test_progress_pages_render_their_charts(servers: dict[str, str], browser: object, path: str) -> None:
    url = urljoin(servers["manual"], path)
    visit = Visit(browser, url)
    sources = diagram_sources(url)
    boxes = [visit.page.locator("div.mermaid").nth(i).bounding_box() for i in range(len(sources))]
    assert len(sources) == (0 if path.endswith(("tw3/", "buku-dokumentasi/")) else 1)
    assert all(b is not None and b["width"] > 200 and b["height"] > 50 for b in boxes), boxes
    check_renders_with_mermaid(visit, sources)
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / f"{path.strip('/').replace('/', '-')}.png"), full_page=True)
    assert visit.errors == [] and visit.outside_requests(servers["manual"]) == []
    visit.close()


def test_attachment_is_served(servers: dict[str, str]) -> None:
    import urllib.request

    url = urljoin(servers["manual"], "records/2025/TW3/lampiran/laporan-kinerja-tw3-2025.pdf")
    with urllib.request.urlopen(url) as response:  # noqa: S310 - 127.0.0.1 only
        assert response.read(5) == b"%PDF-"


@pytest.mark.parametrize("path", ["progres/2024/tw1/sop-berbahaya/", "buku-dokumentasi/"])
def test_hostile_record_text_shows_literally(servers: dict[str, str], browser: object, path: str) -> None:
    base = servers["hostile"]
    visit = Visit(browser, urljoin(base, path))
    article = visit.page.inner_text("article")
    assert "<script>alert('judul')</script> [x](javascript:alert(10))" in article
    if "buku" in path:
        assert "<b>jenis</b> `kode`" in article
    else:
        assert "<script>alert('pelaksana')</script> | *x*" in article
        assert "<img src=x onerror=alert(9)>" in article
        check_renders_with_mermaid(visit, diagram_sources(urljoin(base, path)))
    assert visit.dialogs == []
    assert visit.page.locator("article script, article img, article b").count() == 0
    assert visit.outside_requests(base) == []
    assert visit.errors == [], visit.errors
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / f"teks-berbahaya-{path.strip('/').replace('/', '-')}.png"), full_page=True)
    visit.close()
