"""Text from YAML is data: these functions make it literal in Markdown, HTML and Mermaid."""

from __future__ import annotations

import re
import textwrap

from markupsafe import Markup

# Every ASCII punctuation mark that Markdown or a pymdownx extension could read as syntax.
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|~^=:$%@<>&\"'")
_SPACES = re.compile(r"\s+")


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


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
