"""`mkdocs serve` asks for a rebuild when a data file is written, and not when a build only reads one."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from types import SimpleNamespace

from generator.plugin.watching import watch_folders


def server() -> SimpleNamespace:
    return SimpleNamespace(_rebuild_cond=threading.Condition(), _want_rebuild=False, watch=lambda path: None)


def asked(fake: SimpleNamespace, within: float = 2.0) -> bool:
    with fake._rebuild_cond:
        fake._rebuild_cond.wait_for(lambda: fake._want_rebuild, timeout=within)
        return bool(fake._want_rebuild)


def test_a_saved_file_asks_for_a_rebuild_and_a_read_does_not(tmp_path: Path) -> None:
    folder = tmp_path / "sop_defs" / "dinas"
    folder.mkdir(parents=True)
    data = folder / "sop.yaml"
    data.write_text("nama: A\n", encoding="utf-8")
    fake = server()
    assert watch_folders(fake, [tmp_path / "sop_defs", tmp_path / "records"]) == "kernel"  # records/ absent: skipped
    time.sleep(0.2)
    data.read_text(encoding="utf-8")  # what a build does
    assert not asked(fake, within=0.5)
    (folder / ".sop.yaml.tmp").write_text("nama: B\n", encoding="utf-8")
    (folder / ".sop.yaml.tmp").replace(data)  # an editor's atomic save
    assert asked(fake)
