"""The real documents ingestion was developed against (../shared/realdocs; skipped when absent):
case count, title, lead organisation and years, and speed. The held-out document is not
used here (see eval/gold/realdocs/README.md)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from proeftuin.ingestion.pipeline import run_pipeline

REALDOCS = Path(__file__).resolve().parents[3] / "shared" / "realdocs"

EXPECTED = {
    "logius-ebms3-as4-eindrapport.pdf": (
        "ebMS3/AS4 als opvolger van ebMS2 binnen Digikoppeling",
        "Logius",
        2018,
    ),
    "tilburg-publicatieportaal-woo.pdf": (
        "Gebruikersonderzoek Publicatievoorziening Wet open overheid",
        "Gemeente Tilburg",
        2024,
    ),
    "vng-ggd-utrecht-kwetsbaarheid-handout.docx": (
        "Kwetsbaarheid in de provincie Utrecht",
        "Vereniging van Nederlandse Gemeenten",
        2019,
    ),
}


def _run(name: str):
    path = REALDOCS / name
    if not path.is_file():
        pytest.skip(f"{name} not present")
    return run_pipeline(path.read_bytes(), name)


def _best(items, field: str):
    found = [i for i in items if i.field == field]
    return max(found, key=lambda i: i.confidence).value if found else None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_case_with_title_organisation_and_years(name):
    title, organisation, year = EXPECTED[name]
    result = _run(name)
    assert len(result.cases) == 1
    part, items = result.cases[0]
    assert part.title == title and _best(items, "title") == title
    assert _best(items, "organisation.name") == organisation
    assert (_best(items, "year_start"), _best(items, "year_end")) == (year, year)
    assert result.notices == []


def test_the_report_case_covers_its_body_without_contents_or_appendices():
    result = _run("tilburg-publicatieportaal-woo.pdf")
    text = result.document.text
    part = result.cases[0][0]
    assert text[part.start :].startswith("1 Aanleiding")
    inside = text[part.start : part.end]
    assert "Contactinformatie" in inside and "Bijlage 1" not in inside and "....." not in inside
    assert len(result.document.structure.toc) == 27


def test_parliamentary_questions_give_no_case():
    result = _run("tk-aanhangsel-2020-2021-3235-tozo.odt")
    assert result.cases == []
    assert result.notices[0].reason == "questions_and_answers"
    assert result.notices[0].message.startswith("Geen innovatie gevonden in dit document")


@pytest.mark.parametrize(
    "name", ["logius-ebms3-as4-eindrapport.pdf", "tilburg-publicatieportaal-woo.pdf"]
)
def test_at_least_five_pages_per_second(name):
    _run(name)  # warm up (imports, classifier)
    started = time.perf_counter()
    result = _run(name)
    pages_per_second = len(result.document.pages) / (time.perf_counter() - started)
    assert pages_per_second >= 5, f"{pages_per_second:.1f} pages/s"
