"""A casebook's files: the PDF passes the PDF/A-3u and PDF/UA-1 checks of ``page``
(``page-validation`` on PyPI) and carries every part of the book; the ODT holds the same
content; a case without themes is still rendered, with a note."""

import io
import zipfile

import pytest
from django.utils import translation

from proeftuin.awards.casebook_content import book_content, cases_for_book
from proeftuin.awards.casebook_files import to_odt, to_pdf
from proeftuin.cases.service import ThemeSet
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db

OPENNESS = [
    "Medewerkers delen hun ideeën elke week aan een open innovatietafel met de directie.",
    "Ideeën van medewerkers komen elke week op een innovatietafel met de directie samen.",
    "Burgers schuiven maandelijks aan bij het bestuur om plannen voor de wijk te bespreken.",
]


def _cases(count=3):
    cases = [
        make_case(
            title=f"Casus {n}",
            organisations=[OrganisationFactory(name=f"Gemeente {n}")],
            sections={
                "openness": OPENNESS[n % 3],
                "innovation": f"Een digitaal loket voor vergunningen nummer {n} versnelt "
                "de afhandeling van aanvragen.",
            },
        )
        for n in range(count)
    ]
    cases.append(make_case(title="Casus zonder thema's", sections={}))
    return cases


def _book(cases):
    return book_content(
        title="Casebook proef",
        theme_set=ThemeSet.objects.get(key="casebook"),
        cases=cases_for_book([c.pk for c in cases]),
    )


def test_the_pdf_is_pdf_a_3u_and_pdf_ua_1():
    page = pytest.importorskip(
        "page", reason="the PDF/A validator page-validation (PyPI) is not installed"
    )
    with translation.override("nl"):
        data, pages = to_pdf(
            _book(_cases()), created="6 december 2026", moment="2026-12-06T03:00:00+00:00"
        )
    assert data.startswith(b"%PDF-1.7") and pages >= 6
    for profile in ("3u", "ua1"):
        report = page.validate_pdf_bytes(data, profile=profile)
        failures = [(f.rule_id, f.message) for f in report.failures]
        assert report.is_compliant, (profile, failures)
        assert report.rules.total > 50


@translation.override("nl")
def test_the_odt_holds_every_part_and_the_case_without_themes_has_a_note():
    book = _book(_cases())
    data = to_odt(book, created="6 december 2026")
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode()
    for text in (
        "Casus 0",
        "Casus zonder thema",
        "Analyse over de casussen heen",
        "Innovaties naar soort",
        "Vergelijking van profielen en resultaten",
        "Thema's zonder tekst in deze casus",
        "innovatietafel",
    ):
        assert text in content
    analysis = {t.key: t for t in book.analysis}
    assert analysis["openness"].shared
    for statement in analysis["openness"].shared:
        assert statement.sources and all(s.passage in content for s in statement.sources)
    bare = next(c for c in book.cases if c.title == "Casus zonder thema's")
    assert bare.sections == [] and len(bare.missing_themes) == len(book.themes)
