"""One NIP, one person: the same NIP given for different people across the catalogue, SOPs and records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.data.yamlload import Path_
from generator.manual.model import Manual
from generator.manual.nip import nip_digits, same_person
from generator.records.model import Record


@dataclass(frozen=True)
class Sighting:
    """A NIP with the name written beside it, and where: a repository path and the key path of the NIP."""

    nip: str
    name: str
    path: str
    loc: Path_


@dataclass(frozen=True)
class Conflict:
    later: Sighting
    first: Sighting

    def message(self, first_line: int) -> str:
        return (
            f"NIP `{self.later.nip}` sudah dipakai untuk orang lain: `{self.first.name}` di "
            f"{self.first.path}:{first_line}; di sini tertulis `{self.later.name}`"
        )


def conflicts(sightings: Iterable[Sighting]) -> list[Conflict]:
    """Each sighting whose name shares no word with the first one given for its NIP."""
    first: dict[str, Sighting] = {}
    found = []
    for sighting in sightings:
        key = nip_digits(sighting.nip)
        earlier = first.setdefault(key, sighting)
        if earlier is not sighting and not same_person(earlier.name, sighting.name):
            found.append(Conflict(sighting, earlier))
    return found


def sightings(manual: Manual, records: list[Record]) -> Iterator[Sighting]:
    """Every NIP in the data in reading order: the agencies' heads, SOP approvers, then records."""
    for agency in manual.agencies:
        head = agency.spec.head
        yield Sighting(head.nip, head.name, agency.source, ("kepala", "nip"))
    for sop in sorted(manual.sops, key=lambda s: s.source):
        signer = sop.spec.approved_by
        if signer is not None:
            yield Sighting(signer.nip, signer.name, sop.source, ("disahkan_oleh", "nip"))
    for record in sorted(records, key=lambda r: r.source):
        for i, execution in enumerate(record.spec.executions):
            if execution.nip:
                yield Sighting(execution.nip, execution.person or "", record.source, ("pelaksanaan", i, "nip"))
