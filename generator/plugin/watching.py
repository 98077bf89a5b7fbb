"""The data folders under `mkdocs serve`: watched by the kernel (inotify), not by MkDocs' poller.

MkDocs' watcher lists every file of each watched folder twice a second. At 2,000 SOPs the
data folders hold 15,000 files: each listing holds the interpreter while a rebuild waits,
and a saved file is noticed only at the next listing. The kernel tells at once, and costs
nothing between saves. Where it cannot (another system, its watch limit reached),
MkDocs' poller watches them as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    EVENT_TYPE_CLOSED,
    EVENT_TYPE_CREATED,
    EVENT_TYPE_DELETED,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_MOVED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

# A file written, made, removed or renamed (an editor's atomic save); not the reads of a build, which the
# kernel reports too (opened, closed without writing).
WRITES = frozenset({EVENT_TYPE_CREATED, EVENT_TYPE_DELETED, EVENT_TYPE_MODIFIED, EVENT_TYPE_MOVED, EVENT_TYPE_CLOSED})


class _Rebuild(FileSystemEventHandler):
    def __init__(self, server: LiveReloadServer) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in WRITES:
            return
        # As MkDocs' own watcher asks for a rebuild (mkdocs.livereload, `watch`; MkDocs is pinned).
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()


def watch_folders(server: LiveReloadServer, folders: Iterable[Path]) -> str:
    """Rebuild when a file under `folders` is written; how they are watched ("kernel" or "poller")."""
    folders = [folder for folder in folders if folder.is_dir()]
    observer = Observer()
    try:
        for folder in folders:
            observer.schedule(_Rebuild(server), str(folder), recursive=True)
        observer.start()  # a daemon thread: it ends with `mkdocs serve`
        return "kernel"
    except OSError:
        for folder in folders:
            server.watch(str(folder))
        return "poller"
