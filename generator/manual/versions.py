"""Versions of each SOP, from git: its content at every commit that changed it, and the working copy.

A record is judged by the version in force when its period started, so a revision never rewrites
what an older record or page says about its own period. A historic version is checked against
today's catalogues; a version that no longer validates is left out (the next one stands in).
"""

from __future__ import annotations

from pathlib import Path

from generator.data.cache import content_stamp, remembered, stamp
from generator.data.gitblobs import Committed, committed_versions, is_shallow
from generator.data.yamlload import MAX_FILE_BYTES, LoadedFile
from generator.errors import Problem, Severity, errors_only
from generator.manual.checks import Context, build_sop
from generator.manual.layout import SOP_DIR, SourceFile
from generator.manual.load import SOP_TYPE, known_keys, parse_file
from generator.manual.model import Manual, Sop, SopFile, Version, Versions

NO_HISTORY = (
    "riwayat git tidak tersedia (bukan repositori git, atau klon dangkal): setiap rekaman diperiksa terhadap "
    "versi SOP terkini, yang mungkin lebih baru daripada versi saat rekaman itu dijalankan"
)


# Blob -> its parse: one parse per distinct content, kept across rebuilds (`mkdocs serve`). Checking it
# against the catalogues is redone each time, since those may have changed.
_parsed: dict[str, tuple[LoadedFile | None, SopFile | None, bool]] = {}


def read_versions(root: Path, manual: Manual, narrow: bool = False) -> tuple[Versions, list[Problem]]:
    """The versions of every SOP of `manual` (its current SOPs, by id); a warning when git cannot tell.

    `narrow`: git is asked about these SOPs' files alone, for a manual of a few SOPs (a check of named files);
    otherwise the whole of sop_defs/ is read at once, which is faster for all of them.
    """
    names = [f"{sop.id}.yaml" for sop in manual.sops] if narrow else []
    if narrow and not names:
        return Versions(True, {}), []
    committed = None if is_shallow(root) else committed_versions(root, SOP_DIR, MAX_FILE_BYTES, names)
    if committed is None:
        working = {sop.id: (Version(sop, None, None),) for sop in manual.sops}
        return Versions(False, working), [Problem.whole_file(SOP_DIR, NO_HISTORY, Severity.WARNING)]
    sop_ids = {sop.id for sop in manual.sops}
    contexts = {
        agency.id: Context.of_agency(agency.id, agency.catalogue, agency.spec, manual.catalogue, sop_ids)
        for agency in manual.agencies
    }
    by_id: dict[str, list[Version]] = {}
    working = _working_copies(root, manual)
    for entry in reversed(committed):  # oldest first
        current = manual.sop(Path(entry.path).stem)
        if current is None or Path(entry.path).name.startswith("_") or entry.content is None:
            continue
        # The committed text of today's file is today's SOP, already checked: no second parse.
        same = content_stamp(entry.content) == working.get(current.id)
        sop = current if same else _version_sop(root, entry, current, contexts[current.agency_id])
        if sop is None:
            continue
        history = by_id.setdefault(current.id, [])
        if history and same_content(history[-1].sop.spec, sop.spec):
            continue  # a move, or a commit that left the content as it was
        history.append(Version(sop, entry.commit, entry.day))
    for sop in manual.sops:
        history = by_id.setdefault(sop.id, [])
        if not history or not same_content(history[-1].sop.spec, sop.spec):
            history.append(Version(sop, None, None))  # the working copy: edited, not yet committed
        else:
            history[-1] = Version(sop, history[-1].commit, history[-1].committed)  # today's place and catalogue
    return Versions(True, {sop_id: tuple(v) for sop_id, v in by_id.items()}), []


# Revoking an SOP ends its life; it does not make a new text, so the version in force stays the one revoked.
LIFECYCLE = {"status": "berlaku", "revoked_on": None, "replaced_by": None}


def same_content(a: SopFile, b: SopFile) -> bool:
    """Whether two texts of an SOP are one version: equal but for the lifecycle keys."""
    return a == b or a.model_copy(update=LIFECYCLE) == b.model_copy(update=LIFECYCLE)


def _working_copies(root: Path, manual: Manual) -> dict[str, bytes]:
    """SOP id -> the hash of its file as loading read it (data.cache), to tell a commit holding the same text."""
    found = {}
    for sop in manual.sops:
        if (known := stamp(root, sop.source)) is not None:
            found[sop.id] = known
    return found


def _version_sop(root: Path, entry: Committed, current: Sop, context: Context) -> Sop | None:
    """The SOP as `entry` holds it, placed where the SOP is today and checked against today's catalogue."""
    if entry.blob not in _parsed:
        # Messages and marks as if the file were where it is now (the blob's own path may be an older layout).
        loaded, spec, problems = parse_file(SourceFile(root, current.source), SOP_TYPE, known_keys(), entry.content)
        _parsed[entry.blob] = (loaded, spec, bool(errors_only(problems)))
    loaded, spec, broken = _parsed[entry.blob]
    if loaded is None or spec is None or broken:
        return None
    # Built again only when today's SOP is (its catalogue or place may have changed); see data.cache.
    sop, found = remembered(("versi", str(root), entry.blob), (loaded, current), lambda: build_sop(loaded, spec, context))
    return None if errors_only(found) else sop
