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
import yaml

from tests.conftest import FIXTURES, REPO, with_second_agency
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
    """Base URLs of the shipped manual, of the hostile-text fixture manual and of the shipped one with a second agency."""
    bases, running = {}, []
    second = with_second_agency(tmp_path_factory.mktemp("dua") / "data")  # BKPSDM: SOPs of 6 to 9 actors
    for name, data in (("manual", REPO), ("hostile", FIXTURES / "teks-berbahaya"), ("dua", second)):
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


# Material draws diagrams into closed shadow roots; a test that measures the drawing opens them.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) { return attach.call(this, { ...init, mode: "open" }); };
"""


class Visit:
    """One page load with everything a reader's browser would notice."""

    def __init__(self, browser: object, url: str, *, settle: bool = True, width: int = 1400, open_shadows: bool = False) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 1000})  # type: ignore[attr-defined]
        if open_shadows:
            self.page.add_init_script(OPEN_SHADOW_ROOTS)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url, wait_until="networkidle" if settle else "commit")
        if settle:
            self.settle()

    def settle(self) -> None:
        """Wait until the page is idle and its diagrams are drawn."""
        self.page.wait_for_load_state("networkidle")
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


def visit_all(browser: object, urls: list[str], tabs: int = 4) -> Iterator[Visit]:
    """Each URL loaded and settled, a few tabs loading at once (most of a load is waiting for the network to go idle)."""
    for start in range(0, len(urls), tabs):
        visits = [Visit(browser, url, settle=False) for url in urls[start : start + tabs]]
        for visit in visits:
            visit.settle()
            yield visit
            visit.close()


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


def test_every_page_loads_offline_without_errors_and_every_internal_link_resolves(
    servers: dict[str, str], browser: object,
) -> None:
    """One crawl of the shipped manual: each page runs without errors, asks nothing of another host, and each of its
    links (with its anchor) leads to a page that exists."""
    import urllib.error
    import urllib.request

    base = servers["manual"]
    pages = site_pages(servers, "manual")
    assert len(pages) >= 20
    checked: dict[str, str] = {}
    for visit in visit_all(browser, pages):
        url = visit.page.url
        assert visit.errors == [], (url, visit.errors)
        assert visit.outside_requests(base) == [], (url, visit.outside_requests(base))
        for href in visit.page.eval_on_selector_all("article a[href]", "els => els.map(e => e.href)"):
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


# Performance pages: (path, charts drawn). A quarter draws capaian per indicator and one target chart per indicator
# with a realisation; an indicator its history; the year's tables and the overview draw none.
PERFORMANCE_PAGES = [("kinerja/diskominfo/2025/tw3/", 5), ("kinerja/diskominfo/2025/tw2/", 5), ("kinerja/diskominfo/2026/tw2/", 4),
                     ("kinerja/diskominfo/indikator/waktu-tanggap-aduan/", 1), ("kinerja/diskominfo/2025/", 0),
                     ("kinerja/diskominfo/", 0)]


@pytest.mark.parametrize(("path", "charts"), PERFORMANCE_PAGES)
def test_performance_pages_load_offline_and_draw_their_charts(servers: dict[str, str], browser: object, path: str, charts: int) -> None:
    url = urljoin(servers["manual"], path)
    visit = Visit(browser, url)
    sources = diagram_sources(url)
    assert len(sources) == charts and all("xychart-beta" in s for s in sources)
    boxes = [visit.page.locator("div.mermaid").nth(i).bounding_box() for i in range(len(sources))]
    assert all(b is not None and b["width"] > 300 and b["height"] > 200 for b in boxes), boxes
    check_renders_with_mermaid(visit, sources)
    assert visit.page.locator("article .sop-example").count() == 1  # example data, said so
    shot(visit, f"{path.strip('/').replace('/', '-')}.png")
    assert visit.errors == [] and visit.outside_requests(servers["manual"]) == []
    visit.close()


def test_the_year_downloads_are_served_and_open_as_spreadsheets(servers: dict[str, str]) -> None:
    import io
    import urllib.request

    from openpyxl import load_workbook

    base = urljoin(servers["manual"], "kinerja/diskominfo/2025/")
    with urllib.request.urlopen(urljoin(base, "lkjip-diskominfo-2025.xlsx")) as response:  # noqa: S310 - 127.0.0.1 only
        book = load_workbook(io.BytesIO(response.read()))
    assert book.sheetnames == ["Perjanjian Kinerja", "Pengukuran Kinerja", "Capaian Renstra", "Keterangan"]
    with urllib.request.urlopen(urljoin(base, "pengukuran-kinerja-diskominfo-2025.csv")) as response:  # noqa: S310
        assert response.read().decode("utf-8-sig").startswith("No,Sasaran,Indikator,Satuan,Target,Realisasi")


@pytest.mark.parametrize("path", ["jabatan/kadis/", "progres/2026/tw4/", "progres/2025/tw3/pelaporan-kinerja-triwulan/"])
def test_what_comes_next_is_readable_on_a_phone(servers: dict[str, str], browser: object, path: str) -> None:
    """390 px wide: the page never scrolls sideways; the tasks and quarter tables scroll inside their wrapper."""
    visit = Visit(browser, urljoin(servers["manual"], path))
    visit.page.set_viewport_size({"width": 390, "height": 844})
    visit.page.wait_for_timeout(300)
    page_width, screen = visit.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert page_width <= screen, (path, page_width, screen)
    wrapped = visit.page.evaluate(
        """() => Array.from(document.querySelectorAll('table.sop-tasks, table.sop-quarter, table.sop-form'))
            .map(t => { const w = t.closest('.sop-table-wrap'); return w ? getComputedStyle(w).overflowX : 'none'; })"""
    )
    assert wrapped and set(wrapped) == {"auto"}, (path, wrapped)
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / f"ponsel-{path.strip('/').replace('/', '-')}.png"), full_page=True)
    assert visit.errors == []
    visit.close()


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


# --- The hostile manual: every text field carries script payloads (tests/fixtures/teks-berbahaya). ---

HOSTILE = FIXTURES / "teks-berbahaya"
HOSTILE_SOP = "sop/sop-berbahaya/"
HOSTILE_ROLES = ["jabatan/pengirim/", "jabatan/penerima/"]
# Pages with a table of contents built from data headings (unit, legal basis, role and SOP names).
HOSTILE_TOC_PAGES = ["", "dasar-hukum/", "kualifikasi/"]
# A title (page, navigation) may hold no markup: no < or >, and no & that starts an entity (striptags decodes
# entities). The plugin shows look-alikes instead; READ_BACK turns a shown title back into the data it shows.
READ_BACK = str.maketrans({"\u2039": "<", "\u203a": ">", "\uff06": "&", "\u201d": '"', "\u2019": "'", "\u2060": None})
MARKUP_IN_TITLE = re.compile(r"[<>]|&[#A-Za-z0-9]")

# Elements the payloads would create if any reached the page as markup: event handlers, their
# images and frames, inline scripts that alert, javascript: links, and the markup words of the
# fixture (<b>001</b>, <em>coba</em>, *m101*, `kode`, {: .kelas } ...). The theme has none of these.
INJECTED = """() => {
    const words = {b: /^(001|Kabupaten|"konsep"|jenis|catatan)$/, em: /^(coba|miring|garis|tebal|x|m\\d+)$/,
                   i: /^(miring|garis|tebal|x|m\\d+)$/, u: /^x$/, code: /^kode$/};
    const found = [];
    const visit = (root) => {
        for (const el of root.querySelectorAll('*')) {
            const tag = el.localName;
            const bad = Array.from(el.attributes).some(a => a.name.startsWith('on'))
                || ['iframe', 'frame', 'object', 'embed'].includes(tag)
                || (tag === 'img' && /(^|\\/)x$/.test(el.getAttribute('src') || ''))
                || (tag === 'script' && !el.src && /alert|DISUS/.test(el.textContent))
                || (tag === 'a' && /^\\s*javascript:/i.test(el.getAttribute('href') || ''))
                || el.classList.contains('kelas')
                || (Object.hasOwn(words, tag) && words[tag].test(el.textContent.trim()));
            if (bad) found.push(el.outerHTML.slice(0, 160));
            if (el.shadowRoot) visit(el.shadowRoot);
        }
    };
    visit(document);
    return found;
}"""
# title= attributes holding markup characters (Material shows a title as HTML); `outside` leaves out one part of the page.
TITLES_WITH_MARKUP = """outside => Array.from(document.querySelectorAll('[title]'))
    .filter(e => !(outside && e.closest(outside)) && /[<>]/.test(e.title)).map(e => e.title)"""


def one_line(text: str) -> str:
    return " ".join(text.split())


def hostile_yaml(rel: str) -> dict:
    return yaml.safe_load((HOSTILE / rel).read_text(encoding="utf-8"))


def test_hostile_fixture_puts_a_payload_in_every_text_field() -> None:
    """Each field shown on the site carries its own numbered payload (so a failure names the field)."""
    sop = hostile_yaml("sop_defs/instansi-uji/unit-uji/sop-berbahaya.yaml")
    org = hostile_yaml("sop_defs/_pemerintah.yaml") | hostile_yaml("sop_defs/instansi-uji/_instansi.yaml")
    roles = hostile_yaml("sop_defs/_jabatan.yaml")
    basis = hostile_yaml("sop_defs/_dasar_hukum.yaml")["uu-1-2000"]
    document = hostile_yaml("sop_defs/_dokumen.yaml")["dok"]
    record = hostile_yaml("records/2024/TW1/sop-berbahaya.yaml")["pelaksanaan"]
    monitoring = hostile_yaml("records/2024/pemantauan/sop-berbahaya-2024-03-01.yaml")
    lke = hostile_yaml("sop_defs/_lke.yaml")
    lke_component = lke["komponen"]["uji"]
    (indicator,) = hostile_yaml("sop_defs/instansi-uji/_kinerja.yaml")["indikator"]
    agreement = hostile_yaml("records/2024/kinerja/instansi-uji/pk.yaml")
    (realisation,) = hostile_yaml("records/2024/kinerja/instansi-uji/TW1.yaml")["realisasi"]
    step1, step2 = sop["langkah"]
    fields = {
        101: sop["nama"], 102: sop["nomor"], 103: sop["unit"], 104: sop["kualifikasi_pelaksana"][-1],
        105: sop["peralatan_perlengkapan"][-1], 106: sop["peringatan"], 107: sop["pencatatan_pendataan"],
        111: step1["kegiatan"], 112: step1["kelengkapan"], 113: step1["output"], 114: step1["keterangan"],
        121: step2["kegiatan"], 122: step2["kelengkapan"], 123: step2["output"], 124: step2["keterangan"],
        125: step2["keputusan"]["pertanyaan"],
        131: org["pemerintah"], 132: org["nama"], 135: org["singkatan"], 178: sop["sub_unit"], 179: sop["keterkaitan"][1]["teks"], 133: org["kepala"]["jabatan"], 134: org["kepala"]["nama"],
        141: roles["pengirim"]["nama"], 142: roles["pengirim"]["singkatan"],
        143: roles["penerima"]["nama"], 144: roles["penerima"]["singkatan"],
        151: basis["jenis"], 152: basis["nomor"], 153: basis["tentang"], 161: document["nama"], 162: document["keterangan"],
        171: record[0]["pelaksana"], 172: record[0]["catatan"], 173: record[0]["dokumen"][0]["jenis"],
        174: record[0]["dokumen"][0]["judul"], 175: record[0]["dokumen"][0]["nomor"], 176: record[1]["pelaksana"],
        181: monitoring["catatan"], 182: monitoring["tindakan"], 183: monitoring["penilai"]["nama"],
        184: monitoring["penilai"]["jabatan"],
        191: lke["nama"], 192: lke["sumber"], 193: lke_component["nama"],
        194: lke_component["subkomponen"]["keberadaan"]["nama"],
        195: lke_component["subkomponen"]["keberadaan"]["kriteria"][0]["uraian"],
        201: indicator["nama"], 202: indicator["sasaran"], 203: indicator["satuan"], 204: indicator["rumus"],
        205: indicator["sumber_data"], 206: agreement["pihak_kedua"]["jabatan"], 207: agreement["pihak_kedua"]["nama"],
        208: realisation["catatan"],
    }
    for n, text in fields.items():
        for payload in (f'</title><script>alert("{n}")</script>', f'"><img src=x onerror=alert({n})>',
                        f"'><svg onload=alert({n})>", f"&lt;img src=x onerror=alert({n})&gt;", f"*m{n}*", f"end --> X{{\"{n}\"}} %%"):
            assert payload in text, (n, payload)
    assert org["kepala"]["nip"] == "19680814 200212 1 004"
    assert 'onerror=alert(177)' in record[0]["dokumen"][0]["tautan"]


def test_hostile_site_runs_nothing_on_any_page(servers: dict[str, str], browser: object) -> None:
    """Every page of the hostile manual: no dialog, no error, nothing injected, nothing fetched from outside, a plain title."""
    base, root = servers["hostile"], Path(servers["hostile-dir"])
    pages = site_pages(servers, "hostile")
    assert len(pages) >= 25
    titled = {HOSTILE_SOP: 101, "progres/2024/tw1/sop-berbahaya/": 101, "dokumen/dok/": 161,
              HOSTILE_ROLES[0]: 142, HOSTILE_ROLES[1]: 144}  # pages whose title comes from a data field
    for visit in visit_all(browser, pages):
        path = visit.page.url[len(base):]
        head = (root / path / "index.html").read_text(encoding="utf-8").split("</head>")[0]
        assert head.count("<title>") == 1 and head.count("</title>") == 1, path
        assert visit.dialogs == [], (path, visit.dialogs)
        assert visit.errors == [], (path, visit.errors)
        assert visit.page.evaluate(INJECTED) == [], path
        assert visit.outside_requests(base) == [], (path, visit.outside_requests(base))
        title = visit.page.title()
        assert not MARKUP_IN_TITLE.search(title), (path, title)
        if path in titled:  # the payload shows in look-alikes: ‹/title›‹script›alert(”101”)‹/script› ...
            assert "\u2039/title\u203a" in title, (path, title)
            assert f'</title><script>alert("{titled[path]}")</script>' in title.translate(READ_BACK), (path, title)
    assert set(titled) <= {u[len(base):] for u in pages}


# A hover target: a link, or an element with a title (Material turns it into a tooltip) or a data-nama.
HOVER_TARGETS = "a, [title], [data-nama]"
# Material's table of contents, in the right sidebar (and nested in the navigation on narrow screens).
TOC = ".md-nav--secondary"


def hover_all(visit: Visit, *, in_toc: bool) -> int:
    """Hover each visible target outside (or only inside) the table of contents, as a reader's mouse would."""
    marked = visit.page.eval_on_selector_all(
        HOVER_TARGETS,
        "(els, [toc, inToc]) => els.filter(e => !!e.closest(toc) === inToc).map((e, i) => (e.dataset.ujiHover = i)).length",
        [TOC, in_toc],
    )
    assert marked > 0
    hovered = 0
    targets = visit.page.locator("[data-uji-hover]:visible")
    for i in range(targets.count()):
        target = targets.nth(i)
        try:
            target.hover(timeout=1_000)
        except playwright_api.Error:
            try:
                target.hover(timeout=1_000, force=True)  # covered by another element: hover its place anyway
            except playwright_api.Error:
                continue
        hovered += 1
    visit.page.wait_for_timeout(300)  # Material shows a tooltip after a short delay
    return hovered


def check_nothing_ran(visit: Visit, path: str, outside: str | None = None) -> None:
    assert visit.dialogs == [], (path, visit.dialogs)
    assert visit.page.evaluate(INJECTED) == [], path
    assert visit.page.evaluate(TITLES_WITH_MARKUP, outside) == [], path
    assert visit.errors == [], (path, visit.errors)


@pytest.mark.parametrize("path", [HOSTILE_SOP, *HOSTILE_ROLES, *HOSTILE_TOC_PAGES])
def test_hovering_shows_text_and_never_markup(servers: dict[str, str], browser: object, path: str) -> None:
    """Header, navigation, content and footer: tooltips (Material's content.tooltips) and the role-name hint show text."""
    visit = Visit(browser, urljoin(servers["hostile"], path))
    hovered = hover_all(visit, in_toc=False)
    assert hovered >= 10, hovered
    check_nothing_ran(visit, path, outside=TOC)
    visit.close()


@pytest.mark.parametrize("path", [*HOSTILE_ROLES, *HOSTILE_TOC_PAGES])
def test_hovering_the_table_of_contents_shows_text(servers: dict[str, str], browser: object, path: str) -> None:
    """A truncated contents entry gets its text copied into a tooltip inserted as HTML: that text must hold no markup."""
    visit = Visit(browser, urljoin(servers["hostile"], path))
    hovered = hover_all(visit, in_toc=True)
    assert hovered >= 1, hovered
    entry = visit.page.locator(f"{TOC} a[data-uji-hover]:visible").filter(has_text="Kata_yang_sangat_panjang").first
    if entry.count():
        entry.hover()
        visit.page.wait_for_timeout(400)
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(ARTIFACTS / f"teks-berbahaya-daftar-isi-{path.strip('/').replace('/', '-') or 'beranda'}.png"))
    check_nothing_ran(visit, path)
    visit.close()


def test_role_column_header_shows_the_full_role_name_as_text(servers: dict[str, str], browser: object) -> None:
    roles = hostile_yaml("sop_defs/_jabatan.yaml")
    visit = Visit(browser, urljoin(servers["hostile"], HOSTILE_SOP))
    headers = visit.page.locator("table.sop-procedure a.sop-role")
    assert headers.count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    for i, role_id in enumerate(["pengirim", "penerima"]):
        header, name = headers.nth(i), " ".join(roles[role_id]["nama"].split())
        assert not header.get_attribute("title")
        assert header.evaluate("el => getComputedStyle(el, '::after').content") in ("none", "normal")
        header.hover()
        shown = header.evaluate("el => getComputedStyle(el, '::after').content")
        assert shown == '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"', shown
        assert visit.page.evaluate(INJECTED) == [] and visit.dialogs == []
        visit.page.screenshot(path=str(ARTIFACTS / f"teks-berbahaya-kolom-{role_id}.png"))  # the hint under the mouse
    assert visit.errors == [], visit.errors
    visit.close()


def test_hostile_navigation_shows_the_payload_as_text(servers: dict[str, str], browser: object) -> None:
    sop = hostile_yaml("sop_defs/instansi-uji/unit-uji/sop-berbahaya.yaml")
    roles = hostile_yaml("sop_defs/_jabatan.yaml")
    document = hostile_yaml("sop_defs/_dokumen.yaml")["dok"]
    expected = {
        HOSTILE_SOP: [sop["unit"], sop["nama"]],
        HOSTILE_ROLES[0]: [r["singkatan"] for r in roles.values()],
        "dokumen/dok/": [document["nama"]],
    }
    for path, texts in expected.items():
        visit = Visit(browser, urljoin(servers["hostile"], path))
        # The site's navigation (not the page's table of contents, which Material nests in it).
        entries = visit.page.eval_on_selector_all(
            ".md-sidebar--primary .md-nav__link",
            "els => els.filter(e => !e.closest('.md-nav--secondary')).map(e => e.textContent.split(/\\s+/).join(' ').trim())",
        )
        assert not any(MARKUP_IN_TITLE.search(entry) for entry in entries), entries
        for text in texts:  # the whole field, in look-alikes
            assert one_line(text) in [entry.translate(READ_BACK) for entry in entries], (path, text, entries)
        assert visit.page.eval_on_selector_all(
            ".md-sidebar--primary .md-nav__link", "els => els.flatMap(e => Array.from(e.querySelectorAll('b, i, em, u, img, script, iframe')))"
            ".length") == 0
        assert visit.page.evaluate(INJECTED) == [] and visit.dialogs == [] and visit.errors == []
        visit.close()


def test_hostile_search_results_show_text(servers: dict[str, str], browser: object) -> None:
    """Material's search: results are inserted as HTML from the index, so the index must hold escaped text."""
    base = servers["hostile"]
    visit = Visit(browser, base)
    page = visit.page
    ARTIFACTS.mkdir(exist_ok=True)
    for query, target, literal in (("judul", HOSTILE_SOP, "</title><script>alert(\"101\")</script>"),
                                   ("Pengirim", HOSTILE_ROLES[0], "<img src=x onerror=alert(141)>")):
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "")
        page.keyboard.type(query, delay=20)
        page.wait_for_function(
            "t => Array.from(document.querySelectorAll('.md-search-result__item a'), a => a.pathname).includes(t)",
            arg="/" + target, timeout=10_000,
        )
        page.wait_for_timeout(300)
        assert literal in page.inner_text(".md-search-result"), query
        assert page.evaluate(INJECTED) == [] and visit.dialogs == [], query
        if query == "judul":
            page.screenshot(path=str(ARTIFACTS / "teks-berbahaya-pencarian.png"))
    # Opening a result highlights the query in the page (search.highlight).
    page.click(f".md-search-result__item a[href*='{HOSTILE_ROLES[0]}']")
    page.wait_for_load_state("networkidle")
    assert "?h=" in page.url and page.locator("article mark").count() > 0
    assert page.evaluate(INJECTED) == [] and visit.dialogs == []
    assert visit.outside_requests(base) == [] and visit.errors == [], visit.errors
    visit.close()


def test_heavy_parts_load_only_where_and_when_needed(servers: dict[str, str], browser: object) -> None:
    """Mermaid only on a page with a diagram; the search index only once someone searches; the form without JS."""
    base = servers["manual"]
    index = urljoin(base, "search/search_index.json")
    visit = Visit(browser, urljoin(base, "dasar-hukum/"), settle=False)
    page = visit.page
    page.wait_for_load_state("networkidle")
    assert not [u for u in visit.requests if "/mermaid" in u and "mermaid-loader" not in u], visit.requests
    page.goto(urljoin(base, "sop/evaluasi-kinerja/"), wait_until="networkidle")
    assert any("/mermaid/" in u for u in visit.requests) and index not in visit.requests
    page.keyboard.press("/")  # the theme's shortcut to the search box
    page.keyboard.type("evaluasi")
    page.wait_for_function(
        "t => Array.from(document.querySelectorAll('.md-search-result__item a'), a => a.pathname).includes(t)",
        arg="/sop/evaluasi-kinerja/", timeout=10_000,
    )
    assert visit.requests.count(index) == 1 and visit.errors == [], visit.errors
    visit.close()
    # The official form is drawn by the server: with JavaScript off it is all there.
    plain = browser.new_page(java_script_enabled=False)  # type: ignore[attr-defined]
    plain.goto(urljoin(base, "sop/evaluasi-kinerja/"))
    form = plain.locator("svg.sop-flowchart").first
    assert form.is_visible() and "Membuat notulen/ringkasan hasil" in form.text_content()
    plain.close()


# What staff type into the search box, the page they are after, and the words its result must highlight.
STAFF_SEARCHES = (
    ("Perpres 29", "/dasar-hukum/#perpres-29-2014", ("perpres", "29")),  # the legal-basis register, on both words
    ("kasubag", "/jabatan/kasubag-perencanaan/", ("kasubag",)),          # a role by its column name
    ("LKj", "/dokumen/lkj/", ("lkj",)),                                   # a document by its short name
    ("triwulan III", "/progres/2025/tw3/", ("triwulan", "iii")),          # a quarter page
)
# Each result link shown (sections folded under "N lagi di halaman ini" too): where it goes, in which
# place its page is listed, the words marked in it, and the words Material reports it does not contain.
RESULTS = """() => Array.from(document.querySelectorAll('.md-search-result__item')).flatMap((item, rank) =>
    Array.from(item.querySelectorAll('a.md-search-result__link'), a => ({
        target: new URL(a.href).pathname + new URL(a.href).hash, rank,
        marked: Array.from(a.querySelectorAll('mark'), m => m.textContent.toLowerCase()),
        missing: (a.querySelector('.md-search-result__terms') || {}).textContent || '',
        text: a.textContent,
    })))"""


def search_as_staff(page: object, query: str) -> list[dict]:
    page.fill("input.md-search__input", "")  # type: ignore[attr-defined]
    page.keyboard.type(query)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => document.querySelector('.md-search-result__list mark') && document.querySelector('input.md-search__input').value === q",
        arg=query, timeout=10_000,
    )
    page.wait_for_timeout(200)  # type: ignore[attr-defined]
    return page.evaluate(RESULTS)  # type: ignore[attr-defined]


def test_search_finds_what_staff_type(servers: dict[str, str], browser: object) -> None:
    """Short forms, column names and quarter names find their page among the first results, matched on every word;
    and a snippet keeps two table cells apart."""
    visit = Visit(browser, urljoin(servers["manual"], "jabatan/"), width=390)  # a light page, on a phone
    page = visit.page
    page.click(".md-header__button[for=__search]")  # the magnifier in the header opens the search box
    for query, target, words in STAFF_SEARCHES:
        results = search_as_staff(page, query)
        found = [r for r in results if r["target"] == target]
        assert found, (query, [r["target"] for r in results][:12])
        [hit] = found
        assert hit["rank"] < 5, (query, hit["rank"], [r["target"] for r in results][:12])  # among the first five pages listed
        assert hit["missing"] == "" and set(words) <= set(hit["marked"]), (query, hit)
        if query == "Perpres 29":
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "pencarian-perpres-ponsel.png"))
    # The identity table: "Tanggal Pembuatan" and its date are two cells, not one word "Pembuatan1".
    results = search_as_staff(page, "Pembuatan")
    [identity] = [r for r in results if r["target"] == "/sop/evaluasi-kinerja/#identitas-sop"]
    assert "Pembuatan 1 Maret 2022" in " ".join(identity["text"].split()), identity["text"]
    assert "SELATANDINAS" not in identity["text"] and "Pembuatan1" not in identity["text"]
    page.screenshot(path=str(ARTIFACTS / "pencarian-pembuatan-ponsel.png"))
    assert visit.outside_requests(servers["manual"]) == [] and visit.errors == [], visit.errors
    visit.close()


# --- Phone (390 px) and laptop (1366 px) widths: tables reflow or scroll inside a marked container. ---

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
# Containers that may scroll sideways on their own; anything else wider than the screen is a defect.
SCROLLERS = ".sop-table-wrap, .sop-print-flow, .mermaid, pre, .md-typeset__scrollwrap"
OVERFLOWING = """scrollers => {
    const right = document.documentElement.clientWidth;
    return Array.from(document.querySelectorAll('article *'))
        .filter(e => e.getBoundingClientRect().right > right + 1 && e.getClientRects().length)
        .filter(e => { const box = e.closest(scrollers) || (e.matches(scrollers) ? e : null);
                       return !box || !['auto', 'scroll'].includes(getComputedStyle(box).overflowX); })
        .map(e => `${e.localName}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`).slice(0, 5);
}"""
# Each identity label: how many lines its text takes, and whether its value starts below it (phone) or beside it.
LABELS = """() => Array.from(document.querySelectorAll('.sop-identity th, .sop-identity-lists th')).map(th => {
    const range = document.createRange(); range.selectNodeContents(th);
    const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size;
    return [th.textContent, lines];
})"""
# Each heading of the procedure table: its words and the lines its text takes (a word broken in two adds a line).
HEADINGS = """() => Array.from(document.querySelectorAll('table.sop-procedure thead th')).map(th => {
    const node = th.querySelector('a') ? th.querySelector('a').firstChild : th.firstChild;  // the role's short name, not its hidden full name
    const text = node.textContent;
    const range = document.createRange(); range.selectNodeContents(node);
    return [text, text.trim().split(/\\s+/).length, new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size];
})"""


def phone_visit(browser: object, url: str, viewport: dict[str, int] = PHONE) -> Visit:
    visit = Visit(browser, url)
    visit.page.set_viewport_size(viewport)
    visit.page.wait_for_timeout(300)
    return visit


def shot(visit: Visit, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.mark.parametrize(("site", "path"), [
    ("manual", "sop/pelaporan-kinerja-triwulan/"), ("dua", "sop/penyusunan-daftar-gaji/"), ("dua", "sop/usul-kenaikan-pangkat/"),
    ("manual", "progres/2025/"), ("manual", "progres/2025/tw3/"), ("manual", "progres/2025/tw3/pelaporan-kinerja-triwulan/"),
    ("manual", "jabatan/kadis/"), ("dua", "progres/2026/"),
    ("manual", "kinerja/diskominfo/2025/tw3/"), ("manual", "kinerja/diskominfo/2025/"),
    ("manual", "kinerja/diskominfo/indikator/persentase-pd-terhubung-jip/"),
])
def test_nothing_overflows_a_phone_outside_its_scroll_containers(servers: dict[str, str], browser: object, site: str, path: str) -> None:
    visit = phone_visit(browser, urljoin(servers[site], path))
    page_width, screen = visit.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert page_width <= screen, (path, page_width, screen)
    assert visit.page.evaluate(OVERFLOWING, SCROLLERS) == [], path
    # A table or SVG form that scrolls says so, and one that fits does not.
    wraps = visit.page.eval_on_selector_all(
        ".sop-table-wrap, .sop-print-flow", """els => els.map(w => [w.scrollWidth > w.clientWidth + 1, w.classList.contains('sop-scroll--overflow'),
            !!w.previousElementSibling && w.previousElementSibling.classList.contains('sop-scroll-hint')
            && getComputedStyle(w.previousElementSibling).display !== 'none'])""")
    assert wraps and all(overflows == marked == hinted for overflows, marked, hinted in wraps), (path, wraps)
    shot(visit, f"ponsel-{site}-{path.strip('/').replace('/', '-')}.png")


# Every drawn diagram on the page: its smallest text as the reader sees it (computed font size times
# the SVG's scale), whether its frame scrolls sideways, and the hint and "Perbesar" button over it.
MEASURE_DIAGRAMS = """() => [...document.querySelectorAll('div.mermaid')].map(host => {
    const svg = host.shadowRoot.querySelector('svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const texts = [...svg.querySelectorAll('text, tspan, foreignObject *')].filter(e =>
        [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()));
    const sizes = texts.map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
    const tools = host.closest('.sop-bagan')?.querySelector('.sop-bagan-alat');
    const button = tools?.querySelector('button.sop-bagan-perbesar');
    return {
        texts: texts.length, smallest: Math.min(...sizes),
        wider: host.scrollWidth > host.clientWidth + 1, scrolls: getComputedStyle(host).overflowX,
        hint: tools && !tools.hidden ? tools.innerText : null,
        button: button && !tools.hidden && button.getBoundingClientRect().width > 0 ? button.innerText : null,
    };
})"""

SWIMLANES = [("manual", s) for s in ("perencanaan-kinerja", "pelaporan-kinerja-triwulan", "evaluasi-kinerja")] + [
    ("dua", s) for s in ("permohonan-informasi-publik", "penyusunan-daftar-gaji", "usul-kenaikan-pangkat")
]


@pytest.mark.parametrize("width", [1366, 390])
def test_swimlane_text_is_never_below_12px_and_a_wide_one_scrolls_with_a_hint(
    servers: dict[str, str], browser: object, width: int
) -> None:
    """Shipped SOPs and the second agency's 6- and 7-lane SOPs, at a laptop's and a phone's width."""
    for site, sop_id in SWIMLANES:
        visit = Visit(browser, urljoin(servers[site], f"sop/{sop_id}/"), width=width, open_shadows=True)
        (diagram,) = visit.page.evaluate(MEASURE_DIAGRAMS)
        assert diagram["texts"] >= 8 and diagram["smallest"] >= 11.99, (sop_id, width, diagram)
        assert diagram["scrolls"] == "auto"
        if diagram["wider"]:
            assert diagram["hint"] and "geser ke samping" in diagram["hint"], (sop_id, width, diagram)
            assert diagram["button"] == "Perbesar", (sop_id, width, diagram)
        else:
            assert diagram["hint"] is None and diagram["button"] is None, (sop_id, width, diagram)
        page_width = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert page_width <= 0, (sop_id, width, page_width)  # only the diagram's own frame scrolls
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.locator(".sop-bagan").first.screenshot(path=str(ARTIFACTS / f"lajur-{sop_id}-{width}.png"))
        assert visit.errors == [], visit.errors
        visit.close()
    # the 7-lane SOP is wider than a laptop's column: it keeps its size and scrolls
    visit = Visit(browser, urljoin(servers["dua"], "sop/usul-kenaikan-pangkat/"), width=width, open_shadows=True)
    assert visit.page.evaluate(MEASURE_DIAGRAMS)[0]["wider"]
    visit.close()


# --- The official SVG form (.sop-print-flow), drawn at its natural width (scale 1) beside the procedure table. ---

# The form on the page: its smallest text as the reader sees it (computed font size times the SVG's scale,
# over every page of the form), whether its frame scrolls sideways, and the hint above it.
MEASURE_FORM = """() => [...document.querySelectorAll('.sop-print-flow')].map(flow => {
    const svgs = [...flow.querySelectorAll('svg')];
    const sizes = svgs.flatMap(svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('text, tspan')].filter(e =>
            [...e.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim()))
            .map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
    });
    const hint = flow.previousElementSibling;
    const shown = !!hint && hint.classList.contains('sop-scroll-hint') && getComputedStyle(hint).display !== 'none' && hint.offsetHeight > 0;
    return {
        svgs: svgs.length, texts: sizes.length, smallest: Math.min(...sizes),
        width: flow.scrollWidth, column: flow.clientWidth, wider: flow.scrollWidth > flow.clientWidth + 1,
        scrolls: getComputedStyle(flow).overflowX, marked: flow.classList.contains('sop-scroll--overflow'),
        hint: shown ? hint.innerText : null,
    };
})"""
FITS_A_LAPTOP = 8  # actor columns the form holds in a 1366 px screen's content column (issue 17)


def _forms() -> list[tuple[str, str, int]]:
    """(site, SOP id, actor columns) for every SOP of the shipped site and of the site with the second agency."""
    def sops(root: Path) -> list[tuple[str, int]]:
        return [(p.stem, len(yaml.safe_load(p.read_text(encoding="utf-8"))["pelaksana"]))
                for p in sorted((root / "sop_defs").rglob("*.yaml")) if not p.name.startswith("_")]
    shipped = sops(REPO)
    return [("manual", s, n) for s, n in shipped] + [("dua", s, n) for s, n in shipped + sops(FIXTURES / "instansi-kedua")]


FORMS = _forms()


@pytest.mark.parametrize(("site", "sop_id", "actors"), FORMS, ids=[f"{s}-{i}-{n}" for s, i, n in FORMS])
def test_the_form_fits_a_laptop_up_to_eight_actors_and_scrolls_with_a_hint_beyond(
    servers: dict[str, str], browser: object, site: str, sop_id: str, actors: int
) -> None:
    """1366 x 900: text never below 9 px; a form of up to 8 actor columns fits the content column,
    a wider one keeps its size and scrolls in its own frame under the hint; the page never scrolls sideways."""
    visit = phone_visit(browser, urljoin(servers[site], f"sop/{sop_id}/"), LAPTOP)
    ARTIFACTS.mkdir(exist_ok=True)
    # A form taller than the screen is shot in parts: keep Material's fixed header from being painted over it.
    visit.page.add_style_tag(content=".md-header, .md-tabs { visibility: hidden !important; }")
    visit.page.locator(".sop-print-flow").screenshot(path=str(ARTIFACTS / f"formulir-{site}-{sop_id}-1366.png"))
    (form,) = visit.page.evaluate(MEASURE_FORM)
    assert form["svgs"] >= 1 and form["texts"] >= 20 and form["smallest"] >= 8.99, (sop_id, form)
    assert form["scrolls"] == "auto", form
    assert form["marked"] == form["wider"] and (form["hint"] is not None) == form["wider"], (sop_id, form)
    if form["hint"] is not None:
        assert "Geser ke samping" in form["hint"], form
    page_width = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert page_width <= 0, (sop_id, page_width)
    assert visit.errors == [], visit.errors
    visit.close()
    # The target of the layout engine: a form of up to 8 actors at scale 1 fits; beyond 8 it is wider.
    if actors <= FITS_A_LAPTOP:
        assert not form["wider"], f"{sop_id}: {actors} actors, form {form['width']} px in a {form['column']} px column"
    else:
        assert form["wider"], (sop_id, actors, form)


@pytest.mark.parametrize(("site", "sop_id", "actors"), FORMS, ids=[f"{s}-{i}-{n}" for s, i, n in FORMS])
def test_on_a_phone_the_form_scrolls_in_its_frame_with_a_hint(
    servers: dict[str, str], browser: object, site: str, sop_id: str, actors: int
) -> None:
    """390 px: every form, of 3 to 9 actors, scrolls inside .sop-print-flow under the hint, the page does not;
    its text stays at 9 px or more; in print the hint is gone."""
    visit = phone_visit(browser, urljoin(servers[site], f"sop/{sop_id}/"))
    (form,) = visit.page.evaluate(MEASURE_FORM)
    assert form["wider"] and form["scrolls"] == "auto" and form["marked"], form
    assert form["hint"] and "Geser ke samping untuk melihat kolom lain" in form["hint"], form
    assert form["smallest"] >= 8.99, form
    page_width, screen = visit.page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert page_width <= screen, (page_width, screen)
    assert visit.page.evaluate(OVERFLOWING, SCROLLERS) == []
    flow = visit.page.locator(".sop-print-flow")
    flow.evaluate("f => { f.scrollLeft = f.scrollWidth; }")
    visit.page.wait_for_timeout(200)
    assert flow.evaluate("f => f.scrollLeft") > 0
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.add_style_tag(content=".md-header, .md-tabs { visibility: hidden !important; }")
    flow.screenshot(path=str(ARTIFACTS / f"formulir-{site}-{sop_id}-390-digeser.png"))
    visit.page.emulate_media(media="print")
    hint = flow.evaluate("f => getComputedStyle(f.previousElementSibling).display")
    assert hint == "none", hint
    assert visit.errors == [], visit.errors
    visit.close()


def test_perbesar_opens_the_diagram_full_screen_from_the_keyboard(servers: dict[str, str], browser: object) -> None:
    visit = Visit(browser, urljoin(servers["dua"], "sop/usul-kenaikan-pangkat/"), width=390, open_shadows=True)
    button = visit.page.locator("button.sop-bagan-perbesar")
    button.focus()
    visit.page.keyboard.press("Enter")
    dialog = visit.page.locator("dialog.sop-bagan-layar[open]")
    dialog.wait_for()
    box = dialog.bounding_box()
    assert box is not None and box["width"] >= 389 and box["height"] >= 999, box
    sizes = visit.page.evaluate(
        """() => { const svg = document.querySelector('dialog .sop-bagan-isi').shadowRoot.querySelector('svg');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('foreignObject span')].map(e => parseFloat(getComputedStyle(e).fontSize) * scale); }"""
    )
    assert sizes and min(sizes) >= 11.99, min(sizes)
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(ARTIFACTS / "lajur-perbesar-390.png"))
    assert visit.page.evaluate("document.activeElement.textContent") == "Tutup"
    visit.page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    focused = visit.page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    assert "sop-bagan-perbesar" in focused, focused
    assert visit.errors == [], visit.errors
    visit.close()


@pytest.mark.parametrize(("site", "path"), [("manual", "sop/pelaporan-kinerja-triwulan/"), ("dua", "sop/penyusunan-daftar-gaji/")])
def test_identity_labels_sit_above_their_values_on_a_phone(servers: dict[str, str], browser: object, site: str, path: str) -> None:
    visit = phone_visit(browser, urljoin(servers[site], path))
    labels = visit.page.evaluate(LABELS)
    assert len(labels) == 12, labels
    assert all(lines == 1 for _, lines in labels), labels  # "Nomor SOP", never "Nom / or SOP"
    # Each label of the identity table spans the block, with its value right below it.
    below = visit.page.eval_on_selector_all(
        ".sop-identity th", """els => els.map(th => { const a = th.getBoundingClientRect(), b = th.nextElementSibling.getBoundingClientRect();
            return [th.textContent, b.top >= a.bottom - 1 && Math.abs(b.left - a.left) < 2]; })""")
    assert all(ok for _, ok in below), below
    # The lists: each heading right above its own list ("Peringatan" above the warning, not above the records).
    order = visit.page.eval_on_selector_all(
        ".sop-identity-lists th, .sop-identity-lists td", "els => els.map(e => [e.localName, e.getBoundingClientRect().top])")
    kinds = [kind for kind, _ in sorted(order, key=lambda item: item[1])]
    assert kinds == ["th", "td"] * 6, kinds
    visit.close()


def test_identity_keeps_the_official_table_in_print(servers: dict[str, str], browser: object) -> None:
    visit = Visit(browser, urljoin(servers["dua"], "sop/penyusunan-daftar-gaji/"))
    visit.page.set_viewport_size(PHONE)
    visit.page.emulate_media(media="print")
    assert visit.page.eval_on_selector("table.sop-identity", "t => getComputedStyle(t).display") == "table"
    assert visit.page.eval_on_selector(".sop-identity th", "t => getComputedStyle(t).display") == "table-cell"
    assert visit.page.eval_on_selector_all(".sop-scroll-hint", "els => els.filter(e => getComputedStyle(e).display !== 'none').length") == 0
    visit.close()


def test_a_scrolling_procedure_table_keeps_its_activity_in_view(servers: dict[str, str], browser: object) -> None:
    """On a phone the actor columns scroll under the step number and the activity, and a hint says the table scrolls."""
    visit = phone_visit(browser, urljoin(servers["dua"], "sop/penyusunan-daftar-gaji/"))
    wrap = visit.page.locator(".sop-table-wrap:has(table.sop-procedure)")
    hint = wrap.evaluate("w => [w.previousElementSibling.className, w.previousElementSibling.innerText, w.previousElementSibling.offsetHeight]")
    assert hint[0] == "sop-scroll-hint" and "Geser ke samping untuk melihat kolom lain" in hint[1] and hint[2] > 0, hint
    activity = visit.page.locator("table.sop-procedure tbody tr:first-child td:nth-child(2)")
    assert activity.bounding_box()["width"] >= 120  # type: ignore[index]
    left = wrap.bounding_box()["x"]  # type: ignore[index]
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    visit.page.wait_for_timeout(200)
    box = activity.bounding_box()
    assert box is not None and box["x"] >= left - 1 and box["x"] < left + 60, (box, left)
    shot(visit, "ponsel-prosedur-digeser.png")
    # The year table: the SOP's name keeps a readable width.
    year = phone_visit(browser, urljoin(servers["manual"], "progres/2025/"))
    name = year.page.locator("table.sop-matrix tbody tr:first-child td:first-child").bounding_box()
    assert name is not None and name["width"] >= 100, name
    year.close()
    visit.close()


@pytest.mark.parametrize("path", ["sop/penyusunan-daftar-gaji/", "sop/usul-kenaikan-pangkat/"])
def test_a_six_actor_procedure_table_fits_a_laptop_screen(servers: dict[str, str], browser: object, path: str) -> None:
    visit = phone_visit(browser, urljoin(servers["dua"], path), LAPTOP)
    table = visit.page.locator("table.sop-procedure")
    assert visit.page.locator("table.sop-procedure a.sop-role").count() >= 6
    width, column = table.evaluate("t => [t.getBoundingClientRect().width, t.closest('.sop-table-wrap').clientWidth]")
    assert width <= column + 1, (width, column)
    assert not visit.page.locator(".sop-table-wrap:has(table.sop-procedure)").evaluate("w => w.classList.contains('sop-scroll--overflow')")
    activity = visit.page.locator("table.sop-procedure tbody tr:first-child td:nth-child(2)").bounding_box()
    assert activity is not None and activity["width"] >= 180, activity
    # Headings wrap between words only: never more lines than words.
    headings = visit.page.evaluate(HEADINGS)
    assert all(lines <= words for _, words, lines in headings), headings
    ARTIFACTS.mkdir(exist_ok=True)
    box = visit.page.evaluate("() => { const r = document.querySelector('table.sop-procedure').getBoundingClientRect();"
                              " return {x: 0, y: r.top + scrollY - 40, width: innerWidth, height: r.height + 60}; }")
    visit.page.screenshot(path=str(ARTIFACTS / f"prosedur-1366-{path.strip('/').replace('/', '-')}.png"), full_page=True, clip=box)
    assert visit.errors == []
    visit.close()


def test_timeline_labels_each_bar_with_its_own_step_and_role(servers: dict[str, str], browser: object) -> None:
    """2025-TW3: the label level with each bar names the step the bar is (step 2 is the Kasubag's)."""
    url = urljoin(servers["manual"], "progres/2025/tw3/pelaporan-kinerja-triwulan/")
    (source,) = diagram_sources(url)
    label_of: dict[str, str] = {}
    for line in source.splitlines():
        if line.startswith("  section "):
            section = line.removeprefix("  section ")
        elif m := re.search(r":\w+, (t\d+),", line):
            label_of[m.group(1)] = section
    assert label_of["t1"] == "langkah 2 · Kasubag" and label_of["t8"] == "langkah 7 · Kadis"
    for width in (1366, 390):
        visit = Visit(browser, url, width=width, open_shadows=True)
        beside = visit.page.evaluate(
            """() => { const svg = document.querySelector('div.mermaid').shadowRoot.querySelector('svg');
                const labels = [...svg.querySelectorAll('text.sectionTitle')].map(t => [t.textContent, t.getBoundingClientRect()]);
                return Object.fromEntries([...svg.querySelectorAll('rect.task')].map(bar => {
                    const r = bar.getBoundingClientRect(), middle = r.top + r.height / 2;
                    const level = labels.filter(([, b]) => b.top <= middle && middle <= b.bottom).map(([t]) => t);
                    return [bar.id.split('-').pop(), level]; })); }"""
        )
        assert beside == {task: [label] for task, label in label_of.items()}, beside
        (diagram,) = visit.page.evaluate(MEASURE_DIAGRAMS)
        assert diagram["smallest"] >= 11.99, diagram
        ARTIFACTS.mkdir(exist_ok=True)
        visit.page.locator(".sop-bagan").first.screenshot(path=str(ARTIFACTS / f"lini-waktu-2025-tw3-{width}.png"))
        assert visit.errors == [], visit.errors
        visit.close()


# Forge buttons: the shipped mkdocs.yml has no repo_url, so a copy says the repository is on GitHub.
FORGE_REPO = "https://github.com/dinas/manual-sop"


@pytest.fixture(scope="module")
def forge_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped manual built with `repo_url` on GitHub, served on 127.0.0.1."""
    import os
    import subprocess
    import sys

    from tests.sitebuild import REFERENCE_DATE, project_config

    work = tmp_path_factory.mktemp("forge")
    config = project_config(REPO, work / "project")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("site_dir: site\n", f"site_dir: site\nrepo_url: {FORGE_REPO}\n", 1), encoding="utf-8")
    out = work / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(config), "-d", str(out)],
        capture_output=True, text=True, timeout=300,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1", "SOPGEN_TANGGAL": REFERENCE_DATE},
    )
    assert result.returncode == 0, result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def test_the_quarter_page_button_opens_the_forge_editor_with_the_new_record(
    forge_site: str, browser: object, tmp_path: Path
) -> None:
    """Clicking "Isi rekaman di GitHub" navigates to GitHub's new-file editor; the request is caught and never sent."""
    import os
    import shutil
    import subprocess
    import sys
    from urllib.parse import parse_qs, urlsplit

    from tests.sitebuild import REFERENCE_DATE

    visit = Visit(browser, urljoin(forge_site, "progres/2026/tw2/"))
    opened: list[str] = []

    def catch(route: object) -> None:
        opened.append(route.request.url)  # type: ignore[attr-defined]
        route.abort()  # type: ignore[attr-defined]

    visit.page.route("https://github.com/**", catch)
    button = visit.page.locator("#pelaporan-kinerja-triwulan a.sop-forge")
    assert button.inner_text() == "Isi rekaman di GitHub" and button.is_visible()
    shot(visit, "forge-isi-rekaman.png")
    button.click(no_wait_after=True)
    visit.page.wait_for_timeout(500)
    assert len(opened) == 1, opened
    url = urlsplit(opened[0])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{FORGE_REPO}/new/main"
    query = parse_qs(url.query, keep_blank_values=True, strict_parsing=True)
    assert query["filename"] == ["records/2026/TW2/pelaporan-kinerja-triwulan.yaml"]
    # The text is the file `sopgen new-record` writes for that SOP and quarter.
    for folder in ("sop_defs", "records"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    written = subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", "--folder", str(tmp_path), "new-record",
         "pelaporan-kinerja-triwulan", "2026-TW2"],
        capture_output=True, text=True, timeout=60, env=os.environ | {"SOPGEN_TANGGAL": REFERENCE_DATE},
    )
    assert written.returncode == 0, written.stderr
    assert query["value"] == [(tmp_path / "records/2026/TW2/pelaporan-kinerja-triwulan.yaml").read_text(encoding="utf-8")]
    # Only the caught click: with repo_url, Material would also fetch the repository's facts from api.github.com on
    # every page; the plugin's theme/partials/source.html keeps the link and drops that request.
    assert visit.outside_requests(forge_site) == opened
    visit.close()


def test_the_record_page_button_opens_the_record_file_in_the_forge_editor(forge_site: str, browser: object) -> None:
    visit = Visit(browser, urljoin(forge_site, "progres/2025/tw3/pelaporan-kinerja-triwulan/"))
    opened: list[str] = []
    visit.page.route("https://github.com/**", lambda route: (opened.append(route.request.url), route.abort()))
    button = visit.page.locator("article a.sop-forge")
    assert button.inner_text() == "Sunting rekaman ini di GitHub" and button.is_visible()
    shot(visit, "forge-sunting-rekaman.png")
    button.click(no_wait_after=True)
    visit.page.wait_for_timeout(500)
    assert opened == [f"{FORGE_REPO}/edit/main/records/2025/TW3/pelaporan-kinerja-triwulan.yaml"]
    assert visit.errors == [] and visit.outside_requests(forge_site) == opened
    visit.close()


def test_audit_page_filters_by_level_month_and_agency(servers: dict[str, str], browser: object) -> None:
    """Jejak Audit of the repository's own history: the filters hide what does not match, and say how much is shown."""
    visit = Visit(browser, urljoin(servers["manual"], "jejak-audit/"))
    page = visit.page
    entries = page.locator(".sop-change[data-tingkat]")
    total = entries.count()
    assert total > 0 and page.locator("form.sop-audit-saring").is_visible()
    page.select_option("select[name=tingkat]", "terverifikasi")
    shown = [e for e in entries.all() if e.is_visible()]
    assert all(e.get_attribute("data-tingkat") == "terverifikasi" for e in shown)
    assert page.locator("form.sop-audit-saring output").inner_text() == f"{len(shown)} dari {total} perubahan ditampilkan"
    page.select_option("select[name=tingkat]", "")
    month = entries.first.get_attribute("data-bulan")
    page.select_option("select[name=bulan]", month)
    shown = [e for e in entries.all() if e.is_visible()]
    assert shown and all(e.get_attribute("data-bulan") == month for e in shown)
    headings = [h for h in page.locator("h2.sop-audit-bulan").all() if h.is_visible()]
    assert [h.get_attribute("data-bulan") for h in headings] == [month]
    page.select_option("select[name=bulan]", "")
    page.select_option("select[name=instansi]", "diskominfo")
    assert all("diskominfo" in (e.get_attribute("data-instansi") or "").split() for e in entries.all() if e.is_visible())
    assert visit.errors == []
    visit.close()


def test_audit_page_says_what_changed_under_each_file(servers: dict[str, str], browser: object) -> None:
    """Under each changed data file of the repository's own history, what the change did to it, in SOP terms."""
    visit = Visit(browser, urljoin(servers["manual"], "jejak-audit/"))
    lines = visit.page.locator(".sop-change .sop-filediff li")
    # Some are shown unfolded (a change of many files folds the rest, wherever this repository's history puts them).
    assert visit.page.locator(".sop-change > ul .sop-filediff li:visible").count() > 0
    texts = [text.strip() for text in lines.all_text_contents()]  # folded files count too
    assert "SOP baru: Evaluasi Kinerja (5 langkah)" in texts
    assert any(text.startswith("rekaman baru: Triwulan I 2025") for text in texts)
    assert visit.errors == []
    visit.close()
