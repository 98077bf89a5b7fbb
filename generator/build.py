"""Build the site into a fresh folder and swap it in only when the build succeeded.

MkDocs empties its output folder before it writes, so a failure halfway would
leave a broken site. Building beside it and renaming keeps the last good site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


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
    """Run `mkdocs build` into a temporary sibling of `out`; replace `out` only on success."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.baru-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; a web server must be able to read the site
    env = dict(os.environ) | (extra_env or {})
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    epoch = commit_epoch(config_file.parent)
    if epoch:
        env.setdefault("SOURCE_DATE_EPOCH", epoch)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file), "-d", str(staging)]
    if strict:
        command.append("--strict")
    result = subprocess.run(command, env=env, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        return result.returncode
    previous = out.with_name(f".{out.name}.lama")
    shutil.rmtree(previous, ignore_errors=True)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    shutil.rmtree(previous, ignore_errors=True)
    return 0
