"""Segmentation: synthetic documents of several shapes, and the real corpus when present."""

from pathlib import Path

import pytest

from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import segment
from proeftuin.ingestion.types import Block, NormalisedDocument, PageSpan

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus not present")

PROFILE_CASE = """{title}

● Aantal medewerkers: {staff}
● Domein: Water
● Bestuurslaag: Regionaal
● Type organisatie: Waterschap
● www.{site}.nl

{name} zorgt voor schoon water in de regio.

Openheid
{name} publiceert alle besluiten op de website.

Innovatie
{name} test nieuwe gemalen met partners uit de markt.
"""


def casebook_text() -> str:
    cases = [
        PROFILE_CASE.format(title="WATERSCHAP NOORD", staff="400", site="noord", name="Noord"),
        PROFILE_CASE.format(title="WATERSCHAP ZUID", staff="ruim 600", site="zuid", name="Zuid"),
        PROFILE_CASE.format(title="WATERSCHAP OOST", staff="20-25", site="oost", name="Oost"),
    ]
    intro = "INLEIDING\nDit boek beschrijft drie waterschappen.\n\n"
    outro = "ANALYSE\nAlle drie de waterschappen zijn open over hun werk.\n"
    return intro + "\n".join(cases) + "\n" + outro


def test_repeated_profiles_give_one_segment_per_organisation():
    doc = normalise_text(casebook_text())
    parts = segment(doc)
    assert [p.title for p in parts] == ["WATERSCHAP NOORD", "WATERSCHAP ZUID", "WATERSCHAP OOST"]
    assert {p.kind for p in parts} == {"casebook-profile"}
    assert "ANALYSE" not in doc.text[parts[-1].start : parts[-1].end]
    assert doc.text[parts[0].start :].startswith("WATERSCHAP NOORD")


EXPERIMENT = """{number} {title}

{title} begon in 2005 met een proef in de wijk.

Wat is gelukt, wat niet?
• De wachttijd is gehalveerd.
• De nieuwe werkwijze kan nog beter worden vastgelegd.

Belangrijke lessen
• Betrek de uitvoering vanaf het begin.
• Het is lastig om alle partners mee te krijgen.
"""


def test_numbered_sections_with_outcome_lists_are_experiments():
    text = (
        "1 Inleiding\n\nDit rapport gaat over proeven.\n\n"
        + "\n".join(
            EXPERIMENT.format(number=f"2.{i}", title=t)
            for i, t in enumerate(["Proef A", "Proef B"], 1)
        )
        + "\n3 Conclusies\n\nProeven helpen.\n"
    )
    parts = segment(normalise_text(text))
    assert [(p.title, p.kind) for p in parts] == [
        ("Proef A", "experiment"),
        ("Proef B", "experiment"),
    ]


def test_unnumbered_stories_are_split_where_the_lists_repeat():
    story = (
        "{title}\n\nIn {title} werkten teams samen aan snellere vergunningen. Dat kostte "
        "een jaar.\n\nWat werkte goed\n- Eén loket voor ondernemers.\n- Snellere besluiten.\n\n"
        "Lessen\n- Begin klein.\n- Houd de raad op de hoogte.\n\n"
    )
    text = "Inleiding bij drie verhalen\n\n" + "".join(
        story.format(title=t) for t in ("Gemeente Aa", "Gemeente Bee", "Gemeente Cee")
    )
    parts = segment(normalise_text(text))
    assert len(parts) == 3
    assert [p.kind for p in parts] == ["experiment"] * 3
    assert parts[1].title == "Gemeente Bee"


def test_repeated_heading_cycles_are_case_studies():
    case = (
        "Project {n}\n\nAanleiding\nHet probleem in {n} was groot: wachtrijen, klachten en "
        "dubbel werk.\n\nAanpak\nWe begonnen met een pilot van drie maanden in twee wijken, "
        "samen met de uitvoering.\n\nResultaat\nDe pilot werd de standaard voor de hele "
        "organisatie en de wachttijd halveerde.\n\n"
    )
    text = "".join(case.format(n=n) for n in ("Alfa", "Beta", "Gamma")) + "SLOTWOORD\nDank.\n"
    parts = segment(normalise_text(text))
    assert [p.title for p in parts] == ["Project Alfa", "Project Beta", "Project Gamma"]
    assert {p.kind for p in parts} == {"case-study"}


def test_a_single_story_is_the_whole_document():
    text = "Een mooi verhaal\n\nDe gemeente probeerde iets nieuws. Het werkte.\n\nSlot\nKlaar."
    doc = normalise_text(text)
    parts = segment(doc)
    assert len(parts) == 1
    assert (parts[0].kind, parts[0].start, parts[0].end) == ("whole-document", 0, len(doc.text))


def test_a_heading_glued_to_the_end_of_a_paragraph_still_opens_its_list():
    paragraphs = []
    for title in ("Proef A", "Proef B"):
        paragraphs += [
            ("heading", f"{title}"),
            ("paragraph", f"{title} liep een jaar. Wat is gelukt, wat niet?"),
            ("bullet", "Het werkte."),
            ("heading", "Belangrijke lessen"),
            ("bullet", "Begin klein."),
        ]
    doc = _blocks_doc(paragraphs)
    parts = segment(doc)
    assert [p.kind for p in parts] == ["experiment", "experiment"]


def _blocks_doc(items: list[tuple[str, str]]) -> NormalisedDocument:
    blocks, text = [], ""
    for kind, body in items:
        start = len(text) + (2 if text else 0)
        text = f"{text}\n\n{body}" if text else body
        blocks.append(Block(kind, body, start, start + len(body), 1))
    return NormalisedDocument("text", text, blocks, [PageSpan(1, 0, len(text))])


def corpus_doc(name: str) -> NormalisedDocument:
    return normalise_text((CORPUS / name).read_text(encoding="utf-8"))


@needs_corpus
def test_casebook_has_thirteen_finalists():
    parts = segment(corpus_doc("casebook-beste-overheidsorganisatie-2014-2017.txt"))
    assert len(parts) == 13
    assert parts[0].title == "JEUGDBESCHERMING REGIO AMSTERDAM"
    assert parts[-1].title == "WATERSCHAP BRABANTSE DELTA"


@needs_corpus
def test_inaxis_cahier_has_four_experiments():
    parts = segment(corpus_doc("cahier-inaxis-innovatie-bij-de-overheid.txt"))
    assert [p.kind for p in parts] == ["experiment"] * 4
    assert parts[0].title == "Ten Boer besteedt zich uit"
    assert parts[2].title.startswith("Horecaloket Amsterdam")


@needs_corpus
@pytest.mark.parametrize(
    "name",
    [
        "rapport-samen-werken-aan-vernieuwing.txt",
        "verslag-werkconferentie-samenwerkende-overheid.txt",
    ],
)
def test_other_reports_are_one_whole_document(name):
    parts = segment(corpus_doc(name))
    assert [p.kind for p in parts] == ["whole-document"]


@needs_corpus
def test_segments_with_the_real_normaliser():
    normalise = pytest.importorskip("proeftuin.ingestion.normalise").normalise
    from proeftuin.ingestion.parsers import parse_bytes

    path = CORPUS / "casebook-beste-overheidsorganisatie-2014-2017.txt"
    parts = segment(normalise(parse_bytes(path.read_bytes(), path.name)))
    assert len(parts) == 13


def test_a_report_of_another_shape_with_lesson_lists():
    case = (
        "Casus {n}: Gemeente {name}\n\nAanleiding\nDe gemeente {name} had lange wachttijden bij "
        "de Wmo. Er waren 1.200 aanvragen per jaar.\n\nAanpak\nEen team van 12 medewerkers "
        "werkte zes maanden aan een nieuwe werkwijze.\n\nResultaten\nDe wachttijd daalde met "
        "40%.\n\nLessen\n- Begin met de problemen van inwoners.\n- Pas de ICT op tijd aan.\n\n"
    )
    names = ["Aa", "Bee", "Cee"]
    text = "Inleiding\n\nDit rapport beschrijft drie gemeenten.\n\n"
    text += "".join(case.format(n=i, name=n) for i, n in enumerate(names, 1))
    doc = normalise_text(text + "Conclusies\n\nSamenwerken loont.\n")
    parts = segment(doc)
    assert [p.title for p in parts] == [f"Casus {i}: Gemeente {n}" for i, n in enumerate(names, 1)]
    assert {p.kind for p in parts} == {"case-study"}
    assert "Conclusies" not in doc.text[parts[-1].start : parts[-1].end]


def _real(text: str) -> NormalisedDocument:
    from proeftuin.ingestion.normalise import normalise
    from proeftuin.ingestion.parsers import parse_bytes

    return normalise(parse_bytes(text.encode(), "rapport.txt"))


STORY_TEXT = (
    "De gemeente Zuidhaven startte een pilot met een app voor meldingen over de openbare "
    "ruimte. Inwoners sturen een foto en de locatie mee en volgen de afhandeling."
)


def test_a_table_of_contents_never_triggers_the_repeated_heading_rule():
    toc = "Inhoud\n\n" + "\n".join(
        f"{n} {t} .......... {n + 2}" for n, t in enumerate(["Aanleiding", "Aanpak", "Lessen"], 1)
    )
    body = "\n\n".join(
        f"{n} {t}\n\n{STORY_TEXT}" for n, t in enumerate(["Aanleiding", "Aanpak", "Lessen"], 1)
    )
    doc = _real(f"Meldingen in Zuidhaven\n\n{toc}\n\n{body}\n")
    (part,) = segment(doc)
    assert part.kind == "whole-document" and part.title == "Meldingen in Zuidhaven"
    assert doc.text[part.start :].startswith("1 Aanleiding")


def test_front_and_back_matter_are_never_cases():
    lessons = "Belangrijke lessen\n- Begin klein.\n- Betrek de uitvoering.\n"
    text = (
        f"Voorwoord\n\n{STORY_TEXT}\n\n{lessons}\n"
        f"1 Aanleiding\n\n{STORY_TEXT}\n\n2 Aanpak\n\n{STORY_TEXT}\n\n"
        f"Bijlage 1 Interviews\n\n{STORY_TEXT}\n\n{lessons}"
    )
    doc = _real(text)
    parts = segment(doc)
    assert [p.kind for p in parts] == ["whole-document"]
    assert "Bijlage 1" not in doc.text[parts[0].start : parts[0].end]
