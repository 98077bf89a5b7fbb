"""Tables as files an evaluator opens in a spreadsheet: CSV and XLSX.

Text from the data stays text: a cell that starts like a formula (=, +, -, @) is written as a string in
XLSX and prefixed with an apostrophe in CSV, so opening the file never runs anything. The same table
gives the same bytes: the XLSX's document dates come from the caller (a date from the data) and its zip
entries carry a fixed time.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

Cell = str | int | float | None
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def csv_bytes(sheet: Sheet) -> bytes:
    """UTF-8 with a byte order mark, so that Excel reads the Indonesian text right; numbers keep a decimal point."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in sheet.headers])
    writer.writerows([_csv_cell(c) for c in row] for row in sheet.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_START) else value
    return str(value)


def xlsx_bytes(sheets: list[Sheet], dated: date) -> bytes:
    """One worksheet per table, the header row bold and frozen; `dated` stamps the document's properties."""
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        _write_sheet(book, sheet)
    stamp = datetime(dated.year, dated.month, dated.day)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "sopgen"
    raw = io.BytesIO()
    # ExcelWriter, not book.save(): save() stamps `modified` with the clock, so two builds a second apart differed.
    ExcelWriter(book, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_times(raw.getvalue())


def _write_sheet(book: Workbook, sheet: Sheet) -> None:
    ws = book.create_sheet(sheet.title.translate(_TITLE_FORBIDDEN)[:31] or "Tabel")
    ws.append(list(sheet.headers))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        ws.append([None] * len(row))
        for column, value in enumerate(row, start=1):
            cell = ws.cell(row=ws.max_row, column=column)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for column, header in enumerate(sheet.headers, start=1):
        longest = max([len(str(header))] + [len(str(r[column - 1])) for r in sheet.rows if r[column - 1] is not None])
        ws.column_dimensions[get_column_letter(column)].width = min(60, longest + 2)
    ws.freeze_panes = "A2"


def _fixed_times(data: bytes) -> bytes:
    """The same archive with every entry dated ZIP_TIME: openpyxl stamps entries with the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
