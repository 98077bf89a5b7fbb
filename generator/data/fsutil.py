"""Files of the repository, read without trusting them; files we write, written whole.

A pull request can add symlinks, FIFOs and huge files. Nothing here follows a
symlink inside the repository, opens anything but a regular file, or reads past
a size limit: every path is opened component by component with O_NOFOLLOW.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath


class UnreadableFile(Exception):
    """Why a repository file may not be read; the message is for editors."""


def relative_problem(rel: str) -> str | None:
    """Why `rel` is not a plain path inside the repository (absolute, `..`, backslash), or None."""
    parts = PurePosixPath(rel).parts
    if rel.startswith("/") or "\\" in rel or not parts or any(p in (".", "..") for p in parts):
        return f"berkas `{rel}` harus ditulis relatif terhadap folder repositori, tanpa `..`"
    return None


def _components(rel: str) -> tuple[str, ...]:
    if problem := relative_problem(rel):
        raise UnreadableFile(problem)
    return PurePosixPath(rel).parts


def open_inside(root: Path, rel: str) -> int:
    """A read-only descriptor of the regular file `rel` under `root`, reached without any symlink."""
    parts = _components(rel)
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise UnreadableFile(f"folder repositori {root} tidak dapat dibuka ({exc.strerror})") from None
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat rejects it below.
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_NONBLOCK if last else os.O_DIRECTORY)
        try:
            child = os.open(part, flags, dir_fd=fd)
        except OSError as exc:
            raise UnreadableFile(_open_reason(exc, root, "/".join(parts[: i + 1]), rel)) from None
        finally:
            os.close(fd)
        fd = child
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise UnreadableFile(f"`{rel}` bukan berkas biasa")
    return fd


def _open_reason(exc: OSError, root: Path, part: str, rel: str) -> str:
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
        if os.path.islink(root / part):
            return f"`{part}` adalah tautan simbolik; tautan simbolik tidak diizinkan"
        return f"`{part}` bukan folder, jadi `{rel}` tidak ada"
    if exc.errno == errno.ENOENT:
        return f"berkas `{rel}` tidak ada di repositori"
    return f"berkas `{rel}` tidak dapat dibaca ({exc.strerror})"


def read_inside(root: Path, rel: str, limit: int) -> bytes:
    """The bytes of `rel` (see open_inside); refused when larger than `limit`, never read past it."""
    return read_inside_stat(root, rel, limit)[0]


def read_inside_stat(root: Path, rel: str, limit: int) -> tuple[bytes, os.stat_result]:
    """`read_inside`, with the status of the file that was read."""
    fd = open_inside(root, rel)
    try:
        status = os.fstat(fd)
        size = status.st_size
        if size > limit:
            raise UnreadableFile(f"berkas terlalu besar ({size} bita; batas {limit} bita)")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(fd)
    if total > limit:  # the file grew after fstat
        raise UnreadableFile(f"berkas terlalu besar (lebih dari {limit} bita)")
    return b"".join(chunks), status


def head_inside(root: Path, rel: str, count: int) -> tuple[bytes, int]:
    """The first `count` bytes of `rel` and its size (see open_inside)."""
    fd = open_inside(root, rel)
    try:
        return os.read(fd, count), os.fstat(fd).st_size
    finally:
        os.close(fd)


LINKED = "tautan simbolik tidak diizinkan di folder data"
SPECIAL = "bukan berkas biasa (mis. FIFO atau perangkat); tidak diizinkan di folder data"


def walk_inside(root: Path, top: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Regular files under `root/top` (repository paths, sorted), and (path, reason) for what is refused.

    Symlinks and special files are reported, never followed or opened.
    """
    files: list[str] = []
    refused: list[tuple[str, str]] = []
    start = root / top
    if start.is_symlink():
        return [], [(top, LINKED)]
    if not start.is_dir():
        return [], []
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            entries = list(os.scandir(root / folder))
        except OSError as exc:
            refused.append((folder, f"folder tidak dapat dibaca ({exc.strerror})"))
            continue
        for entry in entries:
            rel = f"{folder}/{entry.name}"
            if entry.is_symlink():
                refused.append((rel, LINKED))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(rel)
            elif entry.is_file(follow_symlinks=False):
                files.append(rel)
            else:
                refused.append((rel, SPECIAL))
    return sorted(files), sorted(refused)


def files_inside(root: Path, rels: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """What `walk_inside` would say of these repository paths alone, without walking their folders: the regular
    files among them, and (path, reason) for a symlink or special file on the way (absent paths are left out)."""
    files: list[str] = []
    refused: set[tuple[str, str]] = set()
    for rel in rels:
        parts = rel.split("/")
        for depth in range(1, len(parts) + 1):
            here = "/".join(parts[:depth])
            if (root / here).is_symlink():
                refused.add((here, LINKED))
                break
        else:
            path = root / rel
            if path.is_file():
                files.append(rel)
            elif path.exists() and not path.is_dir():
                refused.add((rel, SPECIAL))
    return sorted(files), sorted(refused)


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
