"""Title, organisation, years and cases for general families of document shapes: a casebook
with an overview table and one chapter per case, a slide deck, a web article, a Markdown
report. Small synthetic documents written here (no real document, no eval document)."""

from __future__ import annotations

import textwrap

from proeftuin.ingestion.limits import Limits
from proeftuin.ingestion.normalise import normalise
from proeftuin.ingestion.parsers import parse_bytes
from proeftuin.ingestion.parsers.samples import make_pdf
from proeftuin.ingestion.pipeline import run_pipeline
from proeftuin.ingestion.structure import names

STORY = (
    "De organisatie merkte dat inwoners vaak niet wisten waar zij terecht konden. Daarom is "
    "een nieuwe werkwijze bedacht en met inwoners getest in twee wijken, in korte rondes. "
    "Medewerkers van drie afdelingen werkten daarbij samen en bespraken elke ronde."
)
CASES = [
    ("Een loket voor ouders", "Gemeente Zuidhaven | Jeugd | 2020-2022"),
    ("Heldere brieven", "Belastingkantoor Westland | Belastingen | 2021-2023"),
    ("Inspecties met beelden", "Omgevingsdienst Rivierland | Toezicht | 2022-heden"),
]


def _chapter(number: int, title: str, meta: str) -> list:
    lines: list = [(f"{number} {title}", 16, "bold"), (meta, 12, "bold"), ""]
    for sub in ("Aanleiding", "Aanpak", "Resultaten"):
        lines += [(sub, 14, "bold"), *textwrap.wrap(STORY, 80), ""]
    return [*lines, ("Contact", 14, "bold"), f"Vragen over hoofdstuk {number}? Mail ons.", ""]


def casebook_pdf() -> bytes:
    header = [("Drie praktijken van dienstverlening", 9), "", ""]
    cover = [("Drie praktijken van dienstverlening", 24, "bold"), "", "Juni 2024"]
    toc = [*header, ("Inhoud", 14, "bold"), "", "1 Overzicht van de praktijken .......... 3"]
    toc += [f"{n} {t} .......... {n + 2}" for n, (t, _) in enumerate(CASES, 2)]
    overview = [*header, ("1 Overzicht van de praktijken", 16, "bold"), "", STORY[:75], ""]
    overview += ["Praktijk Organisatie Thema Looptijd"]
    overview += [f"{t} {m.replace(' | ', ' ')}" for t, m in CASES]
    pages = [cover, toc, overview]
    pages += [[*header, *_chapter(n, t, m)] for n, (t, m) in enumerate(CASES, 2)]
    return make_pdf(pages)


def _fields(items) -> dict:
    out: dict = {}
    for item in items:
        out.setdefault(item.field, item.value)
    return out


def test_a_casebook_chapter_is_a_case_with_the_organisation_and_period_under_its_title():
    result = run_pipeline(casebook_pdf(), "casebook.pdf")
    found = [(part.title, _fields(items)) for part, items in result.cases]
    assert [title for title, _ in found] == [t for t, _ in CASES]
    assert [f["organisation.name"] for _, f in found] == [
        "Gemeente Zuidhaven",
        "Belastingkantoor Westland",  # the first field of the meta line, by its position
        "Omgevingsdienst Rivierland",
    ]
    assert [(f["year_start"], f.get("year_end")) for _, f in found] == [
        (2020, 2022),
        (2021, 2023),
        (2022, None),  # "2022-heden": still running, no end
    ]


def test_the_cover_title_survives_when_it_is_also_the_running_header():
    doc = normalise(parse_bytes(casebook_pdf(), "casebook.pdf", Limits()))
    assert doc.front.title == "Drie praktijken van dienstverlening"
    # the overview table's row starting with a chapter title is not that chapter
    listed = [h.text for h in doc.structure.outline if h.in_toc]
    assert listed[1:] == [t for t, _ in CASES]


def test_a_long_compound_word_is_no_given_name():
    assert names.persons("Terugmeldvoorziening Waterketenkaart") == []
    assert [p.text for p in names.persons("Bartholomeus de Vries")] == ["Bartholomeus de Vries"]
