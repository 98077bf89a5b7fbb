"""An SOP page's swimlane source and SVG form stay out of the search index; other pages' diagrams stay in."""

from __future__ import annotations

from generator.render.searchable import leave_out_of_search

TABLE = '<table class="sop-form sop-procedure"><tr><td>Menyusun konsep</td><td>Kasubag</td></tr></table>\n'
SWIMLANE = '<pre class="mermaid"><code>flowchart TB\n  s1["1 Menyusun konsep"] --&gt; s2</code></pre>\n'
FORM = '<div class="sop-print-flow">\n<div class="sop-print-page"><svg><text>Menyusun konsep</text></svg></div>\n</div>'


def test_an_sop_page_swimlane_source_and_form_are_marked_for_search_to_skip() -> None:
    marked = leave_out_of_search(TABLE + SWIMLANE + FORM)
    assert '<pre class="mermaid" data-search-exclude="true"><code>flowchart TB' in marked
    assert '<div class="sop-print-flow" data-search-exclude="true">' in marked
    assert marked.count("data-search-exclude") == 2 and TABLE in marked


def test_a_page_without_the_procedure_table_keeps_its_diagrams_searchable() -> None:
    timeline = '<pre class="mermaid"><code>gantt\n  section langkah 1 · Kasubag</code></pre>'
    assert leave_out_of_search(timeline + FORM) == timeline + FORM
