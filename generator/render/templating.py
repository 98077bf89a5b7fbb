"""The Jinja2 environment for page layouts; templates hold layout, Python holds logic."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from generator.data.dates import PartialDate, format_date
from generator.render.escape import html_text, markdown_text


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates ship with the package; checking their files costs a stat per page
    )
    env.filters["md"] = markdown_text
    env.filters["h"] = html_text
    env.filters["tanggal"] = _date
    return env


def _date(value: object) -> str:
    """A full date or a form date at the precision written ("Agustus 2023", "2024")."""
    if isinstance(value, PartialDate):
        return value.format()
    return format_date(value)  # type: ignore[arg-type]


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
