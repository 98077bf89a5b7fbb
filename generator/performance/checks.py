"""The rules of the performance files beyond their types: every id they name exists, each figure has its
target, units agree, years lie in the Renstra's period, evidence is a publishable attachment.

Ids are checked on the file's raw data, as manual.checks does, so that a file with a type error still has its
unknown indicator or role reported in the same run; the rules on figures and dates need the valid file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from generator.data.attachments import attachment_problem
from generator.data.dates import format_date
from generator.data.yamlload import Findings, Path_
from generator.manual.checks import role_hint
from generator.manual.model import SLUG, Agency, Role
from generator.performance.capaian import format_number
from generator.performance.layout import AGREEMENT_FILE, PERFORMANCE_FOLDER, RECORD_DIR, Place
from generator.performance.model import (
    AgencyPerformance, AgreementFile, Indicator, PerformanceFile, QuarterFile, Signatory,
)


def agreement_path(agency_id: str, year: int) -> str:
    return f"{RECORD_DIR}/{year}/{PERFORMANCE_FOLDER}/{agency_id}/{AGREEMENT_FILE}"


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


# --- sop_defs/<instansi>/_kinerja.yaml ---


def check_definitions(out: Findings, agency: Agency, sop_ids: set[str], documents_known: bool = True) -> None:
    """Indicator ids unique; `penanggung_jawab`, `sop` and `renstra › dokumen` name what exists."""
    data = out.loaded.data if isinstance(out.loaded.data, dict) else {}
    renstra = data.get("renstra")
    document = renstra.get("dokumen") if isinstance(renstra, dict) else None
    if documents_known and _is_id(document) and document not in agency.catalogue.documents:
        guess = _hint(document, agency.catalogue.documents)
        out.add(("renstra", "dokumen"), f"dokumen `{document}` tidak ada di katalog dokumen{_catalogues(agency, '_dokumen')}{guess}")
    seen: dict[str, int] = {}
    for i, item in _items(data.get("indikator")):
        indicator_id = item.get("id")
        if _is_id(indicator_id):
            if indicator_id in seen:
                first = out.loaded.mark(("indikator", seen[indicator_id], "id"))[0]
                out.add(("indikator", i, "id"), f"id indikator `{indicator_id}` ditulis dua kali (pertama di baris {first})")
            seen.setdefault(indicator_id, i)
        role = item.get("penanggung_jawab")
        if _is_id(role):
            _check_role(out, ("indikator", i, "penanggung_jawab"), role, agency)
        for j, sop_id in _ids(item.get("sop")):
            if sop_id not in sop_ids:
                out.add(("indikator", i, "sop", j), f"SOP `{sop_id}` tidak ada di sop_defs/{_hint(sop_id, sop_ids)}")


def check_targets(out: Findings, spec: PerformanceFile) -> None:
    """Renstra targets only for the years of its period; a year left without one is a warning."""
    renstra = spec.renstra
    for i, indicator in enumerate(spec.indicators):
        for year in indicator.targets:
            if year not in renstra.years:
                out.add(
                    ("indikator", i, "target", str(year)),
                    f"tahun {year} di luar periode Renstra {renstra.first}–{renstra.last} (`renstra › periode`): "
                    "target Renstra hanya untuk tahun-tahun periodenya",
                )
        missing = [str(year) for year in renstra.years if year not in indicator.targets]
        if missing:
            out.warn(("indikator", i, "target"), f"target Renstra tahun {', '.join(missing)} belum diisi")


# --- records/<tahun>/kinerja/<instansi>/pk.yaml and TW<n>.yaml ---


def check_indicator_ids(out: Findings, list_key: str, performance: AgencyPerformance, definitions: str) -> None:
    """Each entry names an indicator of the agency, once."""
    data = out.loaded.data if isinstance(out.loaded.data, dict) else {}
    known = [indicator.id for indicator in performance.indicators]
    seen: dict[str, int] = {}
    for i, item in _items(data.get(list_key)):
        indicator_id = item.get("indikator")
        if not _is_id(indicator_id):
            continue
        loc = (list_key, i, "indikator")
        if indicator_id not in known:
            out.add(loc, f"indikator `{indicator_id}` tidak ada di {definitions}{_hint(indicator_id, known)}")
        elif indicator_id in seen:
            out.add(loc, f"indikator `{indicator_id}` sudah ditulis di butir ke-{seen[indicator_id] + 1}; tulis setiap indikator satu kali")
        seen.setdefault(indicator_id, i)


def check_units(out: Findings, performance: AgencyPerformance) -> None:
    """A realisation's `satuan`, when written, is its indicator's: figures are never converted."""
    data = out.loaded.data if isinstance(out.loaded.data, dict) else {}
    for i, item in _items(data.get("realisasi")):
        indicator = performance.indicator(item["indikator"]) if _is_id(item.get("indikator")) else None
        unit = item.get("satuan")
        if indicator is None or not isinstance(unit, str) or _loose(unit) == _loose(indicator.spec.unit):
            continue
        out.add(
            ("realisasi", i, "satuan"),
            f"satuan `{unit}` berbeda dari satuan indikator `{indicator.id}` (`{indicator.spec.unit}`): "
            f"tulis nilai dalam satuan `{indicator.spec.unit}`, atau hapus `satuan`",
        )


def check_agreement(
    out: Findings, spec: AgreementFile, place: Place, performance: AgencyPerformance, agency: Agency, today: date
) -> None:
    """The PK's year lies in the Renstra's period; signed by then; signatories exist; quarterly targets add up."""
    renstra = performance.spec.renstra
    if place.year not in renstra.years:
        out.add(
            ("target",),
            f"Perjanjian Kinerja tahun {place.year} di luar periode Renstra {renstra.first}–{renstra.last} "
            f"({performance.source}): simpan di folder tahun yang benar, atau perbarui `renstra › periode`",
        )
    if spec.signed > today:
        out.add(("tanggal",), f"tanggal {format_date(spec.signed)} sesudah tanggal acuan {format_date(today)}; catat Perjanjian Kinerja yang sudah ditandatangani")
    elif spec.signed.year > place.year:
        out.add(("tanggal",), f"tanggal {format_date(spec.signed)} sesudah tahun {place.year} berakhir: Perjanjian Kinerja ditandatangani sebelum atau pada awal tahunnya")
    for key in ("pihak_pertama", "pihak_kedua"):
        party = getattr(spec, "first_party" if key == "pihak_pertama" else "second_party")
        if not isinstance(party, Signatory):
            _check_role(out, (key,), party, agency)
    for i, target in enumerate(spec.targets):
        cumulative = spec.cumulative if target.cumulative is None else target.cumulative
        if cumulative and target.quarterly is not None and target.quarterly[-1] != target.target:
            out.warn(
                ("target", i, "triwulan", 3),
                f"target TW4 ({format_number(target.quarterly[-1])}) berbeda dari target tahunan ({format_number(target.target)}): pada target "
                "kumulatif, target TW4 adalah target tahun itu",
            )


def check_quarter(
    out: Findings, root: Path, spec: QuarterFile, place: Place, performance: AgencyPerformance,
    broken_agreement: bool, today: date,
) -> None:
    """The quarter has begun; every realisation has a target that year; evidence is an attachment."""
    assert place.quarter is not None
    start = quarter_start(place.year, place.quarter)
    if start > today:
        out.add(
            (),
            f"TW{place.quarter} {place.year} baru dimulai {format_date(start)}, sesudah tanggal acuan {format_date(today)}; "
            "catat realisasi setelah triwulannya berjalan",
        )
    for i, realisation in enumerate(spec.realisations):
        indicator = performance.indicator(realisation.indicator)
        if indicator is not None and not broken_agreement and performance.target(indicator, place.year) is None:
            out.add(("realisasi", i, "indikator"), _no_target(indicator, place, performance))
        if realisation.evidence and (problem := attachment_problem(root, realisation.evidence)):
            out.add(("realisasi", i, "bukti"), problem)
    budget = spec.budget
    if budget is not None and budget.spent > budget.ceiling:
        out.warn(
            ("anggaran", "realisasi"),
            f"realisasi anggaran (Rp{format_number(budget.spent)}) melebihi pagu (Rp{format_number(budget.ceiling)})",
        )


def _no_target(indicator: Indicator, place: Place, performance: AgencyPerformance) -> str:
    return (
        f"indikator `{indicator.id}` tidak punya target tahun {place.year}: tulis targetnya di "
        f"{agreement_path(place.agency_id, place.year)} atau di `target` indikator itu pada {performance.source}"
    )


# --- Shared ---


def _check_role(out: Findings, loc: Path_, role: str, agency: Agency) -> None:
    roles: Mapping[str, Role] = agency.catalogue.roles
    if role not in roles:
        out.add(loc, f"jabatan `{role}` tidak ada di katalog jabatan{_catalogues(agency, '_jabatan')}{role_hint(role, roles)}")


def _catalogues(agency: Agency, shared: str) -> str:
    return f" (sop_defs/{shared}.yaml atau sop_defs/{agency.id}/_instansi.yaml)"


def _hint(written: str, known: Any) -> str:
    guess = difflib.get_close_matches(written, sorted(known), n=1, cutoff=0.6)
    return f"; maksud Anda `{guess[0]}`?" if guess else ""


def _is_id(value: object) -> bool:
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def _items(value: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, item) of each mapping in a list; anything else is the type check's to report."""
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _ids(value: Any) -> Iterator[tuple[int, str]]:
    if isinstance(value, list):
        for i, item in enumerate(value):
            if _is_id(item):
                yield i, item


def _loose(text: str) -> str:
    return " ".join(text.casefold().split())
