"""Versions of each SOP, from git: its content at every commit that changed it, and the working copy.

A record is judged by the version in force when its period started, so a revision never rewrites
what an older record or page says about its own period. A historic version is checked against
today's catalogues; a version that no longer validates is left out (the next one stands in).
"""

from __future__ import annotations

from pathlib import Path

from generator.data.gitblobs import Committed, committed_versions
from generator.data.yamlload import MAX_FILE_BYTES
from generator.errors import Problem, Severity, errors_only
from generator.manual.checks import Context, build_sop
from generator.manual.layout import SOP_DIR, SourceFile
from generator.manual.load import SOP_TYPE, known_keys, parse_file
from generator.manual.model import Manual, Sop, Version, Versions, revoking_rule

NO_HISTORY = (
    "riwayat git tidak tersedia (bukan repositori git, atau klon dangkal): setiap rekaman diperiksa terhadap "
    "versi SOP terkini, yang mungkin lebih baru daripada versi saat rekaman itu dijalankan"
)


_parsed: dict[tuple[str, str], Sop | None] = {}  # (blob, path) -> the version built from it


def read_versions(root: Path, manual: Manual) -> tuple[Versions, list[Problem]]:
    """The versions of every SOP of `manual` (its current SOPs, by id); a warning when git cannot tell."""
    committed = committed_versions(root, SOP_DIR, MAX_FILE_BYTES)
    if committed is None or _shallow(root):
        working = {sop.id: (Version(sop, None, None),) for sop in manual.sops}
        return Versions(False, working), [Problem.whole_file(SOP_DIR, NO_HISTORY, Severity.WARNING)]
    by_id: dict[str, list[Version]] = {}
    for entry in reversed(committed):  # oldest first
        current = manual.sop(Path(entry.path).stem)
        if current is None or Path(entry.path).name.startswith("_") or entry.content is None:
            continue
        sop = _version_sop(root, entry, current, manual)
        if sop is None:
            continue
        history = by_id.setdefault(current.id, [])
        if history and history[-1].sop.spec == sop.spec:
            continue  # a move, or a commit that left the content as it was
        history.append(Version(sop, entry.commit, entry.day))
    for sop in manual.sops:
        history = by_id.setdefault(sop.id, [])
        if not history or history[-1].sop.spec != sop.spec:
            history.append(Version(sop, None, None))  # the working copy: edited, not yet committed
        else:
            history[-1] = Version(sop, history[-1].commit, history[-1].committed)  # today's place and catalogue
    return Versions(True, {sop_id: tuple(v) for sop_id, v in by_id.items()}), []


def _version_sop(root: Path, entry: Committed, current: Sop, manual: Manual) -> Sop | None:
    """The SOP as `entry` holds it, placed where the SOP is today and checked against today's catalogue."""
    key = (entry.blob, current.source)
    if key not in _parsed:
        source = SourceFile(root, current.source)  # messages and marks as if the file were where it is now
        loaded, spec, problems = parse_file(source, SOP_TYPE, known_keys(), entry.content)
        agency = manual.agency(current.agency_id)
        context = Context(
            agency_id=agency.id,
            catalogue=agency.catalogue,
            head=agency.spec.head,
            sop_ids={sop.id for sop in manual.sops},
            checkable=lambda kind: True,
            revoker=lambda basis: revoking_rule(basis, agency.catalogue, agency.spec.legal_bases, manual.catalogue),
        )
        sop = None
        if loaded is not None and spec is not None and not errors_only(problems):
            sop, found = build_sop(loaded, spec, context)
            sop = None if errors_only(found) else sop
        _parsed[key] = sop
    return _parsed[key]


def _shallow(root: Path) -> bool:
    import subprocess

    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "--is-shallow-repository"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return True
    return out.returncode != 0 or out.stdout.strip() == b"true"
