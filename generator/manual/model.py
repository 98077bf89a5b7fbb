"""The typed, immutable model. Field aliases are the YAML keys editors write."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, WithJsonSchema, BaseModel, BeforeValidator, ConfigDict, Field

from generator.data.dates import PartialDate, parse_iso_date, parse_partial_date
from generator.manual.durations import Duration, Total, total
from generator.manual.legalnames import short_form
from generator.manual.nip import nip_problem

# `\Z`, not `$`: `$` also matches before a final newline, so "kadis\n" would pass `SLUG.match`.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


# Ids that would be page names the site itself uses (`jabatan/index.md`, `pdf/manual-sop.pdf`).
RESERVED_IDS = frozenset({"index", "manual-sop"})


def slug_problem(value: str, what: str = "id") -> str | None:
    """Why `value` cannot be an id (a folder, file or catalogue key), or None."""
    if not SLUG.fullmatch(value):
        # Invisible characters (a newline in a quoted key) are shown escaped, or the id would look right.
        shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in value)
        return f"{what} `{shown}` tidak sah: gunakan huruf kecil, angka dan tanda `-` saja (misalnya `kasubag-perencanaan`)"
    if value in RESERVED_IDS:
        return f"{what} `{value}` dipakai situs untuk halamannya sendiri; pilih nama lain"
    return None


def check_slug(value: str) -> str:
    problem = slug_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _to_date(value: object) -> object:
    return parse_iso_date(value) if isinstance(value, str) else value


def _to_partial_date(value: object) -> object:
    return None if value is None else parse_partial_date(value)


def _empty_to_none(value: object) -> object:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _to_partial_date(value)


def _text_or_number(value: object) -> object:
    # "nomor: 29" is a number in YAML but text on the form.
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _blank_to_none(value: object) -> object:
    value = _text_or_number(value)
    return None if isinstance(value, str) and not value.strip() else value


def _check_text(value: str) -> str:
    if not value.strip():
        raise ValueError("teks tidak boleh kosong")
    return value.strip()


def _check_items(value: str | list[str]) -> str | list[str]:
    if isinstance(value, list) and not value:
        raise ValueError("tidak boleh kosong: tulis teks, atau daftar berisi paling sedikit satu butir")
    return value


def check_nip(value: str) -> str:
    problem = nip_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def as_items(value: str | list[str] | None) -> list[str]:
    """A text-or-list field as a list of items (a text is one item)."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def as_actors(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


MAX_STEPS = 200
MAX_DOCUMENT_NAME = 1000
Slug = Annotated[str, AfterValidator(check_slug)]
Text = Annotated[str, AfterValidator(_check_text)]
# "nomor: 29" is valid YAML for a number the form shows as text: the schema editors see must allow both.
_TEXT_OR_NUMBER = WithJsonSchema({"type": ["string", "integer", "null"]})
OptionalText = Annotated[str | None, BeforeValidator(_text_or_number), _TEXT_OR_NUMBER]
# A Mutu Baku cell the form may leave empty: "" or nothing shows "–".
BlankText = Annotated[str | None, BeforeValidator(_blank_to_none), _TEXT_OR_NUMBER]
# Written as one text or as a list; shown as written.
TextOrList = Annotated[
    Text | list[Text],
    AfterValidator(_check_items),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
IsoDate = Annotated[date, BeforeValidator(_to_date)]
_PARTIAL_SCHEMA = WithJsonSchema({"type": ["string", "integer"], "description": "TTTT-BB-HH, TTTT-BB atau TTTT"})
FormDate = Annotated[PartialDate, BeforeValidator(_to_partial_date), _PARTIAL_SCHEMA]
OptionalFormDate = Annotated[
    PartialDate | None, BeforeValidator(_empty_to_none),
    WithJsonSchema({"type": ["string", "integer", "null"], "description": "TTTT-BB-HH, TTTT-BB atau TTTT"}),
]
SopStatus = Literal["berlaku", "dicabut"]
Cadence = Literal["bulanan", "triwulanan", "semesteran", "tahunan", "insidental"]
CADENCES: tuple[str, ...] = get_args(Cadence)
TimeUnit = Literal["menit", "jam", "hari", "minggu", "bulan"]
def _some_actor(value: object) -> object:
    if isinstance(value, list) and not value:
        raise ValueError("tidak boleh kosong: tulis satu id jabatan, atau daftar id jabatan")
    return value


ActorField = Annotated[
    Slug | list[Slug],
    BeforeValidator(_some_actor),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]}),
]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Official(Frozen):
    """The person who signs: title, name and NIP."""

    title: Text = Field(alias="jabatan")
    name: Text = Field(alias="nama")
    nip: Annotated[Text, BeforeValidator(_text_or_number), AfterValidator(check_nip), WithJsonSchema({"type": ["string", "integer"]})] = Field(alias="nip")


class Government(Frozen):
    """`sop_defs/_pemerintah.yaml`: the regency whose agencies the manual holds."""

    name: Text = Field(alias="pemerintah")
    logo: OptionalText = Field(default=None, alias="logo")  # image path in the repository, for the form header
    # An SOP whose version in force took effect more than this many years ago is listed as "perlu ditinjau".
    review_years: int | None = Field(default=None, ge=1, le=10, alias="tinjau_setiap_tahun")


class Role(Frozen):
    name: Text = Field(alias="nama")
    abbreviation: Text = Field(alias="singkatan")  # the column name on the form
    # Another column name for the same office ("Ka SKPD" and "Kadis"): one role page for both.
    same_as: Slug | None = Field(default=None, alias="sama_dengan")


class LegalBasis(Frozen):
    kind: Text = Field(alias="jenis")
    number: Annotated[Text, BeforeValidator(_text_or_number), WithJsonSchema({"type": ["string", "integer"]})] = Field(alias="nomor")
    year: int = Field(alias="tahun", ge=1945, le=2100)
    subject: Text = Field(alias="tentang")
    amended_by: list[Slug] = Field(default_factory=list, alias="diubah_dengan")
    revoked_by: Slug | None = Field(default=None, alias="dicabut_oleh")
    revoked_on: OptionalFormDate = Field(default=None, alias="tanggal_dicabut")

    @property
    def status(self) -> str:
        """berlaku, diubah (still in force, amended) or dicabut (revoked)."""
        if self.revoked_by is not None:
            return "dicabut"
        return "diubah" if self.amended_by else "berlaku"

    @property
    def citation(self) -> str:
        return f"{self.kind} Nomor {self.number} Tahun {self.year} tentang {self.subject}"

    @property
    def short(self) -> str:
        return f"{self.kind} Nomor {self.number} Tahun {self.year}"

    @property
    def abbreviated(self) -> str | None:
        """"Perpres 29/2014", as staff cite and search it; None when the kind has no known abbreviation."""
        return short_form(self.kind, self.number, self.year)


class Document(Frozen):
    name: Text = Field(alias="nama", max_length=MAX_DOCUMENT_NAME)  # its words are searched for in every step
    note: OptionalText = Field(default=None, alias="keterangan")


class Decision(Frozen):
    """A diamond. Without `pertanyaan` it carries the step's `kegiatan`; without `ya`, yes is the next step."""

    question: BlankText = Field(default=None, alias="pertanyaan")
    yes: int | None = Field(default=None, alias="ya")
    no: int | None = Field(default=None, alias="tidak")


class Step(Frozen):
    number: int = Field(alias="no")
    activity: Text = Field(alias="kegiatan")
    # One role, or several: one symbol per role in this row, the flow passing through them in order.
    actor: ActorField = Field(alias="pelaksana")
    inputs: BlankText = Field(default=None, alias="kelengkapan")
    time: Annotated[str | int | float | None, Field(union_mode="left_to_right")] = Field(default=None, alias="waktu")
    output: BlankText = Field(default=None, alias="output")
    note: OptionalText = Field(default=None, alias="keterangan")
    decision: Decision | None = Field(default=None, alias="keputusan")

    @property
    def actors(self) -> tuple[str, ...]:
        return as_actors(self.actor)

    @property
    def question(self) -> str:
        """What the diamond asks: the written question, else the activity."""
        if self.decision is not None and self.decision.question:
            return self.decision.question
        return self.activity


class OutsideRef(Frozen):
    """A `keterkaitan` entry outside the manual: `{teks: "SOP Surat Masuk/Keluar"}`."""

    text: Text = Field(alias="teks")


RelatedField = Annotated[Slug | OutsideRef, Field(union_mode="left_to_right")]


class SopFile(Frozen):
    """One SOP file as the editor writes it."""

    # Editors see while typing what the checker says: a revoked SOP names the day it was revoked.
    model_config = ConfigDict(json_schema_extra={
        "if": {"properties": {"status": {"const": "dicabut"}}, "required": ["status"]},
        "then": {"properties": {"tanggal_dicabut": {"type": ["string", "integer"]}}, "required": ["tanggal_dicabut"]},
    })

    name: Text = Field(alias="nama")
    number: OptionalText = Field(default=None, alias="nomor")
    unit: Text = Field(alias="unit")
    sub_unit: OptionalText = Field(default=None, alias="sub_unit")
    created: FormDate = Field(alias="tanggal_pembuatan")
    revised: OptionalFormDate = Field(default=None, alias="tanggal_revisi")
    effective: FormDate = Field(alias="tanggal_efektif")
    approved_by: Official | None = Field(default=None, alias="disahkan_oleh")
    legal_bases: list[Slug] = Field(alias="dasar_hukum")
    qualifications: TextOrList = Field(alias="kualifikasi_pelaksana")
    related: list[RelatedField] = Field(default_factory=list, alias="keterkaitan")
    equipment: TextOrList | None = Field(default=None, alias="peralatan_perlengkapan")
    warning: TextOrList = Field(alias="peringatan")
    record_keeping: TextOrList = Field(alias="pencatatan_pendataan")
    cadence: Cadence = Field(alias="jadwal")
    grace_days: int = Field(default=0, ge=0, le=366, alias="tenggat_hari")
    actors: list[Slug] = Field(alias="pelaksana", min_length=1)
    time_unit: TimeUnit | None = Field(default=None, alias="satuan_waktu")
    # A form of more than this many steps is several procedures; unbounded, totals and due dates overflow.
    steps: list[Step] = Field(alias="langkah", min_length=1, max_length=MAX_STEPS)
    # Lifecycle: a revoked SOP keeps its page and records but leaves the active lists from `tanggal_dicabut`.
    status: SopStatus = Field(default="berlaku", alias="status")
    revoked_on: OptionalFormDate = Field(default=None, alias="tanggal_dicabut")
    replaced_by: Slug | None = Field(default=None, alias="diganti_oleh")

    @property
    def revoked_from(self) -> date | None:
        """The first day this SOP no longer applies (`status: dicabut`), or None while nothing revokes it."""
        if self.status != "dicabut" or self.revoked_on is None:
            return None
        return self.revoked_on.first


class AgencyFile(Frozen):
    """`sop_defs/<instansi>/_instansi.yaml`: one agency, its head, and its own catalogue entries."""

    name: Text = Field(alias="nama")
    abbreviation: Text = Field(alias="singkatan")
    head: Official = Field(alias="kepala")
    roles: dict[Slug, Role] = Field(default_factory=dict, alias="jabatan")
    legal_bases: dict[Slug, LegalBasis] = Field(default_factory=dict, alias="dasar_hukum")
    documents: dict[Slug, Document] = Field(default_factory=dict, alias="dokumen")


@dataclass(frozen=True)
class Sop:
    """A validated SOP: the file's content, its place, and the parsed step durations."""

    id: str
    agency_id: str
    unit_id: str
    source: str
    spec: SopFile
    approver: Official
    durations: tuple[Duration, ...]

    @property
    def unit_key(self) -> str:
        return f"{self.agency_id}/{self.unit_id}"

    @property
    def total(self) -> Total:
        return total(self.durations)

    def is_revoked(self, day: date) -> bool:
        """Revoked on `day`: judge this on the SOP's newest file (`Manual.sop`), not on an older version."""
        revoked = self.spec.revoked_from
        return revoked is not None and revoked <= day


@dataclass(frozen=True)
class Catalogue:
    """Roles, legal bases and documents by id, as one agency sees them (its own entries over the shared ones)."""

    roles: dict[str, Role] = field(default_factory=dict)
    legal_bases: dict[str, LegalBasis] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)


@dataclass(frozen=True)
class Unit:
    agency_id: str
    id: str
    name: str
    sops: tuple[Sop, ...]

    @property
    def key(self) -> str:
        return f"{self.agency_id}/{self.id}"


@dataclass(frozen=True)
class Agency:
    """One agency (OPD): its file, the catalogue its SOPs see, and its units."""

    id: str
    source: str
    spec: AgencyFile
    catalogue: Catalogue
    units: tuple[Unit, ...]
    shared: Catalogue = field(default_factory=Catalogue)  # the shared entries: what a shared entry's own links mean

    @property
    def sops(self) -> tuple[Sop, ...]:
        return tuple(sop for unit in self.units for sop in unit.sops)

    def key(self, kind: str, entry_id: str, twin: bool = True) -> str:
        """The manual-wide key of an entry this agency names: `<instansi>/<id>` for its own entries, else the id.

        `kind` is "jabatan", "dasar_hukum" or "dokumen". A role with `sama_dengan` takes its twin's key
        (unless `twin` is False).
        """
        local = {"jabatan": self.spec.roles, "dasar_hukum": self.spec.legal_bases, "dokumen": self.spec.documents}[kind]
        if entry_id not in local:
            # A shared entry's `sama_dengan` names a shared role, even where this agency shadows that id.
            return canonical_role(self.shared.roles, entry_id) if kind == "jabatan" and twin else entry_id
        if kind == "jabatan" and twin:
            entry_id = canonical_role(self.catalogue.roles, entry_id)
        return f"{self.id}/{entry_id}" if entry_id in local else entry_id

    def revoker(self, basis_id: str) -> LegalBasis | None:
        return revoking_rule(basis_id, self.catalogue, self.spec.legal_bases, self.shared)


def revoking_rule(
    basis_id: str, merged: Catalogue, local: dict[str, LegalBasis], shared: Catalogue
) -> LegalBasis | None:
    """The rule that revoked `basis_id`, read where `basis_id` is defined (its own agency, or shared)."""
    basis = merged.legal_bases[basis_id]
    if basis.revoked_by is None:
        return None
    scope = merged.legal_bases if basis_id in local else shared.legal_bases
    return scope.get(basis.revoked_by)


def canonical_role(roles: dict[str, Role], role_id: str) -> str:
    """Follow `sama_dengan` to the role that has the page (cycles are refused by validation)."""
    seen = {role_id}
    while (role := roles.get(role_id)) is not None and role.same_as is not None and role.same_as not in seen:
        role_id = role.same_as
        seen.add(role_id)
    return role_id


@dataclass(frozen=True)
class Entry:
    """A catalogue entry under its manual-wide key, with the agency that owns it (None when shared)."""

    key: str
    id: str
    value: Role | LegalBasis | Document
    agency: Agency | None


@dataclass(frozen=True)
class Version:
    """One version of an SOP: its content at a commit. `commit` is None for an uncommitted working copy."""

    sop: Sop
    commit: str | None
    committed: date | None

    @property
    def short(self) -> str:
        return self.commit[:8] if self.commit else "belum di-commit"


@dataclass(frozen=True)
class Span:
    """The days a version is in force: from `first` to `last` (None: still, or from then on)."""

    first: date
    last: date | None


@dataclass(frozen=True)
class Versions:
    """Every SOP's versions, oldest first; `available` is False when git could not tell (working copies only)."""

    available: bool
    by_id: dict[str, tuple[Version, ...]] = field(default_factory=dict)

    def of(self, sop_id: str) -> tuple[Version, ...]:
        return self.by_id.get(sop_id, ())

    def in_force(self, sop_id: str, day: date) -> Version | None:
        """The version in force on `day`: the latest one whose `tanggal_efektif` is on or before it.

        Before any took effect (a period that began before the SOP), the latest of those that took effect
        first: later commits with the same date are corrections of it.
        """
        versions = self.of(sop_id)
        if not versions:
            return None
        started = [v for v in versions if v.sop.spec.effective.first <= day]
        if started:
            return started[-1]
        first = min(v.sop.spec.effective.first for v in versions)
        return [v for v in versions if v.sop.spec.effective.first == first][-1]

    def spans(self, sop_id: str) -> tuple[Span | None, ...]:
        """When each version (oldest first) is in force, by the rule of `in_force`; None for a version that a
        later commit replaced before it took effect (a correction), so it was never in force."""
        versions = self.of(sop_id)
        spans: list[Span | None] = []
        for i, version in enumerate(versions):
            start = version.sop.spec.effective.first
            later = [v.sop.spec.effective.first for v in versions[i + 1:]]
            end = min(later) if later else None
            if end is not None and end <= start:
                spans.append(None)
            else:
                spans.append(Span(start, end - timedelta(days=1) if end else None))
        return tuple(spans)


@dataclass(frozen=True)
class Manual:
    """Everything the site shows, validated. `versions` is filled by loading.load_all from git."""

    government: Government
    catalogue: Catalogue  # the shared entries
    agencies: tuple[Agency, ...]
    versions: Versions | None = None

    def sop_on(self, sop_id: str, day: date) -> Sop | None:
        """The SOP as it was in force on `day` (the current one when versions were not read)."""
        version = self.versions.in_force(sop_id, day) if self.versions is not None else None
        return version.sop if version is not None else self.sop(sop_id)

    def as_on(self, day: date) -> Manual:
        """The manual as in force on `day`: each SOP replaced by its version in force then (same ids, places and
        versions), so that lists, navigation and cross references show what applies, not a revision to come."""
        if self.versions is None or not self.versions.available:
            return self
        agencies = tuple(
            replace(agency, units=tuple(
                replace(unit, sops=tuple(self.sop_on(sop.id, day) or sop for sop in unit.sops)) for unit in agency.units
            ))
            for agency in self.agencies
        )
        return replace(self, agencies=agencies)

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        return tuple(unit for agency in self.agencies for unit in agency.units)

    @cached_property
    def sops(self) -> tuple[Sop, ...]:
        return tuple(sop for unit in self.units for sop in unit.sops)

    @cached_property
    def _by_id(self) -> dict[str, Sop]:
        return {sop.id: sop for sop in self.sops}

    @cached_property
    def _agencies(self) -> dict[str, Agency]:
        return {agency.id: agency for agency in self.agencies}

    def sop(self, sop_id: str) -> Sop | None:
        return self._by_id.get(sop_id)

    def agency(self, agency_id: str) -> Agency:
        return self._agencies[agency_id]

    def agency_of(self, sop: Sop) -> Agency:
        return self._agencies[sop.agency_id]

    def catalogue_of(self, sop: Sop) -> Catalogue:
        return self._agencies[sop.agency_id].catalogue

    def twins_of(self, entry: Entry) -> list[Role]:
        """Other column names (`sama_dengan`) for the office of `entry`, a role with a page."""
        return [twin.value for twin in self.twin_entries(entry)]  # type: ignore[misc]

    def twin_entries(self, entry: Entry) -> list[Entry]:
        """The entries of those other column names."""
        return self._twins.get(entry.key, [])

    @cached_property
    def _twins(self) -> dict[str, list[Entry]]:
        # One pass over the roles, not one per role page: a regency has hundreds of roles.
        found: dict[str, list[Entry]] = {}
        for other in self.entries("jabatan", twins=True):
            role = other.value
            assert isinstance(role, Role)
            if role.same_as is None:
                continue
            key = other.agency.key("jabatan", other.id) if other.agency else canonical_role(self.catalogue.roles, other.id)
            found.setdefault(key, []).append(other)
        return found

    def entries(self, kind: str, twins: bool = False) -> list[Entry]:
        """Every entry of one kind with a page: shared ones first, then each agency's own, in file order.

        Roles with `sama_dengan` are left out (their twin's page shows them) unless `twins` is True.
        """
        attribute = {"jabatan": "roles", "dasar_hukum": "legal_bases", "dokumen": "documents"}[kind]
        found = [Entry(entry_id, entry_id, value, None) for entry_id, value in getattr(self.catalogue, attribute).items()]
        for agency in self.agencies:
            own = getattr(agency.spec, attribute)
            found += [Entry(f"{agency.id}/{entry_id}", entry_id, value, agency) for entry_id, value in own.items()]
        if kind == "jabatan" and not twins:
            found = [e for e in found if e.value.same_as is None]  # type: ignore[union-attr]
        return found
