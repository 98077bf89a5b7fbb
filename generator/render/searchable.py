"""What the search index leaves out of an SOP page: markup that repeats, as noise, what its procedure table says.

Material's search indexes a page's HTML section by section and skips any element marked `data-search-exclude` (it then
removes the attribute from the page). On a page that shows the procedure table, two parts only repeat its text:
- the swimlane's Mermaid source (`pre.mermaid`): the steps and roles again, with diagram syntax ("subgraph", "-->");
- the official SVG form (`div.sop-print-flow`): the table drawn again, its cells run together ("harinotulen34").
Skipping them changes no word a page is found by (the table holds them all) and drops junk from the snippets.
Other pages keep their diagrams' text: a chart or timeline may hold words (role abbreviations, axis labels) that the
page shows nowhere else.
"""

from __future__ import annotations

import re

# Exactly as sop.md.j2, pymdownx's fence_code_format and the flow_pages macro (templates/_macros.md.j2) write them.
_PROCEDURE_TABLE = '<table class="sop-form sop-procedure">'
_REPEATS_THE_TABLE = re.compile(r'<(pre class="mermaid"|div class="sop-print-flow")>')


def leave_out_of_search(html: str) -> str:
    """`html` with, if it shows the procedure table, its swimlane source and SVG form marked for search to skip."""
    if _PROCEDURE_TABLE not in html:
        return html
    return _REPEATS_THE_TABLE.sub(r'<\1 data-search-exclude="true">', html)
