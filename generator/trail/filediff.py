"""Each change's data files before and after it, read from git, and what changed in them in the data's own terms.

Two git processes however long the history: `git log --raw` lists, for each commit of the main line, the blob each
changed file had before (in the first parent: what a merge brought) and after; `git cat-file --batch` reads every
distinct YAML blob once. Blobs and their parses are kept across rebuilds (`mkdocs serve`), so a rebuild reads only
what is new. Only hashes and NUL-terminated paths are parsed from git's output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.data.check import FileType, validate
from generator.data.gitblobs import read_blobs, run_git
from generator.data.yamldiff import capped, text_diff, yaml_diff
from generator.data.yamlload import MAX_FILE_BYTES, load_text
from generator.manual.layout import SOP_DIR
from generator.manual.load import SOP_TYPE, known_keys
from generator.manual.model import Manual
from generator.manual.sopdiff import sop_diff
from generator.performance.layout import PERFORMANCE_FOLDER
from generator.records.model import RECORD_TYPE, record_keys
from generator.records.periods import MONITORING_FOLDER
from generator.records.recorddiff import record_diff
from generator.trail import codeowners, signers
from generator.trail.history import visible

_HEAD = re.compile(rb"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # "%H", SHA-1 or SHA-256
# ":100644 100644 <old> <new> M", or "R093" for a move (then two paths follow); the modes tell files from links.
_RAW = re.compile(rb"\n?:([0-7]{6}) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([ACDMRTUX])[0-9]*")
_ABSENT = re.compile(rb"0+")
_FILE_MODES = (b"100644", b"100755")
YAML_SUFFIXES = (".yaml", ".yml")
DATA_FOLDERS = (SOP_DIR, "records")
# What decides who approves and how the site is built: compared line by line, each line being one rule.
SETTINGS = (*codeowners.LOCATIONS, *signers.LOCATIONS, "mkdocs.yml", ".gitlab-ci.yml")
WORKFLOWS = ".github/workflows"
TOO_BIG = "berkas terlalu besar untuk dibandingkan"
UNREADABLE = "isi tidak dapat dibaca sebagai YAML"


@dataclass(frozen=True)
class FileStep:
    """One file as one commit changed it: its blob before (first parent) and after; None where it did not exist."""

    commit: str
    path: str  # as Python's file functions spell it (surrogateescape), like History's paths
    before: str | None
    after: str | None
    moved_from: str | None = None


@dataclass(frozen=True)
class FileVersions:
    available: bool = False
    steps: tuple[FileStep, ...] = ()  # newest commit first
    contents: Mapping[str, bytes | None] = field(default_factory=dict)  # YAML blob -> content; None: too big


@dataclass(frozen=True)
class _Parsed:
    loaded: bool  # read as YAML
    spec: Any  # the typed file, or None when it does not validate as its kind (then compared as plain data)
    data: Any


# Kept across rebuilds: blob -> content, and (kind, blob) -> its parse. Both are fixed by the blob's hash.
_contents: dict[str, bytes | None] = {}
_parsed: dict[tuple[str, str], _Parsed] = {}


def read_file_versions(root: Path, folders: tuple[str, ...] = (*DATA_FOLDERS, *SETTINGS, WORKFLOWS)) -> FileVersions:
    """Every change of the main line to `folders`, with the content before and after of each data YAML file and
    each setting."""
    listed = run_git(
        root, "log", "-z", "--no-color", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev",
        "-M", "--relative", "--format=%x00%H", "--", *folders, timeout=120,
    )
    steps = None if listed is None else parse_raw(listed)
    if steps is None:
        return FileVersions()
    wanted = [blob for step in steps if _compared(step.path) for blob in (step.before, step.after) if blob]
    missing = [blob for blob in dict.fromkeys(wanted) if blob not in _contents]
    if missing:
        read = read_blobs(root, missing, MAX_FILE_BYTES)
        if read is None:
            return FileVersions()
        _contents.update({blob: read.get(blob) for blob in missing})
    return FileVersions(True, tuple(steps), {blob: _contents[blob] for blob in wanted})


def parse_raw(out: bytes) -> list[FileStep] | None:
    """The file steps of `log -z --raw -M` output; None when it is not that shape."""
    found: list[FileStep] = []
    parts, i, commit = out.split(b"\0"), 0, None
    while i < len(parts):
        token = parts[i]
        if not token:
            i += 1
        elif i > 0 and not parts[i - 1] and _HEAD.fullmatch(token):
            commit, i = token.decode("ascii"), i + 1
        elif (raw := _RAW.fullmatch(token)) and commit is not None and i + 1 < len(parts) and parts[i + 1]:
            moved = raw[5] in (b"R", b"C")
            if moved and not (i + 2 < len(parts) and parts[i + 2]):
                return None
            old_path, path = (parts[i + 1], parts[i + 2]) if moved else (None, parts[i + 1])
            found.append(FileStep(
                commit, _path(path), _blob(raw[1], raw[3]), _blob(raw[2], raw[4]),
                _path(old_path) if old_path is not None and raw[5] == b"R" else None,
            ))
            i += 3 if moved else 2
        else:
            return None
    return found


def _blob(mode: bytes, blob: bytes) -> str | None:
    """A regular file's blob; None where there was none, or for a link or submodule (no data to compare)."""
    return None if _ABSENT.fullmatch(blob) or mode not in _FILE_MODES else blob.decode("ascii")


def _path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def file_changes(versions: FileVersions, manual: Manual | None = None) -> dict[tuple[str, str], tuple[str, ...]]:
    """(commit, file as the audit page shows it) -> what that commit changed in it; `manual` names the roles."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for step in versions.steps:
        lines = describe(step, versions.contents, manual)
        found[(step.commit, _shown(step.path))] = tuple(visible(line) for line in lines)
        if step.moved_from is not None:  # in case the page lists the old name too
            found.setdefault((step.commit, _shown(step.moved_from)), (visible(f"dipindahkan ke {step.path}"),))
    return found


def _shown(path: str) -> str:
    """The name as History shows it (`Change.files`): undecodable bytes replaced, hidden characters escaped."""
    return visible(path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


def describe(step: FileStep, contents: Mapping[str, bytes | None], manual: Manual | None = None) -> list[str]:
    """The lines for one file of one change; a file that is not YAML (an attachment) is only added, changed or removed."""
    moved = [f"dipindahkan dari {step.moved_from}"] if step.moved_from is not None else []
    if step.before == step.after:
        return moved
    blobs = [blob for blob in (step.before, step.after) if blob is not None]
    if not _compared(step.path) or any(blob not in contents for blob in blobs):
        return moved + [_presence(step)]
    if any(contents[blob] is None for blob in blobs):
        return moved + [TOO_BIG]
    if _is_setting(step.path):
        return capped(moved + _setting_lines(step, contents))
    return capped(moved + _describe_yaml(step, contents, manual))


def _is_setting(path: str) -> bool:
    return path in SETTINGS or path.startswith(f"{WORKFLOWS}/")


def _compared(path: str) -> bool:
    """Whether a file's contents are read: data YAML and settings; not code, guides or attachments."""
    return _is_setting(path) or (path.endswith(YAML_SUFFIXES) and path.split("/", 1)[0] in DATA_FOLDERS)


def _setting_lines(step: FileStep, contents: Mapping[str, bytes | None]) -> list[str]:
    if step.after is None:
        return ["berkas dihapus"]
    old, new = (_decoded(contents.get(blob) if blob else None) for blob in (step.before, step.after))
    return ([] if step.before else ["berkas baru"]) + text_diff(old, new)


def _decoded(content: bytes | None) -> str:
    return (content or b"").decode("utf-8", "replace")


def _presence(step: FileStep) -> str:
    return "berkas baru" if step.before is None else "berkas dihapus" if step.after is None else "isi berkas diubah"


def _describe_yaml(step: FileStep, contents: Mapping[str, bytes | None], manual: Manual | None) -> list[str]:
    kind = _kind(step.path)
    typed = {"sop": SOP_TYPE, "rekaman": RECORD_TYPE}.get(kind)
    sides = [_parse(kind, typed, step.path, blob, contents) if blob else _Parsed(True, None, None) for blob in (step.before, step.after)]
    if not all(side.loaded for side in sides):
        return [UNREADABLE]
    old, new = sides
    present = [blob is not None for blob in (step.before, step.after)]
    if typed is not None and all(side.spec is not None or not there for side, there in zip(sides, present)):
        if kind == "sop":
            return sop_diff(old.spec, new.spec, _role_names(step.path, manual))
        return record_diff(old.spec, new.spec)
    return yaml_diff(old.data, new.data, (not present[0], not present[1]))


def _kind(path: str) -> str:
    parts = PurePosixPath(path).parts
    # sop_defs/<instansi>/<unit>/<id>.yaml; before agencies, sop_defs/<unit>/<id>.yaml
    if parts[0] == SOP_DIR and len(parts) in (3, 4) and not parts[-1].startswith("_"):
        return "sop"
    if parts[0] == "records" and len(parts) >= 4 and parts[2] not in (MONITORING_FOLDER, PERFORMANCE_FOLDER):
        return "rekaman"
    return "yaml"


def _parse(kind: str, typed: FileType[Any] | None, path: str, blob: str, contents: Mapping[str, bytes | None]) -> _Parsed:
    """One parse per blob and kind, kept across rebuilds."""
    key = (kind, blob)
    if key not in _parsed:
        _parsed[key] = _parse_now(typed, path, contents.get(blob) or b"")
    return _parsed[key]


def _parse_now(typed: FileType[Any] | None, path: str, content: bytes) -> _Parsed:
    try:
        loaded, _ = load_text(content.decode("utf-8"), path)
    except UnicodeDecodeError:
        return _Parsed(False, None, None)
    if loaded is None:
        return _Parsed(False, None, None)
    if typed is None:
        return _Parsed(True, None, loaded.data)
    spec, _ = validate(typed, loaded, known_keys() if typed is SOP_TYPE else record_keys())
    return _Parsed(True, spec, loaded.data)


def _role_names(path: str, manual: Manual | None) -> dict[str, str]:
    """Role id -> its column name on the form, as the SOP's agency names it today."""
    agency_id = PurePosixPath(path).parts[1]
    if manual is None or agency_id not in {agency.id for agency in manual.agencies}:
        return {}
    return {role_id: role.abbreviation for role_id, role in manual.agency(agency_id).catalogue.roles.items()}
