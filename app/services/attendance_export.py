"""The monthly attendance sheet as an Excel workbook (openpyxl): one row per person, the
columns the sheet screen shows. Names, usernames and departments only — no ID number, no
password (PIPL): the service writes the bytes to a file only its owner may read."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from app.domain.attendance_sheet import COLUMNS, SheetLine, sheet_row


def sheet_bytes(month: str, lines: list[SheetLine]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = f"考勤表 {month}"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(sheet_row(line))
    for row in sheet.iter_rows(min_row=2, max_col=3):
        for cell in row:  # text stays text: a name beginning with "=" is not a formula
            cell.data_type = "s"
            cell.quotePrefix = True
    out = BytesIO()
    book.save(out)
    return out.getvalue()
