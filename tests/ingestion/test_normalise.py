"""Normalisation: the repairs one by one, offsets and pages, and the real corpus."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from proeftuin.ingestion.normalise import normalise
from proeftuin.ingestion.parsers import parse_bytes
from proeftuin.ingestion.parsers.samples import make_docx
from proeftuin.ingestion.types import NormalisedDocument, ParsedDocument

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
GLYPHS = "●•¶▪\uf0b7"


def run(*pages: str, fmt: str = "text", **metadata) -> NormalisedDocument:
    doc = normalise(ParsedDocument(fmt, list(pages), metadata=metadata))
    assert_consistent(doc, len(pages))
    return doc


def assert_consistent(doc: NormalisedDocument, page_count: int) -> None:
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() and block.text
    assert [p.number for p in doc.pages] == list(range(1, page_count + 1))
    assert doc.pages[0].start == 0 and doc.pages[-1].end == len(doc.text)
    for before, after in zip(doc.pages, doc.pages[1:], strict=False):
        assert before.end == after.start and before.start <= before.end


def texts(doc: NormalisedDocument, kind: str | None = None) -> list[str]:
    return [b.text for b in doc.blocks if kind is None or b.kind == kind]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Het was een luid-", "ruchtig feest."], "Het was een luidruchtig feest."),
        (["Wij werken in Noord-", "Holland aan een plan."], "Wij werken in Noord-Holland aan"),
        (["Het nieuwe ICT-systeem werkt nu."], "Het nieuwe ICT-systeem werkt nu."),
        (["Er is veel nieuwe wet-", "en regelgeving."], "Er is veel nieuwe wet- en regelgeving."),
        (["Zij haalde de prestatie-", "indicator ruim."], "Zij haalde de prestatie-indicator"),
        (["Een regio-", "expert belde."], "Een regio-expert belde."),
        (["Een serieuze en seri-", "euze zaak."], "Een serieuze en serieuze zaak."),
        (["In de periode 2014-", "2017 ging het goed."], "In de periode 2014-2017 ging"),
        (["Diverse opleidings-", ", trainings- en coachingstrajecten."], "opleidings-, trainings-"),
        (["De bio-raffinage groeit; de bio-", "raffinage loont."], "de bio-raffinage loont"),
        (["InAxis groeide. Het team van In-", "Axis werkte hard."], "Het team van InAxis werkte"),
        (["Dit is een zin -", "met een gedachtestreep."], "Dit is een zin - met een"),
        (["Een lange zin die hard is afgebroken", "midden in de zin."], "afgebroken midden in"),
    ],
)
def test_line_end_hyphens_and_wrapped_lines(lines, expected):
    doc = run("\n".join(lines))
    assert len(doc.blocks) == 1
    assert expected in doc.blocks[0].text


def test_blank_lines_inside_a_sentence_are_soft():
    doc = run(
        "Sinds 2014 wordt de verkiezing georganiseerd door \n\nde Vereniging voor "
        "Overheidsmanagement met steun van het Ministerie van \n\nBinnenlandse Zaken.\n"
    )
    assert texts(doc) == [
        "Sinds 2014 wordt de verkiezing georganiseerd door de Vereniging voor "
        "Overheidsmanagement met steun van het Ministerie van Binnenlandse Zaken."
    ]


def test_paragraph_breaks():
    doc = run(
        "Eerste alinea eindigt hier.\n\nTweede alinea, na een lege regel.\n \n"
        "zonder hoofdletter na een regel met alleen spaties.\n\n\nen na twee lege regels.\n"
        "Een lange regel tekst die doorloopt tot aan de rand van de kolom, en\n"
        "daar eindigt.\nEen nieuwe alinea begint op de volgende regel zonder witregel.\n"
    )
    assert texts(doc) == [
        "Eerste alinea eindigt hier.",
        "Tweede alinea, na een lege regel.",
        "zonder hoofdletter na een regel met alleen spaties.",
        "en na twee lege regels.",
        "Een lange regel tekst die doorloopt tot aan de rand van de kolom, en daar eindigt.",
        "Een nieuwe alinea begint op de volgende regel zonder witregel.",
    ]


def test_page_numbers_and_running_headers_are_removed():
    words = ["zon", "maan", "regen", "wind", "sneeuw"]
    pages = [
        f"Jaarverslag Gemeente Proefstad {n}\nTekst over {word} loopt door.\n"
        f"Nog een zin over {word}.\n{n}\n"
        for n, word in enumerate(words, 1)
    ]
    pages[1] += "- 2 -\n"
    pages[2] += "Pagina 3 van 5\n"
    pages[3] = pages[3].replace("Nog een zin", "\n2014\n\nNog een zin")
    doc = run(*pages)
    assert "Jaarverslag" not in doc.text
    assert not re.search(r"^\s*(- )?\d{1,3}( -)?\s*$|Pagina 3 van", doc.text, re.MULTILINE)
    assert "2014" in texts(doc)  # a year on its own line is no page number
    assert [b.page for b in doc.blocks if b.text.startswith("Tekst over")] == [1, 2, 3, 4, 5]


SECTION_BODY = (
    "De gemeente heeft samen met partners een proef gedaan met deelvervoer in de\n"
    "wijk en daarbij veel geleerd over de samenwerking met bewoners.\n"
)


@pytest.mark.parametrize(
    "headings",
    [
        ["Casus 1", "Casus 2", "Casus 3", "Casus 4", "Casus 5"],  # digits masked: alike
        ["Inleiding", "Aanleiding", "Aanpak", "Resultaten", "Lessen"],
    ],
)
def test_sections_that_start_alike_are_no_running_header(headings):
    """A heading and the first line under it at the top of every page are no furniture
    when what follows them is the same on each page: the sections are worded alike."""
    pages = ["Verslag van de proeven\n"] + [f"{h}\n\n{SECTION_BODY}" for h in headings]
    doc = run(*pages)
    assert [b.text for b in doc.blocks if b.kind == "heading"][1:] == headings
    starts = [b for b in doc.blocks if b.text.startswith("De gemeente heeft samen")]
    assert [b.page for b in starts] == [2, 3, 4, 5, 6]
    assert doc.metadata["running_lines"] == []
    one_page = run("Verslag van de proeven\n\n" + "\n".join(p for p in pages[1:]))
    assert [b.text for b in one_page.blocks if b.kind == "heading"][1:] == headings


def test_running_header_over_sections_that_start_alike_is_still_removed():
    headings = ["Inleiding", "Aanleiding", "Aanpak", "Resultaten", "Lessen"]
    pages = [f"Rapport Proefstad {n}\n{h}\n\n{SECTION_BODY}" for n, h in enumerate(headings)]
    doc = run(*pages)
    assert "Rapport Proefstad" not in doc.text
    assert [b.text for b in doc.blocks if b.kind == "heading"] == headings


@pytest.mark.parametrize("glyph", ["●", "•", "¶", "-", "*", "▪", "\uf0b7"])
def test_bullet_glyphs_are_unified(glyph):
    doc = run(f"Lijst:\n{glyph} eerste punt\n{glyph} tweede punt dat over\ntwee regels loopt\n")
    assert texts(doc, "bullet") == ["eerste punt", "tweede punt dat over twee regels loopt"]


def test_bullet_glyph_behind_the_text():
    doc = run(
        "De volgende zaken zijn essentieel:\n\nSamenspel tussen bestuur en ambtenaren.•\t\n"
        " •\t Investeren in vertrouwen van twee kanten, maar \nook bestuur en personeel.\n"
        "Een vrijbuitersplaats.•\t  Aan de rand van een ministerie.\n"
        "Grenszoekend en grensverleggend•\t . Het initiatief durft.\n"
    )
    assert texts(doc, "bullet") == [
        "Samenspel tussen bestuur en ambtenaren.",
        "Investeren in vertrouwen van twee kanten, maar ook bestuur en personeel.",
        "Een vrijbuitersplaats. Aan de rand van een ministerie.",
        "Grenszoekend en grensverleggend. Het initiatief durft.",
    ]
    assert not any(glyph in doc.text for glyph in GLYPHS)


def test_headings():
    doc = run(
        " INLEIDING  \nDe tekst begint hier en loopt door tot het einde van de regel.\n \n"
        "JEUGDBESCHERMING REGIO \nAMSTERDAM  \n \nHet doel is dat ieder kind veilig opgroeit.\n\n"
        "3.2 Resultaten van het onderzoek\n\nDe resultaten zijn goed.\n\n"
        "Inleiding14.1 \n\nWeinig mensen weten dit.\n\n"
        "Belangrijke lessen\nDe volgende zaken zijn essentieel voor iedereen:\n"
    )
    headings = [(b.text, b.level) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        ("INLEIDING", 1),
        ("JEUGDBESCHERMING REGIO AMSTERDAM", 1),
        ("3.2 Resultaten van het onderzoek", 2),
        ("14.1 Inleiding", 2),
        ("Belangrijke lessen", 0),
    ]
    assert "De volgende zaken zijn essentieel voor iedereen:" in texts(doc, "paragraph")


def test_sentences_are_not_headings():
    doc = run(
        "Dit is een korte zin.\n\nHet doel van Jeugdbescherming Regio \nAmsterdam is "
        "dat ieder kind nu en in volgende \ngeneraties veilig kan groeien.\n"
    )
    assert texts(doc, "heading") == []
    assert len(doc.blocks) == 2


def test_markdown_headings_and_lists():
    doc = run(
        "# Titel\n\nEen alinea\nover twee regels.\n\n## Deel\n\n- punt\n* ander punt\n",
        fmt="markdown",
        structure="markdown",
    )
    assert [(b.kind, b.text, b.level) for b in doc.blocks] == [
        ("heading", "Titel", 1),
        ("paragraph", "Een alinea over twee regels.", 0),
        ("heading", "Deel", 2),
        ("bullet", "punt", 0),
        ("bullet", "ander punt", 0),
    ]
    assert doc.title == "Titel"


def test_parser_markers_make_one_block_per_line():
    parsed = parse_bytes(
        make_docx(
            [
                ("Kop1", "Doel"),
                ("", "Geen punt aan het eind"),
                ("", "nog een alinea"),
                ("list", "een punt"),
                ("page", ""),
                ("Kop2", "Verder"),
            ]
        )
    )
    doc = normalise(parsed)
    assert_consistent(doc, 2)
    assert [(b.kind, b.text, b.level, b.page) for b in doc.blocks] == [
        ("heading", "Doel", 1, 1),
        ("paragraph", "Geen punt aan het eind", 0, 1),
        ("paragraph", "nog een alinea", 0, 1),
        ("bullet", "een punt", 0, 1),
        ("heading", "Verder", 2, 2),
    ]


def test_pages_and_a_paragraph_across_a_page_break():
    doc = run("Eerste pagina.\n\nDeze zin loopt door op", "de volgende pagina.\n\nSlot.", "", "4")
    assert texts(doc) == ["Eerste pagina.", "Deze zin loopt door op de volgende pagina.", "Slot."]
    assert [b.page for b in doc.blocks] == [1, 1, 2]
    second = doc.text.index("de volgende")
    assert doc.pages[1].start == second
    assert doc.page_at(second - 2) == 1 and doc.page_at(second) == 2
    assert doc.pages[2].start == doc.pages[2].end == doc.pages[3].end == len(doc.text)


def test_empty_document():
    doc = run("", "")
    assert doc.text == "" and doc.blocks == []


# -- the real corpus ---------------------------------------------------------------------------


def corpus(name: str) -> NormalisedDocument:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus not found: {path}")
    parsed = parse_bytes(path.read_bytes(), path.name)
    doc = normalise(parsed)
    assert_consistent(doc, len(parsed.pages))
    return doc


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")) or ["absent.txt"])
def test_corpus_invariants(name):
    doc = corpus(name)
    assert len(doc.blocks) > 20
    assert not any(glyph in doc.text for glyph in GLYPHS)
    assert not re.search(r"^\d{1,3}$", doc.text, re.MULTILINE)  # no bare page numbers
    assert not any("\n" in block.text for block in doc.blocks)
    assert "  " not in doc.text


def test_corpus_casebook_repairs():
    doc = corpus("casebook-beste-overheidsorganisatie-2014-2017.txt")
    text = doc.text
    for fixed in (
        "georganiseerd door de Vereniging voor Overheidsmanagement",
        "het aantal ondertoezichtstellingen met 50% afgenomen",
        "verpleegkundig specialisten",
        "prestatie-indicator",
        "wet- en regelgeving",
        "in heel Noord-Nederland",
        "de regio Rotterdam-Rijnmond",
    ):
        assert fixed in text, fixed
    bullets = texts(doc, "bullet")
    assert "Aantal medewerkers: 450" in bullets  # ● in the source
    assert "Aantal medewerkers: 2.200" in bullets  # ¶ in the source
    assert "Type organisatie: Zelfstandig bestuursorgaan" in bullets  # over a blank line
    headings = texts(doc, "heading")
    assert "JEUGDBESCHERMING REGIO AMSTERDAM" in headings
    assert "VEILIGHEIDSREGIO ROTTERDAM-RIJNMOND" in headings
    assert {"Openheid", "Intern leervermogen", "Maatschappelijke betrokkenheid"} <= set(headings)
    assert not {"9", "10", "11"} & set(texts(doc))


def test_corpus_inaxis_repairs():
    doc = corpus("cahier-inaxis-innovatie-bij-de-overheid.txt")
    assert "start in 2002 een uniek experiment: InAxis." in doc.text
    assert "Het vertrekpunt voor vernieuwing is niet een inhoudelijk beleidsvraagstuk" in doc.text
    assert "vernieuwende personeelsinstrumenten" in doc.text
    assert "zowel praktijkgericht- als" not in doc.text  # (that one is in the casebook)
    headings = {b.text: b.level for b in doc.blocks if b.kind == "heading"}
    assert headings["14.1 Inleiding"] == 2 and headings["14.9 Conclusies"] == 2
    assert {"Essentie van InAxis", "Belangrijke lessen", "Wat is gelukt, wat niet?"} <= set(
        headings
    )
    bullets = texts(doc, "bullet")
    assert "De politiek is tevreden over het gekozen model." in bullets
    assert (
        "Een vitale coalitie. Een commissie van topambtenaren en bestuurders steunt het "
        "initiatief, mensen in het land benutten de geboden ruimte en de programmaleiding "
        "durft de grenzen op te zoeken en soms te overschrijden." in bullets
    )
