"""What each generated page reads, named as input keys, and the value of every input in one build.

A dirty rebuild (`mkdocs serve --dirty`) writes again only the pages that read an input whose value changed
(plugin.incremental). Keys are plain strings:

    sop:<id>                 the SOP: every version of it
    rekaman:<file>           one record
    entri:<kind>:<scope>:<id> one catalogue entry as written: scope is the agency, or "-" for a shared entry
    instansi:<id>            an agency's own file (name, head) and its units with their SOPs, in order
    pemerintah               the government file: the form's header
    pemantauan:<SOP id>      the monitoring notes of one SOP
    kinerja:<agency id>      an agency's performance data

    sop-ringkas:<id>         the SOP as lists and summaries show it: without what only its own form shows
                             (equipment, warnings, record keeping, dates of making and revision, approver,
                             related procedures, sub-unit)

A page that summarises the whole manual reads SUMMARY: every input but the SOPs' own-form texts. Other
pages that need all of it read EVERYTHING. What every page shares (the reference date, the history, the
navigation, the configuration) is compared as a whole in plugin.incremental: when it changes, every page is
written again.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from generator.data.cache import remembered
from generator.manual.model import Agency, Entry, Manual, OutsideRef, Sop, SopFile
from generator.records.model import Record
from generator.render.gather import Site

EVERYTHING: frozenset[str] = frozenset({"*"})
SUMMARY: frozenset[str] = frozenset({"*ringkas"})
FORM_ONLY = ("sub_unit", "created", "revised", "approved_by", "related", "equipment", "warning", "record_keeping")
GOVERNMENT = "pemerintah"
KIND_ATTRIBUTE = {"jabatan": "roles", "dasar_hukum": "legal_bases", "dokumen": "documents"}


def sop_key(sop_id: str) -> str:
    return f"sop:{sop_id}"


def summary_key(sop_id: str) -> str:
    return f"sop-ringkas:{sop_id}"


def read_by_summaries(key: str) -> bool:
    """Whether a page reading SUMMARY reads `key`: all but the SOPs in full."""
    return not key.startswith("sop:")


def record_key(source: str) -> str:
    return f"rekaman:{source}"


def agency_key(agency_id: str) -> str:
    return f"instansi:{agency_id}"


def monitoring_key(sop_id: str) -> str:
    return f"pemantauan:{sop_id}"


def performance_key(agency_id: str) -> str:
    return f"kinerja:{agency_id}"


def entry_key(kind: str, scope: str | None, entry_id: str) -> str:
    return f"entri:{kind}:{scope or '-'}:{entry_id}"


def entry_reads(kind: str, entries: Iterable[Entry]) -> set[str]:
    """Catalogue entries with a page (and their twins), as written, with the agency file that holds them."""
    keys = set()
    for entry in entries:
        keys.add(entry_key(kind, entry.agency.id if entry.agency else None, entry.id))
        if entry.agency is not None:
            keys.add(agency_key(entry.agency.id))
    return keys


def input_values(site: Site) -> dict[str, Any]:
    """Every input's value now; compared with `==` to the last build's (the same object when a file is unchanged,
    see data.cache, so the comparison is mostly one identity check)."""
    manual = site.manual
    values: dict[str, Any] = {GOVERNMENT: manual.government}
    for agency in manual.agencies:
        spec = agency.spec
        units = tuple((unit.id, unit.name, tuple(sop.id for sop in unit.sops)) for unit in agency.units)
        values[agency_key(agency.id)] = (spec.name, spec.abbreviation, spec.head, agency.source, units)
        for kind, attribute in KIND_ATTRIBUTE.items():
            values |= {entry_key(kind, agency.id, i): v for i, v in getattr(spec, attribute).items()}
    for kind, attribute in KIND_ATTRIBUTE.items():
        values |= {entry_key(kind, None, i): v for i, v in getattr(manual.catalogue, attribute).items()}
    versions = manual.versions
    for sop in manual.sops:
        every = versions.by_id.get(sop.id, ()) if versions is not None else ()
        values[sop_key(sop.id)] = (sop, every)
        values[summary_key(sop.id)] = (_summary(sop), tuple((_summary(v.sop), v.commit, v.committed) for v in every))
    # As the files say: a record and a note also hold the SOP they were judged by, which is an input of its own.
    values |= {record_key(r.source): (r.spec, r.version.commit if r.version else None) for r in site.records}
    notes: dict[str, list[Any]] = {}
    for note in site.monitoring:
        notes.setdefault(note.sop.id, []).append((note.source, note.spec))
    values |= {monitoring_key(sop_id): tuple(found) for sop_id, found in notes.items()}
    values |= {performance_key(data.agency_id): data for data in site.performance.agencies}
    return values


def _summary(sop: Sop) -> Any:
    """The SOP without its own-form texts; the same object while the SOP is (data.cache)."""
    blank = _blank(type(sop.spec))
    return remembered(("ringkas", sop.source, sop.id), (sop,), lambda: (sop.id, sop.durations, sop.spec.model_copy(update=blank)))


@cache
def _blank(model: type[SopFile]) -> dict[str, Any]:
    """The own-form fields, emptied (their defaults; pydantic computes them slowly)."""
    return {name: model.model_fields[name].get_default(call_default_factory=True) for name in FORM_ONLY}


def entries_named(manual: Manual, agency: Agency, kind: str, ids: Iterable[str]) -> set[str]:
    """The entries `ids` of one kind as the agency sees them, shared and its own (a new own entry shadows a shared
    one), with the entries they lead to: a role's `sama_dengan`, a rule's `diubah_dengan` and `dicabut_oleh`."""
    attribute = KIND_ATTRIBUTE[kind]
    scopes = ((None, getattr(manual.catalogue, attribute)), (agency.id, getattr(agency.spec, attribute)))
    keys: set[str] = set()
    pending, seen = list(ids), set()
    while pending:
        entry_id = pending.pop()
        if entry_id in seen:
            continue
        seen.add(entry_id)
        for scope, entries in scopes:
            keys.add(entry_key(kind, scope, entry_id))
            if (value := entries.get(entry_id)) is not None:
                pending += _leads_to(kind, value)
    return keys


def _leads_to(kind: str, value: Any) -> list[str]:
    if kind == "jabatan":
        return [value.same_as] if value.same_as else []
    if kind == "dasar_hukum":
        return [*value.amended_by, *([value.revoked_by] if value.revoked_by else [])]
    return []


def sop_form_reads(manual: Manual, sop: Sop) -> frozenset[str]:
    """What an SOP's form shows: the SOP, the government and agency headers, the roles, rules and documents it
    names, and the SOPs it names (their titles). An SOP object is new whenever its catalogue changes (data.cache)."""
    return remembered(("dibaca", sop.source, sop.id), (sop,), lambda: _form_reads(manual, sop))


def _form_reads(manual: Manual, sop: Sop) -> frozenset[str]:
    agency = manual.agency_of(sop)
    spec = sop.spec
    related = [ref for ref in spec.related if not isinstance(ref, OutsideRef)]
    reads = {sop_key(sop.id), GOVERNMENT, agency_key(agency.id)}
    reads |= entries_named(manual, agency, "jabatan", spec.actors)  # every step's actors are among them
    reads |= entries_named(manual, agency, "dasar_hukum", spec.legal_bases)
    reads |= entries_named(manual, agency, "dokumen", related)
    reads |= {sop_key(ref) for ref in related}
    return frozenset(reads | ({sop_key(spec.replaced_by)} if spec.replaced_by else set()))


def records_reads(records: Iterable[Record]) -> set[str]:
    return {record_key(record.source) for record in records}
