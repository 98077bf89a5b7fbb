"""Performance (SAKIP) pages of one agency: its overview, a quarter's Pengukuran Kinerja, a year's LKjIP tables
(with the same tables as CSV and XLSX files), and one indicator's definition and history.

Every figure comes computed from render.gather (PerformanceFigures); these views only choose and format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.manual.model import Agency, Manual
from generator.performance.capaian import (
    DIRECTION_NAMES, FORMULAS, LOWEST, PREDIKAT_BANDS, Capaian, QuarterFigure, YearFigure, format_change,
    format_number, format_points, rounded,
)
from generator.performance.model import DIRECTIONS, LEVEL_NAMES, QUARTERS, Indicator, Signatory, TargetOfYear
from generator.records.model import Record
from generator.records.periods import ROMAN
from generator.render import urls
from generator.render.charts import capaian_chart, target_chart
from generator.render.gather import PerformanceFigures
from generator.render.spreadsheet import Cell, Sheet, csv_bytes, xlsx_bytes
from generator.render.templating import render

PREDIKAT_SOURCE = "Permendagri 86/2017"
DASH = "–"


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Formula:
    direction: str
    meaning: str
    text: str


def formulas(figures: PerformanceFigures) -> list[Formula]:
    """The capaian formula of each `arah` the agency's indicators use, as capaian.FORMULAS states it."""
    used = {indicator.spec.direction for indicator in figures.data.indicators}
    return [Formula(d, DIRECTION_NAMES[d], FORMULAS[d]) for d in DIRECTIONS if d in used]


def predikat_criteria() -> list[tuple[str, str]]:
    """The categories with their bands as readers write them: "≥ 91", "76 sampai < 91" ... "< 51"."""
    rows, upper = [], None
    for lower, name in PREDIKAT_BANDS:
        rows.append((f"≥ {lower}" if upper is None else f"{lower} sampai < {upper}", name))
        upper = lower
    rows.append((f"< {upper}", LOWEST))
    return rows


def codes(figures: PerformanceFigures) -> dict[str, str]:
    """A short code per indicator (IK1, IK2 ...) in file order: the charts' labels and the tables' first column."""
    return {indicator.id: f"IK{n}" for n, indicator in enumerate(figures.data.indicators, start=1)}


def shown(value: Decimal | None) -> str:
    return format_number(value) if value is not None else DASH


def _evidence(page: str, path: str | None, link: urls.Linker) -> str | None:
    # `bukti` files are published under their repository path (render.site.attachments).
    return link.asset(page, path) if path else None


def _records(records: list[Record | None], page: str, link: urls.Linker) -> list[Link]:
    return [
        Link(f"{r.sop.spec.name} ({r.period.label})", link(page, urls.record_url(r))) for r in records if r is not None
    ]


def _sop_records(figures: PerformanceFigures, indicators: list[Indicator], year: int, quarter: int | None) -> list[Record | None]:
    """The records, in that period, of the SOPs the indicators name (each SOP once, in the order first named)."""
    sop_ids = list(dict.fromkeys(sop_id for indicator in indicators for sop_id in indicator.spec.sops))
    return [figures.records.get((sop_id, year, quarter)) for sop_id in sop_ids]


def _example(figures: PerformanceFigures, year: int | None = None, quarter: int | None = None) -> bool:
    """Whether any file behind a page is example data (`contoh: true`)."""
    data = figures.data
    flags = [data.example]
    flags += [a.spec.example for y, a in data.agreements.items() if year is None or y == year]
    flags += [r.spec.example for (y, q), r in data.quarters.items() if year is None or (y == year and quarter in (None, q))]
    return any(flags)


def _target_kind(figure: QuarterFigure, target: TargetOfYear | None, quarter: int) -> str:
    if figure.target is None or target is None:
        return ""
    if figure.quarterly_target:
        return f"target TW{quarter} (PK)"
    return "target tahunan (PK)" if target.from_agreement else "target tahunan (Renstra)"


def _cumulative(figures: PerformanceFigures, year: int) -> bool:
    """Whether the year's quarterly figures are year to date, as its PK says (without a PK they are)."""
    agreement = figures.data.agreements.get(year)
    return agreement.spec.cumulative if agreement is not None else True


def _change(figure: QuarterFigure) -> str | None:
    parts = []
    if figure.realisation_change is not None:
        parts.append(f"realisasi {format_change(figure.realisation_change)}")
    if figure.capaian_change is not None:
        parts.append(f"capaian {format_points(figure.capaian_change)} poin")
    return "; ".join(parts) or None


# --- Overview: kinerja/<instansi>/ ---


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    indicator: Indicator
    href: str
    level: str
    role: Link


@dataclass(frozen=True)
class YearLink:
    year: int
    href: str
    quarters: list[Link]


def role_link(agency: Agency, role_id: str, page: str, link: urls.Linker) -> Link:
    role = agency.catalogue.roles[role_id]
    return Link(role.name, link(page, urls.role_page(agency.key("jabatan", role_id))))


def _year_links(figures: PerformanceFigures, page: str, link: urls.Linker) -> list[YearLink]:
    agency_id = figures.data.agency_id
    return [
        YearLink(year, link(page, urls.performance_year_page(agency_id, year)), [
            Link(f"Triwulan {ROMAN[q - 1]}", link(page, urls.performance_quarter_page(agency_id, year, q)))
            for q in figures.quarters[year]
        ])
        for year in reversed(figures.years)
    ]


def render_performance_agency(manual: Manual, figures: PerformanceFigures, link: urls.Linker, readiness: bool = False) -> str:
    """`readiness`: the site has the agency's Kesiapan Evaluasi AKIP page (the LKE catalogue exists), linked from here."""
    data = figures.data
    agency = manual.agency(data.agency_id)
    page = urls.performance_page(agency.id)
    code = codes(figures)
    renstra = data.spec.renstra
    document = None
    if renstra.document is not None:
        name = agency.catalogue.documents[renstra.document].name
        document = Link(name, link(page, urls.document_page(agency.key("dokumen", renstra.document))))
    return render(
        "kinerja.md.j2",
        agency=agency,
        renstra=renstra,
        document=document,
        indicators=[
            IndicatorRow(code[i.id], i, link(page, urls.indicator_page(agency.id, i.id)), LEVEL_NAMES[i.spec.level],
                         role_link(agency, i.spec.responsible, page, link))
            for i in data.indicators
        ],
        years=_year_links(figures, page, link),
        formulas=formulas(figures),
        criteria=predikat_criteria(),
        predikat_source=PREDIKAT_SOURCE,
        agency_href=link(page, urls.agency_page(agency.id)),
        readiness_href=link(page, urls.readiness_page(agency.id)) if readiness else None,
        source=data.source,
        example=_example(figures),
    )


# --- A quarter: kinerja/<instansi>/<tahun>/tw<n>/ ---


@dataclass(frozen=True)
class QuarterRow:
    code: str
    indicator: Indicator
    href: str
    figure: QuarterFigure
    target: str
    target_kind: str
    value: str
    change: str | None
    evidence: str | None


@dataclass(frozen=True)
class Budget:
    ceiling: str
    spent: str
    absorption: Capaian


@dataclass(frozen=True)
class Chart:
    title: str
    source: str


def _quarter_rows(figures: PerformanceFigures, year: int, quarter: int, page: str, link: urls.Linker) -> list[QuarterRow]:
    data, code = figures.data, codes(figures)
    rows = []
    for indicator in data.indicators:
        figure = figures.figures[(indicator.id, year)].quarters[quarter - 1]
        written = figure.realisation
        kind = _target_kind(figure, data.target(indicator, year), quarter)
        if data.is_cumulative(indicator, year) != _cumulative(figures, year):  # the PK overrides it for this indicator
            kind += "; kumulatif" if data.is_cumulative(indicator, year) else "; per triwulan"
        rows.append(QuarterRow(
            code[indicator.id], indicator, link(page, urls.indicator_page(data.agency_id, indicator.id)), figure,
            shown(figure.target), kind, shown(figure.value),
            _change(figure), _evidence(page, written.evidence if written else None, link),
        ))
    return rows


def _target_charts(figures: PerformanceFigures, year: int, last: int) -> list[Chart]:
    """Per indicator: target against realisation in each quarter of `year` up to `last` that has both."""
    charts = []
    for indicator, code in zip(figures.data.indicators, codes(figures).values(), strict=True):
        points = [
            (f"TW{f.quarter}", f.target, f.value)
            for f in figures.figures[(indicator.id, year)].quarters[:last] if f.target is not None and f.value is not None
        ]
        if points:
            title = f"{code}: target dan realisasi {year}"
            labels, targets, values = (list(column) for column in zip(*points, strict=True))
            charts.append(Chart(title, target_chart(title, labels, targets, values, indicator.spec.unit)))
    return charts


def _capaian_chart(rows: list[QuarterRow], title: str) -> str | None:
    measured = [(row.code, rounded(row.figure.capaian.percent)) for row in rows if row.figure.capaian.percent is not None]
    if not measured:
        return None
    return capaian_chart(title, [c for c, _ in measured], [p for _, p in measured])


def render_performance_quarter(
    manual: Manual, figures: PerformanceFigures, year: int, quarter: int, link: urls.Linker, progress: bool,
) -> str:
    """`progress`: the site has the Progres page of this quarter (the SOPs due in it), linked from here."""
    data = figures.data
    agency = manual.agency(data.agency_id)
    page = urls.performance_quarter_page(agency.id, year, quarter)
    rows = _quarter_rows(figures, year, quarter, page, link)
    label = f"Triwulan {ROMAN[quarter - 1]} {year}"
    report = data.quarters.get((year, quarter))
    budget = None
    if report is not None and report.spec.budget is not None:
        spec = report.spec.budget
        budget = Budget(format_number(spec.ceiling), format_number(spec.spent), figures.budget[(year, quarter)])
    quarters = figures.quarters[year]
    return render(
        "kinerja_triwulan.md.j2",
        agency=agency,
        label=label,
        year=year,
        quarter=quarter,
        rows=rows,
        cumulative=_cumulative(figures, year),
        agreement=year in data.agreements,
        source=report.source if report else None,
        expected=f"records/{year}/kinerja/{agency.id}/TW{quarter}.yaml",
        budget=budget,
        capaian_chart=_capaian_chart(rows, f"Capaian per indikator, {label}"),
        target_charts=_target_charts(figures, year, quarter),
        records=_records(_sop_records(figures, list(data.indicators), year, quarter), page, link),
        formulas=formulas(figures),
        criteria=predikat_criteria(),
        predikat_source=PREDIKAT_SOURCE,
        overview_href=link(page, urls.performance_page(agency.id)),
        year_href=link(page, urls.performance_year_page(agency.id, year)),
        progress_href=link(page, urls.quarter_page(year, quarter)) if progress else None,
        previous_href=link(page, urls.performance_quarter_page(agency.id, year, quarter - 1)) if quarter - 1 in quarters else None,
        next_href=link(page, urls.performance_quarter_page(agency.id, year, quarter + 1)) if quarter + 1 in quarters else None,
        example=_example(figures, year, quarter),
    )


# --- A year: kinerja/<instansi>/<tahun>/, the LKjIP tables and their files ---


@dataclass(frozen=True)
class Party:
    title: str
    name: str | None
    nip: str | None
    role_key: str | None  # a role of the catalogue: its page

    @property
    def text(self) -> str:
        return ", ".join(p for p in (self.title, self.name, self.nip and f"NIP {self.nip}") if p)


@dataclass(frozen=True)
class YearRow:
    code: str
    indicator: Indicator
    target: TargetOfYear | None
    figure: YearFigure
    renstra_target: Decimal | None  # the Renstra's target for this year


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    name: str  # the file's name, as a saved copy keeps it


# Each table of the year: its sheet title, and the name of its own CSV (urls.performance_download adds whose and when).
TABLES = (("Perjanjian Kinerja", "pk.csv"), ("Pengukuran Kinerja", "pengukuran-kinerja.csv"),
          ("Capaian Renstra", "capaian-renstra.csv"), ("Keterangan", "keterangan.csv"))
WORKBOOK = "lkjip.xlsx"


def _party(agency: Agency, party: str | Signatory) -> Party:
    if isinstance(party, Signatory):
        return Party(party.title, party.name, party.nip, None)
    return Party(agency.catalogue.roles[party].name, None, None, agency.key("jabatan", party))


def _year_rows(figures: PerformanceFigures, year: int) -> list[YearRow]:
    data, code = figures.data, codes(figures)
    return [
        YearRow(code[i.id], i, data.target(i, year), figures.figures[(i.id, year)].year, i.spec.targets.get(year))
        for i in data.indicators
    ]


def _number(value: Decimal | None) -> Cell:
    """A figure as a spreadsheet number: whole numbers as integers, others as the float nearest the written decimal."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _percent(capaian: Capaian) -> Cell:
    """A capaian as the page shows it (two decimals)."""
    return _number(rounded(capaian.percent)) if capaian.percent is not None else None


def _through(figure: YearFigure) -> str:
    return f"TW{figure.through}" if figure.through is not None else ""


def lkjip_sheets(manual: Manual, figures: PerformanceFigures, year: int) -> list[Sheet]:
    """The year's LKjIP tables, as the year page shows them and the downloads hold them."""
    rows = _year_rows(figures, year)
    renstra = figures.data.spec.renstra
    quarterly = [f"Target TW{q}" for q in QUARTERS]
    agreement = Sheet(
        TABLES[0][0],
        ("No", "Sasaran", "Indikator", "Satuan", "Arah", f"Target {year}", *quarterly, "Sumber target"),
        tuple(
            (r.code, r.indicator.spec.goal, r.indicator.spec.name, r.indicator.spec.unit, r.indicator.spec.direction,
             _number(r.target.value if r.target else None),
             *(_number(r.target.quarterly[q - 1]) if r.target and r.target.quarterly else None for q in QUARTERS),
             _target_source(r.target))
            for r in rows
        ),
    )
    measured = Sheet(
        TABLES[1][0],
        ("No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Realisasi s.d.", "Capaian (%)", "Predikat", "Keterangan"),
        tuple(
            (r.code, r.indicator.spec.goal, r.indicator.spec.name, r.indicator.spec.unit,
             _number(r.target.value if r.target else None), _number(r.figure.realisation), _through(r.figure),
             _percent(r.figure.capaian), r.figure.capaian.predikat or "", r.figure.capaian.reason or "")
            for r in rows
        ),
    )
    against = Sheet(
        TABLES[2][0],
        ("No", "Indikator", "Satuan", f"Target Renstra {year}", f"Target akhir Renstra ({renstra.last})",
         f"Realisasi {year}", "Realisasi s.d.", "Capaian thd target akhir (%)", "Keterangan"),
        tuple(
            (r.code, r.indicator.spec.name, r.indicator.spec.unit, _number(r.renstra_target), _number(r.figure.final_target),
             _number(r.figure.realisation), _through(r.figure), _percent(r.figure.against_final), r.figure.against_final.reason or "")
            for r in rows
        ),
    )
    return [agreement, measured, against, _notes_sheet(manual, figures, year)]


def _target_source(target: TargetOfYear | None) -> str:
    if target is None:
        return "belum ditetapkan"
    return "Perjanjian Kinerja" if target.from_agreement else "Renstra (tidak ada di Perjanjian Kinerja)"


def _notes_sheet(manual: Manual, figures: PerformanceFigures, year: int) -> Sheet:
    data = figures.data
    agency = manual.agency(data.agency_id)
    agreement = data.agreements.get(year)
    rows: list[tuple[Cell, ...]] = [("Instansi", agency.spec.name), ("Tahun", year)]
    if agreement is not None:
        spec = agreement.spec
        rows += [("Pihak pertama", _party(agency, spec.first_party).text), ("Pihak kedua", _party(agency, spec.second_party).text)]
        rows += [("Tanggal Perjanjian Kinerja", spec.signed.isoformat()), ("Berkas Perjanjian Kinerja", agreement.source)]
    else:
        rows.append(("Perjanjian Kinerja", f"belum dicatat (records/{year}/kinerja/{agency.id}/pk.yaml); target dari Renstra"))
    cumulative = "kumulatif s.d. akhir triwulan" if _cumulative(figures, year) else "per triwulan (tidak kumulatif)"
    rows.append(("Target dan realisasi triwulan", cumulative))
    renstra = data.spec.renstra
    rows += [("Periode Renstra", f"{renstra.first}–{renstra.last}"), ("Indikator dan target Renstra", data.source)]
    rows += [(f"Rumus capaian, arah {f.direction} ({f.meaning})", f.text) for f in formulas(figures)]
    rows += [(f"Predikat {name} ({PREDIKAT_SOURCE})", f"capaian {band}") for band, name in predikat_criteria()]
    rows.append(("Data contoh", "ya: angka rekaan, bukan data nyata" if _example(figures, year) else "tidak"))
    return Sheet(TABLES[3][0], ("Keterangan", "Isi"), tuple(rows))


def file_date(figures: PerformanceFigures, year: int) -> date:
    """The date the year's XLSX carries: its PK's signing date, else the first day of the year (never the clock)."""
    agreement = figures.data.agreements.get(year)
    return agreement.spec.signed if agreement is not None else date(year, 1, 1)


def lkjip_files(manual: Manual, figures: PerformanceFigures, year: int) -> dict[str, bytes]:
    """Site path -> content: one CSV per table, and one XLSX with a sheet per table."""
    agency_id = figures.data.agency_id
    sheets = lkjip_sheets(manual, figures, year)
    files = {urls.performance_download(agency_id, year, name): csv_bytes(sheet) for sheet, (_, name) in zip(sheets, TABLES, strict=True)}
    files[urls.performance_download(agency_id, year, WORKBOOK)] = xlsx_bytes(sheets, file_date(figures, year))
    return files


def _downloads(agency_id: str, year: int, page: str, link: urls.Linker) -> list[Download]:
    files = [("Semua tabel (XLSX, satu lembar per tabel)", WORKBOOK), *((f"{title} (CSV)", name) for title, name in TABLES)]
    paths = [(label, urls.performance_download(agency_id, year, name)) for label, name in files]
    return [Download(label, link.asset(page, path), path.rsplit("/", 1)[-1]) for label, path in paths]


def render_performance_year(manual: Manual, figures: PerformanceFigures, year: int, link: urls.Linker) -> str:
    data = figures.data
    agency = manual.agency(data.agency_id)
    page = urls.performance_year_page(agency.id, year)
    agreement = data.agreements.get(year)
    parties = []
    if agreement is not None:
        for party in (_party(agency, p) for p in (agreement.spec.first_party, agreement.spec.second_party)):
            parties.append((party, link(page, urls.role_page(party.role_key)) if party.role_key else None))
    return render(
        "kinerja_tahun.md.j2",
        agency=agency,
        year=year,
        agreement=agreement,
        parties=parties,
        expected=f"records/{year}/kinerja/{agency.id}/pk.yaml",
        rows=_year_rows(figures, year),
        hrefs={i.id: link(page, urls.indicator_page(agency.id, i.id)) for i in data.indicators},
        renstra=data.spec.renstra,
        quarters=[
            Link(f"Triwulan {ROMAN[q - 1]}", link(page, urls.performance_quarter_page(agency.id, year, q))) for q in figures.quarters[year]
        ],
        downloads=_downloads(agency.id, year, page, link),
        file_date=file_date(figures, year),
        formulas=formulas(figures),
        criteria=predikat_criteria(),
        predikat_source=PREDIKAT_SOURCE,
        overview_href=link(page, urls.performance_page(agency.id)),
        records=_records(_sop_records(figures, list(data.indicators), year, None), page, link),
        shown=shown,
        example=_example(figures, year),
    )


# --- One indicator: kinerja/<instansi>/indikator/<id>/ ---


@dataclass(frozen=True)
class HistoryRow:
    label: str
    href: str | None  # the quarter's Pengukuran Kinerja page
    figure: QuarterFigure
    target: str
    target_kind: str
    value: str
    change: str | None
    evidence: str | None
    source: str | None  # the quarter's realisation file
    records: list[Link]


@dataclass(frozen=True)
class HistoryYear:
    year: int
    href: str
    rows: list[HistoryRow]
    figure: YearFigure
    records: list[Link]  # the year's records (tahunan SOPs the indicator names)


@dataclass(frozen=True)
class RenstraRow:
    year: int
    renstra: str
    agreement: str  # the PK's target, "–" without one


def _history(figures: PerformanceFigures, indicator: Indicator, page: str, link: urls.Linker) -> list[HistoryYear]:
    data = figures.data
    years = []
    for year in reversed(figures.years):
        computed = figures.figures[(indicator.id, year)]
        rows = []
        for figure in computed.quarters:
            q = figure.quarter
            written = figure.realisation
            report = data.quarters.get((year, q))
            rows.append(HistoryRow(
                f"Triwulan {ROMAN[q - 1]}",
                link(page, urls.performance_quarter_page(data.agency_id, year, q)) if q in figures.quarters[year] else None,
                figure, shown(figure.target), _target_kind(figure, data.target(indicator, year), q), shown(figure.value),
                _change(figure), _evidence(page, written.evidence if written else None, link),
                report.source if report and written else None,
                _records(_sop_records(figures, [indicator], year, q), page, link),
            ))
        years.append(HistoryYear(
            year, link(page, urls.performance_year_page(data.agency_id, year)), rows, computed.year,
            _records(_sop_records(figures, [indicator], year, None), page, link),
        ))
    return years


def _history_chart(figures: PerformanceFigures, indicator: Indicator, code: str) -> str | None:
    points = [
        (f"TW{f.quarter} {year}", f.target, f.value)
        for year in figures.years for f in figures.figures[(indicator.id, year)].quarters
        if f.target is not None and f.value is not None
    ]
    if not points:
        return None
    labels, targets, values = (list(column) for column in zip(*points, strict=True))
    return target_chart(f"{code}: target dan realisasi per triwulan", labels, targets, values, indicator.spec.unit)


def render_indicator(manual: Manual, figures: PerformanceFigures, indicator: Indicator, link: urls.Linker) -> str:
    data = figures.data
    agency = manual.agency(data.agency_id)
    page = urls.indicator_page(agency.id, indicator.id)
    spec = indicator.spec
    code = codes(figures)[indicator.id]
    agreements = data.agreements
    renstra_rows = [
        RenstraRow(year, shown(spec.targets.get(year)),
                   shown(t.target) if year in agreements and (t := agreements[year].target_of(indicator.id)) else DASH)
        for year in indicator.period
    ]
    return render(
        "indikator.md.j2",
        agency=agency,
        code=code,
        spec=spec,
        level=LEVEL_NAMES[spec.level],
        meaning=DIRECTION_NAMES[spec.direction],
        formula=FORMULAS[spec.direction],
        role=role_link(agency, spec.responsible, page, link),
        sops=[Link(manual.sop(s).spec.name, link(page, urls.sop_page(s))) for s in spec.sops if manual.sop(s) is not None],
        renstra=data.spec.renstra,
        renstra_rows=renstra_rows,
        final_target=shown(indicator.final_target),
        history=_history(figures, indicator, page, link),
        chart=_history_chart(figures, indicator, code),
        criteria=predikat_criteria(),
        predikat_source=PREDIKAT_SOURCE,
        overview_href=link(page, urls.performance_page(agency.id)),
        source=data.source,
        shown=shown,
        example=_example(figures),
    )
