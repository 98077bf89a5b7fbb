"""Run `mkdocs build` in this process and time the sopgen plugin's events inside it.

    python bench/timed_build.py CONFIG SITE_DIR OUT.json [--edit SOP_FILE [--dirty]]

With --edit: build once, change one SOP file, build again as `mkdocs serve` would
(with --dirty, as `mkdocs serve --dirty` would), and report the second build.
OUT.json gets the build's seconds and the plugin's seconds.
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

from generator.plugin.sopgen import SopPlugin

EVENTS = ("on_config", "on_files", "on_post_build")
spent: dict[str, float] = {}


def _timed(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(self: SopPlugin, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def timed_build(config_file: str, site_dir: str, dirty: bool) -> tuple[float, float]:
    """Seconds of one build and of the plugin's part of it."""
    spent.clear()
    started = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir)
    config.plugins.on_startup(command="serve" if dirty else "build", dirty=dirty)  # as the mkdocs command does
    build(config, dirty=dirty)
    return time.perf_counter() - started, sum(spent.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("config")
    parser.add_argument("site")
    parser.add_argument("out", type=Path)
    parser.add_argument("--edit", type=Path)
    parser.add_argument("--dirty", action="store_true")
    args = parser.parse_args()
    for name in EVENTS:
        setattr(SopPlugin, name, _timed(name, getattr(SopPlugin, name)))
    build_s, plugin_s = timed_build(args.config, args.site, args.dirty)
    if args.edit:
        text = args.edit.read_text(encoding="utf-8")
        args.edit.write_text(text.replace("peringatan: ", "peringatan: Diubah. ", 1), encoding="utf-8")  # a new text each time
        build_s, plugin_s = timed_build(args.config, args.site, args.dirty)
    args.out.write_text(json.dumps({"build_s": build_s, "plugin_s": plugin_s}), encoding="utf-8")


if __name__ == "__main__":
    main()
