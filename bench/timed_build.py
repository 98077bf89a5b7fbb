"""Run `mkdocs build` in this process and time the sopgen plugin's events inside it.

    python bench/timed_build.py CONFIG SITE_DIR OUT.json

OUT.json gets the build's seconds and the plugin's seconds. (How long an edit takes to show
under `mkdocs serve --dirty` is measured end to end, in a browser, by bench/serve_edit.py.)
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.plugin.sopgen import GeneratedPage, SopPlugin

EVENTS = ("on_config", "on_files", "on_post_build")
spent: dict[str, float] = {}


def _timed(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def timed_build(config_file: str, site_dir: str) -> tuple[float, float]:
    """Seconds of one build and of the plugin's part of it."""
    spent.clear()
    started = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=False)  # as the mkdocs command does
    build(config)
    return time.perf_counter() - started, sum(spent.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("site")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    for name in EVENTS:
        setattr(SopPlugin, name, _timed(name, getattr(SopPlugin, name)))
    # The plugin's events, and each page's text, written when MkDocs first reads the page.
    GeneratedPage._written = _timed("page text", GeneratedPage._written)  # type: ignore[method-assign]
    build_s, plugin_s = timed_build(args.config, args.site)
    args.out.write_text(json.dumps({"build_s": build_s, "plugin_s": plugin_s}), encoding="utf-8")


if __name__ == "__main__":
    main()
