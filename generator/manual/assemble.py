"""Checks across SOPs and the Manual they make: unique ids, one unit name per folder, unused catalogue entries."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from generator.data.yamlload import LoadedFile
from generator.errors import Problem, Severity
from generator.manual.catalogues import AgencySource, Catalogues
from generator.manual.index import build_index
from generator.manual.model import Agency, Manual, Sop, Unit


def assemble(found: Catalogues, sops: list[Sop], loaded_by_path: Mapping[str, LoadedFile]) -> tuple[Manual | None, list[Problem]]:
    """The Manual of every valid SOP (None without a government file), and the problems across SOPs."""
    problems = _duplicate_ids(sops) + _replacement_cycles(sops, loaded_by_path)
    agencies = []
    for agency_id in sorted(found.agencies):
        source = found.agencies[agency_id]
        units, unit_problems = _units(source, [s for s in sops if s.agency_id == agency_id], loaded_by_path)
        problems += unit_problems
        agencies.append(Agency(agency_id, source.loaded.path, source.spec, source.catalogue, units, found.shared))
    if found.government is None:
        return None, problems
    return Manual(government=found.government, catalogue=found.shared, agencies=tuple(agencies)), problems


def _duplicate_ids(sops: list[Sop]) -> list[Problem]:
    problems = []
    by_id: dict[str, Sop] = {}
    for sop in sops:
        if sop.id in by_id:
            problems.append(Problem.whole_file(sop.source, f"id SOP `{sop.id}` sudah dipakai oleh {by_id[sop.id].source}"))
        by_id.setdefault(sop.id, sop)
    return problems


def _replacement_cycles(sops: list[Sop], loaded_by_path: Mapping[str, LoadedFile]) -> list[Problem]:
    """A chain of `diganti_oleh` that comes back to its start leaves no SOP in force: refused at each member."""
    replaced = {sop.id: sop for sop in sops if sop.spec.replaced_by is not None}
    problems = []
    for sop in replaced.values():
        chain = [sop.id]
        step = sop.spec.replaced_by
        while step in replaced and step not in chain:
            chain.append(step)
            step = replaced[step].spec.replaced_by
        if step == sop.id:
            shown = " → ".join(f"`{s}`" for s in [*chain, sop.id])
            message = f"pergantian SOP melingkar ({shown}): SOP pengganti harus SOP yang tetap berlaku"
            problems.append(loaded_by_path[sop.source].problem(("diganti_oleh",), message))
    return problems


def _units(
    source: AgencySource, sops: list[Sop], loaded_by_path: Mapping[str, LoadedFile]
) -> tuple[tuple[Unit, ...], list[Problem]]:
    """The agency's units in folder order; a unit name spelt differently across one folder is a warning."""
    by_folder: dict[str, list[Sop]] = {}
    for sop in sops:
        by_folder.setdefault(sop.unit_id, []).append(sop)
    units, problems = [], []
    for unit_id in sorted(by_folder):
        members = by_folder[unit_id]
        name = members[0].spec.unit
        for other in members[1:]:
            if other.spec.unit != name:
                differs = loaded_by_path[other.source].problem(
                    ("unit",),
                    f"unit `{other.spec.unit}` ditulis berbeda dari SOP lain di folder yang sama (`{name}` di {members[0].source}); "
                    f"halaman unit memakai `{name}`",
                    Severity.WARNING,
                )
                problems.append(differs)
        units.append(Unit(agency_id=source.id, id=unit_id, name=name, sops=tuple(members)))
    return tuple(units), problems


def unused_entries(
    manual: Manual, found: Catalogues, used_elsewhere: Mapping[str, Collection[str]] | None = None
) -> list[Problem]:
    """Catalogue entries no SOP names: a warning, since records or later SOPs may still need them.

    Entries `used_elsewhere` names (kind -> keys) are used too: another file of sop_defs/ asks for them.
    """
    index = build_index(manual)
    used = {
        "jabatan": {manual.agency_of(s).key("jabatan", a, twin=False) for s in manual.sops for a in s.spec.actors},
        "dasar_hukum": _with_chains(manual, set(index.sops_by_basis)),
        # A document named only inside a step still has a page worth keeping.
        "dokumen": set(index.sops_by_document) | set(index.mentions_by_document),
    }
    for kind, keys in (used_elsewhere or {}).items():
        used[kind] |= set(keys)
    problems = []
    for kind in ("jabatan", "dasar_hukum", "dokumen"):
        for entry in manual.entries(kind, twins=True):
            if entry.key in used[kind]:
                continue
            loaded = found.shared_files.get(kind) if entry.agency is None else found.agencies[entry.agency.id].loaded
            if loaded is not None:
                loc = (entry.id,) if entry.agency is None else (kind, entry.id)
                problems.append(loaded.problem(loc, "tidak dipakai oleh SOP mana pun", Severity.WARNING))
    return problems


def _with_chains(manual: Manual, cited: set[str]) -> set[str]:
    """Cited rules and the rules that amend or revoke them: the register shows the whole chain."""
    result = set(cited)
    for entry in manual.entries("dasar_hukum"):
        if entry.key in cited:
            basis = entry.value
            scope = manual.agency(entry.agency.id) if entry.agency else None
            for other in [*basis.amended_by, *([basis.revoked_by] if basis.revoked_by else [])]:  # type: ignore[union-attr]
                result.add(scope.key("dasar_hukum", other) if scope else other)
    return result
