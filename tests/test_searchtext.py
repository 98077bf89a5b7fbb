"""The page HTML Material's search indexes: table cells and lines apart, drawings left out."""

from __future__ import annotations

import re

from material.plugins.search.plugin import Parser

from generator.render.searchtext import searchable

IDENTITY = (
    '<table class="sop-form sop-identity"><tbody><tr><td class="sop-header" rowspan="5"><strong>PEMERINTAH KABUPATEN'
    ' BENGKULU SELATAN</strong><br><strong>DINAS KOMUNIKASI DAN INFORMATIKA</strong></td><th scope="row">Nomor SOP</th>'
    '<td>800/PGD-01/BKPSDM/2025</td></tr><tr><th scope="row">Tanggal Pembuatan</th><td>1 Maret 2022</td></tr>'
    '<tr><th scope="row">Disahkan Oleh</th><td>Kepala Dinas<br><br><u>Ir&#46; SUMANTO, MM</u><br>NIP. 19680814</td></tr>'
    '</tbody></table>'
)


def indexed(html: str) -> list[tuple[str, str]]:
    """(title, text) of each section, as Material's search plugin puts them in search_index.json."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data if not s.is_excluded()]


def test_adjacent_cells_and_lines_are_indexed_as_separate_words() -> None:
    [(_, before)] = indexed(IDENTITY)
    assert "SELATANDINAS" in before and "Pembuatan1 Maret" in before  # what Material made of it unaided
    [(_, text)] = indexed(searchable(IDENTITY))
    assert "SELATAN DINAS" in text
    assert "Tanggal Pembuatan 1 Maret 2022" in text
    assert "Nomor SOP 800/PGD-01/BKPSDM/2025" in text
    assert "Ir. SUMANTO, MM NIP. 19680814" in text


def test_only_line_breaks_are_added_and_only_where_the_browser_shows_none() -> None:
    html = searchable(IDENTITY)
    assert html.replace("\n", "") == IDENTITY
    # After a cell, a row or a <br>: collapsed at a line start and between cells, so the page looks the same.
    assert re.findall(r"(<[^<>]*>)\n", html) == ["<br>", "</td>", "</th>", "</td>", "</tr>", "</th>", "</td>", "</tr>", "</th>",
                                                "<br>", "<br>", "<br>", "</td>", "</tr>"]


def test_preformatted_text_keeps_every_character() -> None:
    html = "<pre><code>a<br>b</code></pre><p>x<br>y</p>"
    assert searchable(html) == "<pre><code>a<br>b</code></pre><p>x<br>\ny</p>"


def test_diagrams_are_left_out_of_the_index_but_stay_on_the_page() -> None:
    html = (
        '<h2 id="diagram-alir">Diagram Alir</h2><p>Satu lajur untuk setiap pelaksana.</p>'
        '<pre class="mermaid"><code>swimlane-beta TB\n  subgraph lane0["Kasubag"]</code></pre>'
        '<div class="sop-print-flow"><div class="sop-print-page"><svg xmlns="http://www.w3.org/2000/svg" role="img">'
        '<text>telah</text><text>ditetapkan</text></svg></div></div><p>Sesudah gambar.</p>'
    )
    out = searchable(html)
    assert indexed(out)[1:] == [("Diagram Alir", "<p>Satu lajur untuk setiap pelaksana.</p> <p>Sesudah gambar.</p>")]
    assert '<pre class="mermaid" data-search-exclude="gambar"><code>swimlane-beta TB' in out
    assert '<svg data-search-exclude="gambar" xmlns="http://www.w3.org/2000/svg" role="img">' in out
