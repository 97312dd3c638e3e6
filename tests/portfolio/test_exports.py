"""The dashboard's tables written as CSV (zip), XLSX and ODS, read back with the same
libraries a user's spreadsheet would use."""

import io
import zipfile

import pytest
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from openpyxl import load_workbook

from proeftuin.portfolio.dashboard import dashboard, initiatives_in_scope
from proeftuin.portfolio.exports import to_csv_zip, to_ods, to_xlsx
from tests.portfolio.test_dashboard import TODAY, portfolio  # noqa: F401  (the fixture)


@pytest.fixture
def charts(portfolio, lead, platform_admin):  # noqa: F811
    return dashboard(initiatives_in_scope(platform_admin, [lead.pk]), today=TODAY)["charts"]


@pytest.mark.django_db
def test_xlsx_has_a_sheet_per_chart_with_numbers(charts):
    book = load_workbook(io.BytesIO(to_xlsx(charts)))
    assert book.sheetnames == [chart.key for chart in charts]
    budget = [row for row in book["budget"].iter_rows(values_only=True)]
    assert budget[1][1:] == (1500, 800, 700, 2, 1)
    assert dict(book["funnel"].iter_rows(min_row=2, values_only=True))["Pilot"] == 2


@pytest.mark.django_db
def test_csv_zip_has_a_file_per_chart(charts):
    archive = zipfile.ZipFile(io.BytesIO(to_csv_zip(charts)))
    assert sorted(archive.namelist()) == sorted(f"{chart.key}.csv" for chart in charts)
    assert "2026 K1,2" in archive.read("throughput.csv").decode()


@pytest.mark.django_db
def test_ods_reads_back(charts):
    document = load(io.BytesIO(to_ods(charts)))
    tables = {t.getAttribute("name"): t for t in document.spreadsheet.getElementsByType(Table)}
    assert set(tables) == {chart.key for chart in charts}
    rows = tables["funnel"].getElementsByType(TableRow)
    cells = {
        str(r.getElementsByType(TableCell)[0]): r.getElementsByType(TableCell)[1] for r in rows
    }
    assert cells["Pilot"].getAttribute("value") == "2"
