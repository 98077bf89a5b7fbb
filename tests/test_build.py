"""`sopgen build`: the last good site survives a failed build, and builds are reproducible."""

from __future__ import annotations

import contextlib
import errno
import filecmp
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from generator.commands import build
from tests.conftest import REPO
from tests.sitebuild import REFERENCE_DATE, project_config


def sopgen_build(config: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _build_command(config, out), capture_output=True, text=True, cwd=REPO, timeout=300, env=_build_env(env)
    )


def _build_command(config: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator.commands.cli", "--root", str(REPO), "build", "--strict", "--config", str(config), "--out", str(out)]


def _build_env(env: dict[str, str] | None = None) -> dict[str, str]:
    return os.environ | {"SOPGEN_TANGGAL": REFERENCE_DATE, "NO_MKDOCS_2_WARNING": "1"} | (env or {})


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("situs lama yang baik", encoding="utf-8")
    # Mermaid missing: the plugin fails in on_files, after MkDocs would have emptied its output folder.
    config = project_config(REPO, tmp_path / "proyek", mermaid_dist=tmp_path / "tidak-ada")
    result = sopgen_build(config, out)
    assert result.returncode == 1
    assert "Mermaid tidak ditemukan" in result.stderr and "Traceback" not in result.stderr
    assert "situs lama" in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "situs lama yang baik"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != ".site.kunci") == ["proyek", "site"]  # no staging left


def test_two_builds_of_one_commit_are_identical(tmp_path: Path) -> None:
    config = project_config(REPO, tmp_path / "proyek")
    first, second = tmp_path / "satu", tmp_path / "dua"
    assert sopgen_build(config, first).returncode == 0
    assert sopgen_build(config, second).returncode == 0
    mismatched = _differences(filecmp.dircmp(first, second))
    assert mismatched == []
    assert len(list(first.rglob("*.html"))) > 20


def _differences(cmp: filecmp.dircmp[str]) -> list[str]:
    found = [*cmp.left_only, *cmp.right_only, *cmp.diff_files]
    _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
    found += mismatch + errors
    for sub in cmp.subdirs.values():
        found += _differences(sub)
    return found


# --- Robustness of the swap: a whole site at `out` whatever happens, one build at a time, no leftovers.

MARKER = "penanda-situs-lama.txt"
LEFTOVER_PATTERNS = (".site.baru-*", ".site.lama-*")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for pattern in LEFTOVER_PATTERNS for p in folder.glob(pattern))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, float]:
    """One normal build of the shipped data: its configuration, its site, and how long it took."""
    work = tmp_path_factory.mktemp("rujukan")
    config = project_config(REPO, work / "proyek")
    started = time.monotonic()
    result = sopgen_build(config, work / "site")
    assert result.returncode == 0, result.stderr
    return config, work / "site", time.monotonic() - started


def test_two_builds_at_once_both_succeed_one_after_the_other(tmp_path: Path, reference: tuple[Path, Path, float]) -> None:
    config, site, _ = reference
    out = tmp_path / "site"
    runs = [
        subprocess.Popen(_build_command(config, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=_build_env())
        for _ in range(2)
    ]
    errors = [run.communicate(timeout=300)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    waited = [e.count(f"pembangunan lain sedang berjalan untuk {out}; menunggu") for e in errors]
    assert sorted(waited) == [0, 1], errors  # the second build waited for the first, and said so once
    assert _differences(filecmp.dircmp(site, out, ignore=[])) == []
    assert _leftovers(tmp_path) == []


def test_a_killed_build_leaves_a_whole_site_and_the_next_build_cleans_up(
    tmp_path: Path, reference: tuple[Path, Path, float]
) -> None:
    config, site, duration = reference
    out = tmp_path / "site"
    shutil.copytree(site, out)
    seed = int(os.environ.get("SOPGEN_TEST_SEED", random.randrange(2**32)))
    delays = [round(random.Random(seed + i).uniform(0, duration), 3) for i in range(4)]
    for delay in delays:
        (out / MARKER).write_text("situs lama", encoding="utf-8")  # tells the old site from the new one
        run = subprocess.Popen(
            _build_command(config, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            cwd=REPO, env=_build_env(), start_new_session=True,
        )
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)  # sopgen and its mkdocs child
        run.wait()
        context = f"SOPGEN_TEST_SEED={seed}, dibunuh setelah {delay} dari {delays}"
        assert (out / "index.html").is_file(), context
        assert _differences(filecmp.dircmp(site, out, ignore=[])) in ([], [MARKER]), context  # old or new, whole
    result = sopgen_build(config, out)
    assert result.returncode == 0, result.stderr
    assert _differences(filecmp.dircmp(site, out, ignore=[])) == []
    assert _leftovers(tmp_path) == []


def test_gitignore_hides_the_lock_and_the_leftovers_of_killed_builds() -> None:
    names = [".site.kunci", ".site.baru-abcd1234", ".site.lama-abcd1234", ".situs.kunci", ".situs.baru-x1", ".situs.lama-x1"]
    result = subprocess.run(["git", "-C", str(REPO), "check-ignore", *names], capture_output=True, text=True)
    assert sorted(result.stdout.split()) == sorted(names)


# In process, with a stand-in for mkdocs that writes a two-page site in no time.

_REAL_RUN = subprocess.run


def _fake_mkdocs(monkeypatch: pytest.MonkeyPatch, text: str, code: int = 0) -> None:
    """`mkdocs build` writes a small site saying `text`, or fails with `code`; other commands (git) run."""

    def run(command: list[str], *args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        if "mkdocs" not in command:
            return _REAL_RUN(command, *args, **kwargs)
        if code == 0:
            _write_site(Path(command[command.index("-d") + 1]), text)
        return subprocess.CompletedProcess(command, code)

    monkeypatch.setattr(build.subprocess, "run", run)


def _write_site(folder: Path, text: str) -> Path:
    (folder / "bab").mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "bab/halaman.html"):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _site_text(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def _whole(text: str) -> dict[str, str]:
    return {"index.html": text, "bab/halaman.html": text}


def _build(tmp_path: Path) -> int:
    return build.build_atomic(tmp_path / "proyek" / "mkdocs.yml", tmp_path / "site", strict=True)


def _fail_renames(monkeypatch: pytest.MonkeyPatch, *failing: int) -> list[str]:
    """Path.rename raises on the given calls (1 = the first); returns the names renamed to, in order."""
    real_rename, targets = Path.rename, []

    def rename(self: Path, target: Path) -> Path:
        targets.append(Path(target).name)
        if len(targets) in failing:
            raise OSError(errno.EIO, "gagal disengaja", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    return targets


def _no_exchange(monkeypatch: pytest.MonkeyPatch, code: int = errno.EINVAL) -> None:
    def exchange(a: Path, b: Path) -> None:
        raise OSError(code, os.strerror(code), str(a))

    monkeypatch.setattr(build, "exchange", exchange, raising=False)  # raising=False: also runs against the old swap


def test_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    first, second = _write_site(tmp_path / "satu", "satu"), _write_site(tmp_path / "dua", "dua")
    build.exchange(first, second)
    assert _site_text(first) == _whole("dua") and _site_text(second) == _whole("satu")
    assert not first.is_symlink() and not second.is_symlink()


def test_a_build_swaps_the_new_site_in_and_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_site(tmp_path / "site", "lama")
    _fake_mkdocs(monkeypatch, "baru")
    assert _build(tmp_path) == 0
    assert _site_text(tmp_path / "site") == _whole("baru")
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.kunci", "site"]


@pytest.mark.parametrize("failure", ["tukar", "ganti-nama-1", "ganti-nama-2", "ganti-nama-2-dan-3"])
def test_a_failed_swap_keeps_the_old_site_whole(
    failure: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_site(tmp_path / "site", "lama")
    _fake_mkdocs(monkeypatch, "baru")
    if failure == "tukar":
        _no_exchange(monkeypatch, errno.EIO)  # a real error, not "unsupported": no fallback
    else:
        _no_exchange(monkeypatch)
        _fail_renames(monkeypatch, *(int(n) for n in failure.removeprefix("ganti-nama-").split("-dan-")))
    assert _build(tmp_path) == 1
    assert "situs baru tidak dapat dipasang" in capsys.readouterr().err
    if failure == "ganti-nama-2-dan-3":  # old site aside and its way back failed too: the next build restores it
        monkeypatch.undo()
        _fake_mkdocs(monkeypatch, "baru", code=2)
        assert _build(tmp_path) == 2
    assert _site_text(tmp_path / "site") == _whole("lama")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.kunci", "site"]


@pytest.mark.parametrize("unsupported", [errno.EINVAL, errno.EOPNOTSUPP, errno.ENOSYS, "tanpa-renameat2"])
def test_without_renameat2_the_fallback_swap_works(
    unsupported: int | str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_site(tmp_path / "site", "lama")
    _fake_mkdocs(monkeypatch, "baru")
    if unsupported == "tanpa-renameat2":
        monkeypatch.setattr(build, "_renameat2", lambda: None)  # a C library without the symbol
    else:
        _no_exchange(monkeypatch, int(unsupported))
    targets = _fail_renames(monkeypatch)
    assert _build(tmp_path) == 0
    assert targets[0].startswith(".site.lama-") and targets[1] == "site"  # old aside, new in
    assert _site_text(tmp_path / "site") == _whole("baru")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.kunci", "site"]


def test_the_next_build_restores_the_newest_old_site_a_killed_fallback_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_site(Path(tempfile.mkdtemp(prefix=".site.lama-", dir=tmp_path)), "lama sekali")
    time.sleep(0.05)  # ctime tells which was set aside last; the clock ticks in milliseconds
    _write_site(Path(tempfile.mkdtemp(prefix=".site.lama-", dir=tmp_path)), "lama")
    _fake_mkdocs(monkeypatch, "baru", code=2)
    assert _build(tmp_path) == 2
    assert _site_text(tmp_path / "site") == _whole("lama")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.kunci", "site"]


def test_leftovers_of_killed_builds_are_deleted_and_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_site(tmp_path / "site", "lama")
    for prefix in (".site.baru-", ".site.lama-"):
        _write_site(Path(tempfile.mkdtemp(prefix=prefix, dir=tmp_path)), "sisa")
    kept = [".site.lama-cadangan-2024", ".site.baru-x.baru-abcd1234"]  # someone's backup, another --out's staging
    for name in kept:
        (tmp_path / name).mkdir()
    _fake_mkdocs(monkeypatch, "baru")
    assert _build(tmp_path) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".site.kunci", "site", *kept])


@pytest.mark.parametrize("undeletable", ["rmtree-gagal", "chattr+i"])
def test_an_old_site_that_cannot_be_deleted_never_fails_a_build(
    undeletable: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_site(tmp_path / "site", "lama")
    if undeletable == "rmtree-gagal":
        monkeypatch.setattr(build.shutil, "rmtree", lambda *args, **kwargs: None)
    elif shutil.which("chattr") is None or subprocess.run(["chattr", "+i", tmp_path / "site/bab/halaman.html"]).returncode:
        pytest.skip("chattr +i tidak tersedia di sini")
    try:
        for text in ("baru", "lebih baru"):
            _fake_mkdocs(monkeypatch, text)
            assert _build(tmp_path) == 0
            assert _site_text(tmp_path / "site") == _whole(text)
    finally:
        subprocess.run(["chattr", "-R", "-i", tmp_path], capture_output=True, check=False)
    assert "tidak dapat dihapus" in capsys.readouterr().err
    monkeypatch.undo()  # deletable again: the next build clears what was left
    _fake_mkdocs(monkeypatch, "terbaru")
    assert _build(tmp_path) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.kunci", "site"]
