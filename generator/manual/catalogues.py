"""The government file, the shared catalogues and each agency's file, read and checked into catalogues.

A broken catalogue file does not stop the others: its kind is marked broken, and ids
of that kind are not cross-checked (every id would look unknown, hiding the real problem).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data.attachments import logo_problem
from generator.data.cache import cached, stamp
from generator.data.check import FileType, validate
from generator.data.yamlload import Findings, LoadedFile, load_file
from generator.errors import Problem
from generator.manual.layout import GOVERNMENT_FILE, SOP_DIR, Layout, SourceFile
from generator.manual.model import AgencyFile, Catalogue, Document, Government, LegalBasis, Role, Slug, slug_problem

KINDS = ("jabatan", "dasar_hukum", "dokumen")
SHARED_FILE_KIND = {"_jabatan.yaml": "jabatan", "_dasar_hukum.yaml": "dasar_hukum", "_dokumen.yaml": "dokumen"}
FILE_TYPES: dict[str, FileType[Any]] = {
    "pemerintah": FileType(Government),
    "jabatan": FileType(dict[Slug, Role]),
    "dasar_hukum": FileType(dict[Slug, LegalBasis]),
    "dokumen": FileType(dict[Slug, Document]),
    "instansi": FileType(AgencyFile),
}


@dataclass(frozen=True)
class AgencySource:
    id: str
    loaded: LoadedFile
    spec: AgencyFile
    catalogue: Catalogue  # its own entries over the shared ones


@dataclass
class Catalogues:
    government: Government | None = None
    shared: Catalogue = field(default_factory=Catalogue)
    shared_files: dict[str, LoadedFile] = field(default_factory=dict)  # kind -> file, for unused-entry warnings
    agencies: dict[str, AgencySource] = field(default_factory=dict)
    broken: set[tuple[str | None, str]] = field(default_factory=set)  # (agency id or None, kind) not to cross-check
    problems: list[Problem] = field(default_factory=list)

    def is_broken(self, agency_id: str, kind: str) -> bool:
        return (None, kind) in self.broken or (agency_id, kind) in self.broken or (agency_id, "*") in self.broken


def load_catalogues(root: Path, layout: Layout, keys: set[str]) -> Catalogues:
    found = Catalogues()
    found.government = _government(root, layout, keys, found.problems)
    shared: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
    for source in layout.catalogues:
        kind = SHARED_FILE_KIND[source.parts[0]]
        loaded, value, problems = _read(source, FILE_TYPES[kind], keys, empty={})
        found.problems += problems
        if loaded is not None:
            found.shared_files[kind] = loaded
        if value is None:
            found.broken.add((None, kind))
        else:
            shared[kind] = value
    found.shared = Catalogue(shared["jabatan"], shared["dasar_hukum"], shared["dokumen"])
    found.problems += _check_entries(found.shared, found.shared, found.shared_files)
    for source in layout.agencies:
        _agency(source, keys, found)
    return found


def _government(root: Path, layout: Layout, keys: set[str], problems: list[Problem]) -> Government | None:
    if layout.government is None:
        problems.append(
            Problem.whole_file(f"{SOP_DIR}/{GOVERNMENT_FILE}", "berkas pemerintah tidak ada (`pemerintah`, dan `logo` bila ada)")
        )
        return None
    loaded, value, found = _read(layout.government, FILE_TYPES["pemerintah"], keys)
    problems += found
    if loaded is not None and isinstance(value, Government) and value.logo:
        if problem := logo_problem(root, value.logo):
            problems.append(loaded.problem(("logo",), problem))
    return value


def _agency(source: SourceFile, keys: set[str], found: Catalogues) -> None:
    agency_id = source.parts[0]
    loaded, spec, problems = _read(source, FILE_TYPES["instansi"], keys)
    if (problem := slug_problem(agency_id, "folder instansi")) is not None:
        problems.append(Problem.whole_file(source.shown_as, problem))
        spec = None  # an agency named like another (a look-alike letter) must not be built
    found.problems += problems
    if spec is None or loaded is None:
        found.broken.add((agency_id, "*"))  # its SOPs' ids cannot be judged: reported here, not there
        return
    merged = Catalogue(
        roles={**found.shared.roles, **spec.roles},
        legal_bases={**found.shared.legal_bases, **spec.legal_bases},
        documents={**found.shared.documents, **spec.documents},
    )
    own = Catalogue(spec.roles, spec.legal_bases, spec.documents)
    found.problems += _check_entries(own, merged, {kind: loaded for kind in KINDS}, prefix=True)
    found.agencies[agency_id] = AgencySource(agency_id, loaded, spec, merged)


def _read(
    source: SourceFile, file_type: FileType[Any], keys: set[str], empty: Any = None
) -> tuple[LoadedFile | None, Any, list[Problem]]:
    def parse(content: bytes | None) -> tuple[LoadedFile | None, Any, list[Problem]]:
        loaded, problems = load_file(source.root, source.shown_as, content)
        if loaded is None:
            return None, None, problems
        if loaded.data is None and empty is not None:
            return loaded, empty, []
        value, found = validate(file_type, loaded, keys)
        return loaded, value, problems + found

    return cached(source.root, source.shown_as, "katalog", parse)


def catalogue_stamp(root: Path, layout: Layout) -> bytes:
    """One hash of every catalogue file's bytes as just read: SOPs are checked against them."""
    sources = [*([layout.government] if layout.government else []), *layout.catalogues, *layout.agencies]
    digest = hashlib.blake2b(digest_size=16)
    for source in sources:
        digest.update(source.shown_as.encode() + b"\0" + (stamp(root, source.shown_as) or b"-"))
    return digest.digest()


def _check_entries(own: Catalogue, visible: Catalogue, files: Mapping[str, LoadedFile], prefix: bool = False) -> list[Problem]:
    """`sama_dengan`, `diubah_dengan` and `dicabut_oleh` name entries `visible` has, and `sama_dengan` has no cycle.

    `prefix`: the entries sit under `jabatan:`/`dasar_hukum:` of an agency file, not at the top of their own file.
    """
    problems: list[Problem] = []
    if "jabatan" in files:
        out = Findings(files["jabatan"])
        for role_id, role in own.roles.items():
            _check_twin(out, ("jabatan",) * prefix + (role_id,), role_id, role, visible.roles)
        problems += out.problems
    if "dasar_hukum" in files:
        out = Findings(files["dasar_hukum"])
        for basis_id, basis in own.legal_bases.items():
            _check_chain(out, ("dasar_hukum",) * prefix + (basis_id,), basis_id, basis, visible.legal_bases)
        problems += out.problems
    return problems


def _check_twin(out: Findings, loc: tuple[str, ...], role_id: str, role: Role, roles: Mapping[str, Role]) -> None:
    if role.same_as is None:
        return
    if role.same_as not in roles:
        out.add(loc + ("sama_dengan",), f"jabatan `{role.same_as}` tidak ada di katalog jabatan")
        return
    seen, current = [role_id], role.same_as
    while current is not None:
        if current in seen:
            out.add(loc + ("sama_dengan",), f"`sama_dengan` berputar: {' → '.join([*seen, current])}")
            return
        seen.append(current)
        twin = roles.get(current)
        current = twin.same_as if twin is not None else None


def _revocation_cycle(basis_id: str, bases: Mapping[str, LegalBasis]) -> list[str]:
    """The loop `dicabut_oleh` runs into from `basis_id` back to it, or [] when the chain ends."""
    seen, current = [basis_id], bases[basis_id].revoked_by
    while current is not None and current in bases:
        if current == basis_id:
            return [*seen, current]
        if current in seen:
            return []  # a loop further on: reported at its own rules
        seen.append(current)
        current = bases[current].revoked_by
    return []


def _check_chain(
    out: Findings, loc: tuple[str, ...], basis_id: str, basis: LegalBasis, bases: Mapping[str, LegalBasis]
) -> None:
    for i, other in enumerate(basis.amended_by):
        if other not in bases:
            out.add(loc + ("diubah_dengan", i), f"dasar hukum `{other}` tidak ada di katalog dasar hukum")
        elif other == basis_id:
            out.add(loc + ("diubah_dengan", i), "peraturan tidak dapat mengubah dirinya sendiri")
        elif other in basis.amended_by[:i]:
            out.add(loc + ("diubah_dengan", i), f"`{other}` disebut dua kali")
    if basis.revoked_by is not None:
        if basis.revoked_by not in bases:
            out.add(loc + ("dicabut_oleh",), f"dasar hukum `{basis.revoked_by}` tidak ada di katalog dasar hukum")
        elif basis.revoked_by == basis_id:
            out.add(loc + ("dicabut_oleh",), "peraturan tidak dapat mencabut dirinya sendiri")
        elif cycle := _revocation_cycle(basis_id, bases):
            out.add(loc + ("dicabut_oleh",), f"pencabutan berputar: {' → '.join(cycle)}; peraturan yang berlaku tidak dapat ditentukan")
    elif basis.revoked_on is not None:
        out.add(loc + ("tanggal_dicabut",), "`tanggal_dicabut` hanya diisi bersama `dicabut_oleh`")

