"""Text from YAML is data: these functions make it literal in Markdown, HTML and Mermaid."""

from __future__ import annotations

import html
import re
import textwrap

from markupsafe import Markup

# Every ASCII punctuation mark that Markdown or a pymdownx extension could read as syntax.
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|~^=:$%@<>&\"'")
_SPACES = re.compile(r"\s+")


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def shortened(text: str, width: int) -> str:
    """`text` on one line, cut after the last whole word that fits in `width` characters, with "…" when cut."""
    line = one_line(text)
    if len(line) <= width:
        return line
    cut = line[: width - 1]
    if line[width - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # never half a word
    return cut.rstrip(" ,;:.") + "…"


_MARKDOWN_TABLE = {ord(ch): f"&#{ord(ch)};" for ch in _MARKDOWN_SPECIAL}


def markdown_text(text: str) -> Markup:
    """Literal text for a Markdown context (heading, paragraph, table cell)."""
    return Markup(one_line(text).translate(_MARKDOWN_TABLE))


def html_text(text: str) -> Markup:
    """Literal text for an HTML element's content or attribute.

    The same numeric entities as for Markdown: raw HTML blocks are not parsed by
    Markdown today, but an extension such as md_in_html would parse them.
    """
    return markdown_text(text)


# Mermaid decodes `#name;` / `#123;` entities inside quoted labels, so every character
# that could end the string, start an entity, or be read as HTML becomes an entity.
_MERMAID_SPECIAL = set("\"#<>&`|[]{}()%;:\\*_~")


def mermaid_label(text: str, width: int = 28) -> str:
    """A quoted Mermaid label: escaped, wrapped at `width` characters with <br> breaks."""
    lines = textwrap.wrap(one_line(text), width=width, break_long_words=True, break_on_hyphens=False) or [""]
    escaped = ["".join(f"#{ord(ch)};" if ch in _MERMAID_SPECIAL else ch for ch in line) for line in lines]
    return '"' + "<br>".join(escaped) + '"'


# Themes print a page title raw in one place and through `striptags` (which decodes
# entities) in another, so no escaped form is safe everywhere. A title without markup
# characters is: each becomes the nearest look-alike, and an `&` that could start an
# entity is followed by an invisible word joiner, so it can start none.
_TITLE_TABLE = str.maketrans({"<": "\u2039", ">": "\u203a", '"': "\u201d", "'": "\u2019"})
_ENTITY_START = re.compile(r"&(?=[#A-Za-z0-9])")
_TAGS = re.compile(r"<[^>]*>")


def safe_title(text: str) -> str:
    """Plain text made safe as a page or navigation title in any theme template."""
    return _ENTITY_START.sub("&\u2060", one_line(text)).translate(_TITLE_TABLE)


def display_title(title_html: str) -> str:
    """A title MkDocs took from a rendered heading (HTML: tags stripped, entities kept) as a safe title."""
    return safe_title(html.unescape(_TAGS.sub("", title_html)))
