"""A page's HTML made ready for Material's search index, looking the same in the browser.

Material's search plugin (material/plugins/search/plugin.py, `Parser`) indexes the page's HTML after
`on_page_content`: it keeps the text of every element but only the tags p, code, pre, li, ol, ul, sub
and sup. Text in adjacent table cells, or on both sides of a `<br>`, is joined with nothing between:
"Tanggal Pembuatan</th><td>1 Maret 2022" became the word "Pembuatan1", which neither query finds, and
snippets read "SELATANDINAS". Whitespace between cells and after a line break renders as nothing (it is
collapsed at a line start, and between table cells or blocks), so adding it changes the index only.

Drawings are left out of the index (`data-search-exclude`, which the plugin removes from the page after
indexing): a Mermaid block's source and the official form's SVG repeat the procedure table as diagram
code and as text broken at every drawn line ("telahditetapkan"), and would only add noise and weight.
"""

from __future__ import annotations

import re

# A closing cell, row or block, or a line break, directly followed by the next tag or text.
_JOINED = re.compile(r"(</t[dh]>|</tr>|</div>|<br\s*/?>)(?=\S)")
# Only the opening tag of a diagram: its own attributes come after, untouched.
_DRAWING = re.compile(r'<pre class="mermaid"|<svg(?=[\s>])')
# Text inside <pre> keeps every character: a line break there is shown.
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)


def searchable(html: str) -> str:
    """`html` with a line break between joined cells and after `<br>`, and its diagrams out of the index."""
    parts = _PRE.split(html)
    # Odd parts are whole <pre> blocks (the split keeps its group): only their opening tag may change.
    return "".join(_exclude(part) if i % 2 else _exclude(_JOINED.sub("\\1\n", part)) for i, part in enumerate(parts))


def _exclude(html: str) -> str:
    return _DRAWING.sub(lambda m: m.group(0) + ' data-search-exclude="gambar"', html)
