"""Read every file under `sop_defs/`, validate it, and assemble the Manual.

Gather, then judge: every file is read and checked, and all problems are
returned together, sorted by file and line. A broken file never hides the
problems of the others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data.cache import cached, remembered
from generator.data.check import FileType, validate
from generator.data.gcpause import collector_paused, release_frozen
from generator.data.yamlload import LoadedFile, load_file
from generator.errors import Problem, errors_only, sort_problems
from generator.manual.assemble import assemble, unused_entries
from generator.manual.catalogues import Catalogues, catalogue_stamp, load_catalogues
from generator.manual.checks import Context, build_sop, check_references
from generator.manual.layout import SOP_DIR, Layout, SourceFile, discover
from generator.manual.model import Manual, Sop, SopFile, slug_problem

__all__ = ["SOP_DIR", "SourceFile", "load_manual", "load_manual_partial", "parse_file", "known_keys"]

SOP_TYPE: FileType[SopFile] = FileType(SopFile)


def _aliases(*models: type) -> set[str]:
    keys: set[str] = set()
    for model in models:
        for info in model.model_fields.values():  # type: ignore[attr-defined]
            keys.add(info.alias or "")
    return keys


def known_keys() -> set[str]:
    from generator.manual import model

    return _aliases(
        model.SopFile, model.Step, model.Decision, model.Official, model.OutsideRef,
        model.Government, model.AgencyFile, model.Role, model.LegalBasis, model.Document,
    )


@dataclass
class Loaded:
    """The outcome of reading `sop_defs/`: the Manual of every valid SOP, and the ids of SOPs that failed."""

    manual: Manual | None
    problems: list[Problem]
    failed: set[str] = field(default_factory=set)  # ids of SOP files with errors: records naming them are not judged
    catalogues: Catalogues | None = None  # for the unused-entry check, which the caller may run once all data is read


@collector_paused
def load_manual(root: Path, warnings: bool = True) -> tuple[Manual | None, list[Problem]]:
    """Load and validate everything; the Manual is None when any error was found.

    `warnings=False` skips the unused-entry check.
    """
    loaded = load_manual_partial(root, warnings)
    return (None if errors_only(loaded.problems) else loaded.manual), loaded.problems


def load_manual_partial(
    root: Path, warnings: bool = True, layout: Layout | None = None, only: Collection[str] | None = None
) -> Loaded:
    """`warnings=False` skips the unused-entry check: `loading.load_data` runs it once all data is read, since
    the LKE and the performance data name catalogue entries too.

    `only`: the SOP files (repository paths) to read, for a check of named files; the catalogues are read
    whole, and every SOP file of `layout` still counts as an SOP id that others may name. The Manual then
    holds those SOPs alone, and the unused-entry check is not run (it needs them all).
    """
    release_frozen()  # a new load: the previous build's frozen objects may be garbage now
    if not (root / SOP_DIR).is_dir():
        return Loaded(None, [Problem.whole_file(SOP_DIR, f"folder `{SOP_DIR}/` tidak ditemukan di {root}")])
    layout = layout or discover(root)
    keys = known_keys()
    found = load_catalogues(root, layout, keys)
    problems = layout.problems + found.problems
    sop_ids = {source.stem for source in layout.sops}
    # What every SOP is checked against: an SOP whose file and these are unchanged is not built again.
    context_stamp = catalogue_stamp(root, layout) + hashlib.blake2b("\0".join(sorted(sop_ids)).encode()).digest()
    sops: list[Sop] = []
    loaded_by_path: dict[str, LoadedFile] = {}
    failed: set[str] = set()
    for source in layout.sops if only is None else [s for s in layout.sops if s.shown_as in only]:
        parsed = cached(root, source.shown_as, "sop", lambda content, source=source: parse_file(source, SOP_TYPE, keys, content))
        sop, file_problems, loaded = remembered(
            ("sop", str(root), source.shown_as), (parsed, context_stamp),
            lambda source=source, parsed=parsed: _load_sop(source, parsed, found, sop_ids),
        )
        problems += file_problems
        if loaded is not None:
            loaded_by_path[source.shown_as] = loaded
        if sop is not None:
            sops.append(sop)
        else:
            failed.add(source.stem)  # its records wait for it, whichever file holds the error
    manual, found_across = assemble(found, sops, loaded_by_path)
    problems += found_across
    if manual is not None and warnings and only is None and not errors_only(problems):
        problems += unused_entries(manual, found)
    return Loaded(manual, sort_problems(problems), failed, found)


def _load_sop(
    source: SourceFile, parsed: tuple[LoadedFile | None, SopFile | None, list[Problem]], found: Catalogues, sop_ids: set[str]
) -> tuple[Sop | None, list[Problem], LoadedFile | None]:
    loaded, spec, problems = parsed
    problems = list(problems) + _check_place(source)
    if loaded is None:
        return None, problems, None
    agency_id = source.parts[0]
    agency = found.agencies.get(agency_id)
    if agency is None:
        return None, problems, loaded  # the agency file is missing or broken: reported there
    context = Context.of_agency(
        agency_id, agency.catalogue, agency.spec, found.shared, sop_ids, lambda kind: not found.is_broken(agency_id, kind)
    )
    problems += check_references(loaded, context)
    if spec is None:
        return None, problems, loaded
    sop, found_here = build_sop(loaded, spec, context)
    problems += found_here
    return (None if errors_only(problems) else sop), problems, loaded


def parse_file(
    source: SourceFile, file_type: FileType[Any], keys: set[str], content: bytes | None = None
) -> tuple[LoadedFile | None, Any, list[Problem]]:
    """Read and type-check one file: the part of validation that depends on this file alone."""
    loaded, problems = load_file(source.root, source.shown_as, content)
    if loaded is None:
        return None, None, problems
    value, problems = validate(file_type, loaded, keys)
    return loaded, value, problems


def _check_place(source: SourceFile) -> list[Problem]:
    agency, unit, name = source.parts
    found = (slug_problem(part, what) for part, what in ((unit, "folder unit"), (name.removesuffix(".yaml"), "nama berkas SOP")))
    return [Problem.whole_file(source.shown_as, problem) for problem in found if problem]
