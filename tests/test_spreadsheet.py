"""Tables for evaluators as CSV and XLSX: what a spreadsheet shows is the data, as text, the same every build."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date

from openpyxl import load_workbook

from generator.render.spreadsheet import Sheet, csv_bytes, xlsx_bytes

TABLE = Sheet(
    "Pengukuran Kinerja 2025",
    ("Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)"),
    (("Persentase aduan ditindaklanjuti", "persen", 90, 85.5, 95.0),
     ("=HYPERLINK(\"http://contoh.invalid\",\"klik\")", "-", None, 3, "@SUM(A1)")),
)


def test_the_xlsx_holds_the_table_with_formula_like_text_kept_as_text() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes([TABLE], date(2026, 1, 31))))
    sheet = book["Pengukuran Kinerja 2025"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == list(TABLE.headers)
    assert values[1] == ["Persentase aduan ditindaklanjuti", "persen", 90, 85.5, 95.0]
    assert values[2][0].startswith("=HYPERLINK") and sheet["A3"].data_type == "s"  # text, not a formula
    assert sheet["E3"].data_type == "s" and values[2][2] is None
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert book.properties.created.date() == date(2026, 1, 31)


def test_the_same_table_gives_the_same_bytes() -> None:
    first, second = xlsx_bytes([TABLE], date(2026, 1, 31)), xlsx_bytes([TABLE], date(2026, 1, 31))
    assert first == second
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_xlsx_is_dated_from_the_caller_never_from_the_clock() -> None:
    """openpyxl's save() stamps `modified` with the time of the build: two builds a second apart would differ."""
    core = zipfile.ZipFile(io.BytesIO(xlsx_bytes([TABLE], date(2026, 1, 31)))).read("docProps/core.xml").decode()
    stamps = re.findall(r"<dcterms:(created|modified)[^>]*>([^<]+)<", core)
    assert sorted(stamps) == [("created", "2026-01-31T00:00:00Z"), ("modified", "2026-01-31T00:00:00Z")]


def test_the_csv_holds_the_table_and_defuses_formulas() -> None:
    data = csv_bytes(TABLE)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == list(TABLE.headers)
    assert rows[1] == ["Persentase aduan ditindaklanjuti", "persen", "90", "85.5", "95.0"]
    assert rows[2][0] == "'=HYPERLINK(\"http://contoh.invalid\",\"klik\")" and rows[2][1] == "'-" and rows[2][4] == "'@SUM(A1)"
    assert rows[2][2] == ""


def test_a_sheet_title_a_spreadsheet_refuses_is_made_acceptable() -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes([Sheet("Capaian [TW1]/2025: *ringkas*?", ("a",), ())], date(2026, 1, 1))))
    (title,) = book.sheetnames
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\")
