"""The dashboard's tables as files: CSV (a zip with one file per table), XLSX (openpyxl)
and ODS (odfpy), one sheet per chart. Plain values only: numbers stay numbers."""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal

from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

FORMATS = ("csv", "xlsx", "ods")


def _cell(value):
    return float(value) if isinstance(value, Decimal) else value


def _table(chart) -> list[list]:
    return [list(map(str, chart.headers)), *[[_cell(v) for v in row] for row in chart.rows]]


def to_csv_zip(charts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for chart in charts:
            text = io.StringIO()
            csv.writer(text).writerows(_table(chart))
            archive.writestr(f"{chart.key}.csv", text.getvalue())
    return buffer.getvalue()


def to_xlsx(charts) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for chart in charts:
        sheet = book.create_sheet(chart.key[:31])
        for row in _table(chart):
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _ods_cell(value) -> TableCell:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        cell = TableCell(valuetype="float", value=value)
    else:
        cell = TableCell(valuetype="string")
    cell.addElement(P(text=str(value)))
    return cell


def to_ods(charts) -> bytes:
    document = OpenDocumentSpreadsheet()
    for chart in charts:
        table = Table(name=chart.key)
        for values in _table(chart):
            row = TableRow()
            for value in values:
                row.addElement(_ods_cell(value))
            table.addElement(row)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


WRITERS = {"csv": to_csv_zip, "xlsx": to_xlsx, "ods": to_ods}
