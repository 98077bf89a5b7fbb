"""Cross-reference checks: every id an SOP names must exist, and the steps must form a procedure."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import replace

from generator.data.dates import format_date
from generator.data.yamlload import Findings, LoadedFile
from generator.errors import Problem, Severity
from generator.manual.durations import Duration, DurationError, parse_duration
from generator.manual.index import build_index
from generator.manual.model import Catalogue, Decision, Manual, Sop, SopFile, Unit


def build_sop(
    loaded: LoadedFile, spec: SopFile, catalogue: Catalogue, sop_ids: set[str]
) -> tuple[Sop | None, list[Problem]]:
    """Check one SOP against the catalogue and the other SOPs' ids, and turn it into a model value."""
    out = Findings(loaded)
    _check_ids(out, spec, catalogue)
    for i, ref in enumerate(spec.related):
        if ref not in catalogue.documents and ref not in sop_ids:
            out.add(("keterkaitan", i), f"`{ref}` bukan dokumen di katalog (sop_defs/_dokumen.yaml) maupun id SOP")
    _check_dates(out, spec)
    _check_steps(out, spec)
    durations = _durations(out, spec)
    if out.problems:
        return None, out.problems
    parts = loaded.path.split("/")
    sop = Sop(
        id=parts[-1].removesuffix(".yaml"),
        unit_id=parts[-2],
        source=loaded.path,
        spec=spec,
        approver=spec.approved_by or catalogue.organisation.head,
        durations=tuple(durations),
    )
    return sop, []


def _role_hint(written: str, catalogue: Catalogue) -> str:
    """"; maksud Anda `kasubag-perencanaan`?", matched on each role's id, abbreviation and name."""
    by_key = {
        _loose(key): role_id
        for role_id, role in catalogue.roles.items()
        for key in (role_id, role.abbreviation, role.name)
    }
    guess = difflib.get_close_matches(_loose(written), list(by_key), n=1, cutoff=0.6)
    return f"; maksud Anda `{by_key[guess[0]]}`?" if guess else ""


def _loose(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def _check_ids(out: Findings, spec: SopFile, catalogue: Catalogue) -> None:
    for i, actor in enumerate(spec.actors):
        if actor not in catalogue.roles:
            out.add(
                ("pelaksana", i),
                f"jabatan `{actor}` tidak ada di katalog jabatan (sop_defs/_jabatan.yaml){_role_hint(actor, catalogue)}",
            )
        if actor in spec.actors[:i]:
            out.add(("pelaksana", i), f"jabatan `{actor}` disebut dua kali")
    for i, basis in enumerate(spec.legal_bases):
        if basis not in catalogue.legal_bases:
            out.add(("dasar_hukum", i), f"dasar hukum `{basis}` tidak ada di katalog (sop_defs/_dasar_hukum.yaml)")
    for i, step in enumerate(spec.steps):
        if step.actor not in spec.actors:
            out.add(
                ("langkah", i, "pelaksana"),
                f"pelaksana `{step.actor}` bukan salah satu pelaksana SOP ini ({', '.join(spec.actors)})",
            )


def _check_dates(out: Findings, spec: SopFile) -> None:
    """A SOP is drafted, then takes effect; a revision comes after the draft."""
    if spec.created > spec.effective:
        out.add(
            ("tanggal_pembuatan",),
            f"tanggal_pembuatan ({format_date(spec.created)}) tidak boleh sesudah tanggal_efektif "
            f"({format_date(spec.effective)}): SOP dibuat dulu, baru berlaku",
        )
    if spec.revised is not None and spec.revised < spec.created:
        out.add(
            ("tanggal_revisi",),
            f"tanggal_revisi ({format_date(spec.revised)}) tidak boleh sebelum tanggal_pembuatan ({format_date(spec.created)})",
        )


def _check_steps(out: Findings, spec: SopFile) -> None:
    numbers = [step.number for step in spec.steps]
    for i, step in enumerate(spec.steps):
        if step.number != i + 1:
            out.add(("langkah", i, "no"), f"nomor langkah harus {i + 1} (urut mulai 1), tertulis {step.number}")
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


def check_manual(
    catalogue: Catalogue, sops: list[Sop], loaded_by_path: Mapping[str, LoadedFile]
) -> tuple[Manual, list[Problem]]:
    """Checks across SOPs: unique ids and one name per unit."""
    problems: list[Problem] = []
    by_id: dict[str, Sop] = {}
    for sop in sops:
        if sop.id in by_id:
            problems.append(
                Problem.whole_file(sop.source, f"id SOP `{sop.id}` sudah dipakai oleh {by_id[sop.id].source}")
            )
        by_id.setdefault(sop.id, sop)
    units: dict[str, list[Sop]] = {}
    for sop in sops:
        units.setdefault(sop.unit_id, []).append(sop)
    result = []
    for unit_id in sorted(units):
        members = units[unit_id]
        name = members[0].spec.unit
        for other in members[1:]:
            if other.spec.unit != name:
                problems.append(
                    loaded_by_path[other.source].problem(
                        ("unit",),
                        f"unit `{other.spec.unit}` berbeda dari SOP lain di folder yang sama (`{name}` di {members[0].source})",
                    )
                )
        result.append(Unit(id=unit_id, name=name, sops=tuple(members)))
    return Manual(catalogue=catalogue, units=tuple(result)), problems


def unused_entries(manual: Manual, catalogue_files: Mapping[str, LoadedFile]) -> list[Problem]:
    """Catalogue entries no SOP uses: a warning, since records or later SOPs may still need them."""
    used = {
        "_jabatan.yaml": {a for sop in manual.sops for a in sop.spec.actors},
        "_dasar_hukum.yaml": {b for sop in manual.sops for b in sop.spec.legal_bases},
        # A document named only inside a step still has a page worth keeping.
        "_dokumen.yaml": {r for sop in manual.sops for r in sop.spec.related} | set(build_index(manual).mentions_by_document),
    }
    entries = {
        "_jabatan.yaml": manual.catalogue.roles,
        "_dasar_hukum.yaml": manual.catalogue.legal_bases,
        "_dokumen.yaml": manual.catalogue.documents,
    }
    problems = []
    for name, catalogue in entries.items():
        loaded = catalogue_files.get(name)
        if loaded is None:
            continue
        for entry_id in catalogue:
            if entry_id not in used[name]:
                unused = loaded.problem((entry_id,), "tidak dipakai oleh SOP mana pun")
                problems.append(replace(unused, severity=Severity.WARNING))
    return problems
