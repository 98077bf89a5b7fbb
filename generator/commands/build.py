"""Build the site into a fresh folder and swap it in only when the build succeeded.

MkDocs empties its output folder before it writes, so a failure halfway would
leave a broken site. For an output folder `site` this module guarantees:

- `site` is always a whole site, the old one or the new one, even if the build
  fails, a rename fails or the process is killed at any moment. The new site is
  built in `.site.baru-XXXXXXXX` and exchanged with `site` in one atomic step
  (Linux renameat2 RENAME_EXCHANGE). Where that is unsupported, two renames with
  a roll back; a kill between them leaves only `.site.lama-XXXXXXXX`, which the
  next build puts back.
- One build at a time per output folder: a flock on `.site.kunci`. The kernel
  drops it when its holder dies, even by SIGKILL, so no build waits forever.
- What killed builds leave behind is deleted by the next build, best effort: a
  file that cannot be deleted is reported, retried next time, and never fails a
  build (every build uses fresh names, so a leftover never blocks it).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP}  # kernel or filesystem without RENAME_EXCHANGE
# tempfile's 8-character random suffix: an exact length keeps a folder named `site.baru-x`, or a
# backup someone named `.site.lama-2024`, out of this folder's leftovers.
_SUFFIX = "?" * 8


def commit_epoch(root: Path) -> str | None:
    """The current commit's time, so the same commit gives the same bytes (sitemap dates, gzip)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def build_atomic(config_file: Path, out: Path, strict: bool, extra_env: dict[str, str] | None = None) -> int:
    """Run `mkdocs build` into a temporary sibling of `out`; replace `out` only on success.

    Returns 0, mkdocs' exit code when the build failed, or 1 when the new site could not be swapped in.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(out):
        _recover(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.baru-", dir=out.parent))
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
        code = _mkdocs(config_file, staging, strict, extra_env)
        if code != 0:
            _remove(staging)
            return code
        try:
            swap_in(staging, out)
        except OSError as exc:
            _remove(staging)
            print(f"sopgen: situs baru tidak dapat dipasang di {out}: {exc}", file=sys.stderr)
            return 1
        return 0


def _mkdocs(config_file: Path, dest: Path, strict: bool, extra_env: dict[str, str] | None) -> int:
    env = dict(os.environ) | (extra_env or {})
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    epoch = commit_epoch(config_file.parent)
    if epoch:
        env.setdefault("SOURCE_DATE_EPOCH", epoch)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(dest)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, env=env, check=False).returncode


@contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """Hold the build lock of `out`; a second build waits here instead of racing on the same names."""
    fd = os.open(out.with_name(f".{out.name}.kunci"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"sopgen: pembangunan lain sedang berjalan untuk {out}; menunggu ...", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays, deleting it would let two builds lock two files


def _recover(out: Path) -> None:
    """Undo what a killed build left: put back an old site set aside by a fallback swap, delete the rest."""
    name = glob.escape(out.name)
    aside = sorted(out.parent.glob(f".{name}.lama-{_SUFFIX}"), key=lambda p: p.lstat().st_ctime_ns)
    if aside and not os.path.lexists(out):
        try:
            aside.pop().rename(out)  # the newest: ctime moves when a folder is renamed, i.e. set aside
        except OSError:
            pass  # the build goes on; a new site will fill the gap
    for leftover in [*out.parent.glob(f".{name}.baru-{_SUFFIX}"), *aside]:
        _remove(leftover)


def swap_in(new: Path, out: Path) -> None:
    """Put the folder `new` at `out`. If this raises, `out` is still what it was.

    (Unless the fallback's roll back fails too: the old site then waits aside for the next build's _recover.)
    """
    if not os.path.lexists(out):
        new.rename(out)
        return
    try:
        exchange(new, out)
        old = new  # the exchange left the old site at the staging name
    except OSError as exc:
        if exc.errno not in _NO_EXCHANGE:
            raise
        old = _swap_by_renames(new, out)
    _remove(old)


def exchange(a: Path, b: Path) -> None:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE): no moment sees either name missing."""
    renameat2 = _renameat2()
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 tidak tersedia", str(a))
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a), None, str(b))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's renameat2, or None (not Linux, or a C library without it)."""
    function = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return function


def _swap_by_renames(new: Path, out: Path) -> Path:
    """The portable swap: old aside, new in, old back if that fails. Returns where the old site went."""
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.lama-", dir=out.parent))  # a unique name, never reused
    try:
        out.rename(old)  # replaces the empty folder just made
    except OSError:
        _remove(old)
        raise
    try:
        new.rename(out)
    except OSError:
        old.rename(out)  # should this fail too, the next build's _recover puts it back
        raise
    return old


def _remove(path: Path) -> None:
    """Delete best effort: what cannot be deleted is reported and retried by the next build, never an error."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass
    if os.path.lexists(path):
        print(f"sopgen: peringatan: {path} tidak dapat dihapus; dicoba lagi pada pembangunan berikutnya.", file=sys.stderr)
