"""Cross-reference checks: every id an SOP names must exist, and the steps must form a procedure.

The id checks read the file's raw data, not the validated model, so a file with a schema
error still has its unknown ids reported in the same run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.data.yamlload import Findings, LoadedFile, Path_
from generator.errors import Problem, Severity
from generator.manual.durations import Duration, DurationError, parse_duration
from generator.manual.model import (
    SLUG, AgencyFile, Catalogue, Decision, LegalBasis, Official, Sop, SopFile, revoking_rule,
)



@dataclass(frozen=True)
class Context:
    """What one SOP is checked against: its agency's catalogue, every SOP id, and which kinds may be checked."""

    agency_id: str
    catalogue: Catalogue
    head: Official | None
    sop_ids: set[str]
    checkable: Callable[[str], bool]  # kind ("jabatan", "dasar_hukum", "dokumen") -> its catalogue loaded fine
    revoker: Callable[[str], LegalBasis | None]  # a cited rule -> the rule that revoked it, in the right scope

    @classmethod
    def of_agency(
        cls, agency_id: str, merged: Catalogue, own: AgencyFile, shared: Catalogue, sop_ids: set[str],
        checkable: Callable[[str], bool] = lambda kind: True,
    ) -> Context:
        """The context of an agency's SOPs: `merged` is its catalogue, `own` its file, `shared` the shared entries."""
        return cls(
            agency_id=agency_id,
            catalogue=merged,
            head=own.head,
            sop_ids=sop_ids,
            checkable=checkable,
            revoker=lambda basis: revoking_rule(basis, merged, own.legal_bases, shared),
        )


def check_references(loaded: LoadedFile, context: Context) -> list[Problem]:
    """Unknown role, legal-basis and related ids in the file as written, valid or not."""
    out = Findings(loaded)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    roles, catalogue = context.catalogue.roles, context.catalogue
    columns = [a for _, a in _ids(data.get("pelaksana"))]
    if context.checkable("jabatan"):
        for loc, actor in _ids(data.get("pelaksana"), ("pelaksana",)):
            if actor not in roles:
                out.add(loc, f"jabatan `{actor}` tidak ada di katalog jabatan{_where(context)}{role_hint(actor, roles)}")
    for i, (loc, actor) in enumerate(_ids(data.get("pelaksana"), ("pelaksana",))):
        if actor in columns[:i]:
            out.add(loc, f"jabatan `{actor}` disebut dua kali")
    if context.checkable("dasar_hukum"):
        for loc, basis in _ids(data.get("dasar_hukum"), ("dasar_hukum",)):
            if basis not in catalogue.legal_bases:
                out.add(loc, f"dasar hukum `{basis}` tidak ada di katalog dasar hukum{_where(context)}")
            elif (by := context.revoker(basis)) is not None:
                revoked = catalogue.legal_bases[basis].short
                out.warn(loc, f"{revoked} sudah dicabut oleh {by.short}; perbarui dasar hukum SOP ini")
    for loc, step_actor in _step_actors(data):
        if columns and step_actor not in columns:
            out.add(loc, f"pelaksana `{step_actor}` bukan salah satu pelaksana SOP ini ({', '.join(columns)})")
    if context.checkable("dokumen"):
        for loc, ref in _ids(data.get("keterkaitan"), ("keterkaitan",)):
            if ref not in catalogue.documents and ref not in context.sop_ids:
                out.add(
                    loc,
                    f"`{ref}` bukan dokumen di katalog maupun id SOP; untuk hal di luar manual tulis `{{teks: \"...\"}}`",
                )
    _check_replacement(out, data.get("diganti_oleh"), PurePosixPath(loaded.path).stem, context.sop_ids)
    return out.problems


def _check_replacement(out: Findings, replacement: Any, own_id: str, sop_ids: set[str]) -> None:
    """`diganti_oleh` names another SOP of the manual (a malformed id is the schema's to report)."""
    if not isinstance(replacement, str) or not SLUG.fullmatch(replacement):
        return
    if replacement == own_id:
        out.add(("diganti_oleh",), "SOP tidak dapat diganti oleh dirinya sendiri; tulis id SOP penggantinya, atau hapus `diganti_oleh`")
    elif replacement not in sop_ids:
        hint = difflib.get_close_matches(replacement, sorted(sop_ids), n=1, cutoff=0.6)
        guess = f"; maksud Anda `{hint[0]}`?" if hint else ""
        out.add(("diganti_oleh",), f"SOP `{replacement}` tidak ada di sop_defs/: `diganti_oleh` harus id SOP pengganti (nama berkasnya tanpa .yaml){guess}")


def _where(context: Context) -> str:
    return f" (sop_defs/_jabatan.yaml atau sop_defs/{context.agency_id}/_instansi.yaml)"


def _ids(value: Any, loc: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    """(location, id) of each well-formed id in a list; other items are the schema's to report."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str) and SLUG.fullmatch(item):
                yield loc + (i,), item


def _step_actors(data: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    steps = data.get("langkah")
    if not isinstance(steps, list):
        return
    for i, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        actor = step.get("pelaksana")
        if isinstance(actor, str):
            if SLUG.fullmatch(actor):
                yield ("langkah", i, "pelaksana"), actor
        else:
            yield from _ids(actor, ("langkah", i, "pelaksana"))


def role_hint(written: str, roles: Mapping[str, Any]) -> str:
    """"; maksud Anda `kasubag-perencanaan`?", matched on each role's id, abbreviation and name."""
    by_key = {_loose(key): role_id for role_id, role in roles.items() for key in (role_id, role.abbreviation, role.name)}
    guess = difflib.get_close_matches(_loose(written), list(by_key), n=1, cutoff=0.6)
    return f"; maksud Anda `{by_key[guess[0]]}`?" if guess else ""


def _loose(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def build_sop(loaded: LoadedFile, spec: SopFile, context: Context) -> tuple[Sop | None, list[Problem]]:
    """Check one valid SOP's dates and steps, and turn it into a model value (None when an error was found)."""
    out = Findings(loaded)
    _check_dates(out, spec)
    _check_lifecycle(out, spec)
    _check_steps(out, spec, context.catalogue)
    durations = _durations(out, spec)
    if any(p.severity is Severity.ERROR for p in out.problems) or context.head is None:
        return None, out.problems
    parts = loaded.path.split("/")
    sop = Sop(
        id=parts[-1].removesuffix(".yaml"),
        agency_id=parts[-3],
        unit_id=parts[-2],
        source=loaded.path,
        spec=spec,
        approver=spec.approved_by or context.head,
        durations=tuple(durations),
    )
    return sop, out.problems


def _check_dates(out: Findings, spec: SopFile) -> None:
    """A SOP is drafted, then takes effect; a revision comes after the draft (compared at the precision written)."""
    if spec.created.first > spec.effective.last:
        out.add(
            ("tanggal_pembuatan",),
            f"tanggal_pembuatan ({spec.created}) tidak boleh sesudah tanggal_efektif ({spec.effective}): SOP dibuat dulu, baru berlaku",
        )
    if spec.revised is not None and spec.revised.last < spec.created.first:
        out.add(("tanggal_revisi",), f"tanggal_revisi ({spec.revised}) tidak boleh sebelum tanggal_pembuatan ({spec.created})")


def _check_lifecycle(out: Findings, spec: SopFile) -> None:
    """`status: dicabut` needs its date, on or after the SOP took effect; the revocation keys need that status."""
    if spec.status != "dicabut":
        for key, value in (("tanggal_dicabut", spec.revoked_on), ("diganti_oleh", spec.replaced_by)):
            if value is not None:
                out.add((key,), f"`{key}` hanya untuk SOP yang dicabut: tambahkan `status: dicabut`, atau hapus `{key}`")
        return
    if spec.revoked_on is None:
        out.add(("status",), "SOP yang dicabut harus menyebut `tanggal_dicabut` (TTTT-BB-HH): sejak kapan SOP ini tidak berlaku lagi")
    elif spec.revoked_on.last < spec.effective.first:
        out.add(
            ("tanggal_dicabut",),
            f"tanggal_dicabut ({spec.revoked_on}) tidak boleh sebelum tanggal_efektif ({spec.effective}): SOP dicabut sesudah berlaku",
        )


def _check_steps(out: Findings, spec: SopFile, catalogue: Catalogue) -> None:
    numbers = [step.number for step in spec.steps]
    performing = {actor for step in spec.steps for actor in step.actors}
    for i, actor in enumerate(spec.actors):
        if actor not in performing and actor in catalogue.roles:  # an unknown id already has its error
            out.warn(("pelaksana", i), f"jabatan `{actor}` tidak melaksanakan langkah mana pun; hapus kolomnya atau isi langkahnya")
    for i, step in enumerate(spec.steps):
        if step.number != i + 1:
            out.add(("langkah", i, "no"), f"nomor langkah harus {i + 1} (urut mulai 1), tertulis {step.number}")
        for j, actor in enumerate(step.actors):
            if actor in step.actors[:j]:
                out.add(("langkah", i, "pelaksana", j), f"jabatan `{actor}` disebut dua kali pada langkah ini")
        if step.decision is not None:
            _check_decision(out, i, step.number, step.decision, numbers)


def _check_decision(out: Findings, i: int, number: int, decision: Decision, numbers: list[int]) -> None:
    for key, target in (("ya", decision.yes), ("tidak", decision.no)):
        if target is None:
            continue
        if target not in numbers:
            out.add(("langkah", i, "keputusan", key), f"langkah tujuan {target} tidak ada")
        elif target == number:
            out.add(("langkah", i, "keputusan", key), "keputusan tidak boleh kembali ke langkahnya sendiri")
    if decision.no is None:
        out.warn(
            ("langkah", i, "keputusan"),
            "keputusan tanpa `tidak`: bagan tidak menggambar cabang \"Tidak\"; tulis langkah tujuannya bila ada",
        )
        return
    # Without `ya`, a yes leads to the next step (the record replay does the same).
    yes = decision.yes if decision.yes is not None else number + 1
    if decision.no == yes and yes in numbers:
        implicit = "" if decision.yes is not None else " (tanpa `ya`, jawaban ya menuju langkah berikutnya)"
        out.add(
            ("langkah", i, "keputusan", "tidak"),
            f"`ya` dan `tidak` sama-sama menuju langkah {yes}{implicit}; keputusan harus bercabang ke langkah berbeda",
        )


def _durations(out: Findings, spec: SopFile) -> list[Duration]:
    durations = []
    for i, step in enumerate(spec.steps):
        try:
            durations.append(parse_duration(step.time, spec.time_unit))
        except DurationError as exc:
            out.add(("langkah", i, "waktu"), str(exc))
    return durations


