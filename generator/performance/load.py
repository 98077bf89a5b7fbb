"""Read every performance file and check it against the manual (roles, SOPs, documents) and each other.

Order matters: the indicators first, then each year's PK, then the quarters, whose realisations need that
year's target. A broken file never hides the problems of the others; files that depend on a broken one wait
for it to be fixed (an agency's PK and quarters while its _kinerja.yaml has errors, the "no target" rule
while that year's PK has errors).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.data.cache import cached
from generator.data.check import FileType
from generator.data.gcpause import collector_paused
from generator.data.yamlload import Findings, LoadedFile
from generator.errors import Problem, errors_only, sort_problems
from generator.manual.layout import AGENCY_FILE, PERFORMANCE_FILE, SOP_DIR, SourceFile
from generator.manual.load import parse_file
from generator.manual.model import Agency, Manual
from generator.performance.checks import (
    check_agreement, check_definitions, check_indicator_ids, check_quarter, check_targets, check_units,
)
from generator.performance.layout import Place, discover
from generator.performance.model import (
    AgencyPerformance, Agreement, AgreementFile, Indicator, Performance, PerformanceFile, QuarterFile, QuarterReport,
    performance_keys,
)

PERFORMANCE_TYPE: FileType[PerformanceFile] = FileType(PerformanceFile)
AGREEMENT_TYPE: FileType[AgreementFile] = FileType(AgreementFile)
QUARTER_TYPE: FileType[QuarterFile] = FileType(QuarterFile)


@dataclass(frozen=True)
class _Parsed:
    loaded: LoadedFile | None
    spec: Any
    problems: list[Problem]


@collector_paused
def load_performance(
    root: Path, manual: Manual, today: date, skip: Collection[str] = (), documents_known: bool = True,
) -> tuple[Performance, list[Problem]]:
    """Every agency's performance data, checked as of the reference date `today`; all problems together.

    `skip`: ids of SOP files with errors, which an indicator's `sop` may still name.
    `documents_known`: False when the document catalogue has errors; document ids are then not judged.
    """
    sources = discover(root)
    problems = list(sources.problems)
    agencies = {agency.id: agency for agency in manual.agencies}
    found: dict[str, AgencyPerformance] = {}
    waiting: set[str] = set()  # agencies whose _kinerja.yaml has errors: their PK and quarters wait
    for agency_id, source in sources.definitions.items():
        sop_ids = {s.id for s in manual.sops} | set(skip)
        performance, checked = _definitions(source, agencies.get(agency_id), sop_ids, documents_known)
        problems += checked
        if performance is None:
            waiting.add(agency_id)
        else:
            found[agency_id] = performance
    owners: dict[Place, AgencyPerformance] = {}
    for place in sources.places:
        owner = _owner(place, found, waiting, agencies)
        if isinstance(owner, Problem):
            problems.append(owner)
        elif owner is not None:
            owners[place] = owner
    broken = _agreements(owners, found, agencies, today, problems)
    _quarters(root, owners, found, broken, today, problems)
    return Performance(tuple(found.values())), sort_problems(problems)


def _parse(source: SourceFile, kind: str, file_type: FileType[Any]) -> _Parsed:
    keys = performance_keys()
    loaded, spec, problems = cached(
        source.root, source.shown_as, kind, lambda content: parse_file(source, file_type, keys, content)
    )
    return _Parsed(loaded, spec, list(problems))


def _definitions(
    source: SourceFile, agency: Agency | None, sop_ids: set[str], documents_known: bool,
) -> tuple[AgencyPerformance | None, list[Problem]]:
    parsed = _parse(source, "kinerja", PERFORMANCE_TYPE)
    problems = parsed.problems
    agency_id = source.parts[0]
    if agency is None:
        problems.append(Problem.whole_file(
            source.shown_as, f"folder instansi `{agency_id}` tidak punya {AGENCY_FILE} (nama, singkatan, kepala)",
        ))
        return None, problems
    if parsed.loaded is None:
        return None, problems
    out = Findings(parsed.loaded)
    check_definitions(out, agency, sop_ids, documents_known)
    spec: PerformanceFile | None = parsed.spec
    if spec is not None:
        check_targets(out, spec)
    problems += out.problems
    if spec is None or errors_only(problems):
        return None, problems
    period = spec.renstra.years
    indicators = tuple(Indicator(agency_id, indicator, period) for indicator in spec.indicators)
    return AgencyPerformance(agency_id, source.shown_as, spec, indicators), problems


def _owner(
    place: Place, found: dict[str, AgencyPerformance], waiting: set[str], agencies: dict[str, Agency]
) -> AgencyPerformance | Problem | None:
    """The agency data a PK or quarter file belongs to, the problem with its folder, or None while that waits."""
    agency_id = place.agency_id
    if agency_id in found:
        return found[agency_id]
    if agency_id in waiting:
        return None
    rel = place.source.shown_as
    if agency_id not in agencies:
        guess = difflib.get_close_matches(agency_id, sorted(agencies), n=1, cutoff=0.6)
        hint = f"; maksud Anda `{guess[0]}`?" if guess else ""
        return Problem.whole_file(rel, f"instansi `{agency_id}` (nama folder) tidak ada di {SOP_DIR}/{hint}")
    return Problem.whole_file(
        rel, f"instansi `{agency_id}` belum punya {SOP_DIR}/{agency_id}/{PERFORMANCE_FILE}: tulis dulu indikator dan target Renstra-nya di sana",
    )


def _agreements(
    owners: dict[Place, AgencyPerformance], found: dict[str, AgencyPerformance], agencies: dict[str, Agency],
    today: date, problems: list[Problem],
) -> set[tuple[str, int]]:
    """Check each PK and add the valid ones to `found`; the (agency, year) of PKs with errors."""
    broken: set[tuple[str, int]] = set()
    for place, owner in owners.items():
        if place.quarter is not None:
            continue
        parsed = _parse(place.source, "pk", AGREEMENT_TYPE)
        problems += parsed.problems
        if parsed.loaded is None:
            broken.add((place.agency_id, place.year))
            continue
        out = Findings(parsed.loaded)
        check_indicator_ids(out, "target", owner, owner.source)
        if parsed.spec is not None:
            check_agreement(out, parsed.spec, place, owner, agencies[place.agency_id], today)
        problems += out.problems
        if parsed.spec is None or errors_only(parsed.problems + out.problems):
            broken.add((place.agency_id, place.year))
            continue
        agreement = Agreement(place.agency_id, place.year, place.source.shown_as, parsed.spec)
        current = found[place.agency_id]
        found[place.agency_id] = replace(current, agreements={**current.agreements, place.year: agreement})
    return broken


def _quarters(
    root: Path, owners: dict[Place, AgencyPerformance], found: dict[str, AgencyPerformance],
    broken: set[tuple[str, int]], today: date, problems: list[Problem],
) -> None:
    """Check each quarter against the targets of its year (the PKs are in `found` by now); add the valid ones."""
    for place in owners:
        if place.quarter is None:
            continue
        parsed = _parse(place.source, "realisasi", QUARTER_TYPE)
        problems += parsed.problems
        if parsed.loaded is None:
            continue
        owner = found[place.agency_id]
        out = Findings(parsed.loaded)
        check_indicator_ids(out, "realisasi", owner, owner.source)
        check_units(out, owner)
        if parsed.spec is not None:
            check_quarter(out, root, parsed.spec, place, owner, (place.agency_id, place.year) in broken, today)
        problems += out.problems
        if parsed.spec is None or errors_only(parsed.problems + out.problems):
            continue
        report = QuarterReport(place.agency_id, place.year, place.quarter, place.source.shown_as, parsed.spec)
        found[place.agency_id] = replace(owner, quarters={**owner.quarters, (place.year, place.quarter): report})
