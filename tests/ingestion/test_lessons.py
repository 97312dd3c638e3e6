"""Lessons of a user-test report: the answers to its research questions (under a grouping
sub-heading and numbered or lettered questions) and labelled feedback lines under
sub-headings that are not of the lesson family; kinds from problem cues."""

import pytest

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.extraction.lessons import classify
from proeftuin.ingestion.segment import whole_document

REPORT = """Gebruikerstest van het meldpunt

1 Inleiding

De gemeente Dorpstad testte een nieuw meldpunt met inwoners. Dit verslag beschrijft de \
uitkomsten.

2 Resultaten

2.1 Antwoorden op de onderzoeksvragen

Algemeen

1 Is het meldpunt makkelijk te gebruiken?

Het meldpunt wordt door de meeste testers als makkelijk ervaren. Wel misten sommige testers \
een zoekfunctie en was de kaart niet voor iedereen duidelijk.

a) Is het formulier duidelijk?

Het formulier is duidelijk maar de volgorde kan beter. De velden zijn logisch ingedeeld.

b) Vinden testers de status van hun melding?

Niet alle testers vonden de status van hun melding terug. Zij zochten onder het menu.

2.2 Overig

Kaart

Positief: De kaart laadt snel en is overzichtelijk Negatief: Inzoomen werkt niet op een telefoon

Menu

Het menu moet aangepast worden zodat het aansluit bij de website Positief: Korte lijst met \
keuzes Negatief: De knop terug is onduidelijk.

3 Aanpassingen

We passen het formulier aan.
"""


@pytest.fixture(scope="module")
def lessons():
    doc = normalise_text(REPORT)
    items = run_steps(doc, whole_document(doc), ["lessons"])
    return {e.value["text"]: e.value["kind"] for e in items}


def test_answers_to_research_questions_are_lessons_without_their_questions(lessons):
    answers = [text for text in lessons if text.startswith(("Het meldpunt", "Het formulier"))]
    assert len(answers) == 2
    assert lessons[answers[0]] == "worked"  # its point: most testers found it easy
    assert lessons[answers[1]] == "worked"  # "duidelijk maar ... kan beter": positive point
    status = next(text for text in lessons if text.startswith("Niet alle testers"))
    assert lessons[status] == "did_not_work"  # a problem testers had: test feedback
    assert not any(text.endswith("?") or text == "Algemeen" for text in lessons)


def test_labelled_lines_under_other_sub_headings(lessons):
    assert lessons["De kaart laadt snel en is overzichtelijk"] == "worked"
    assert lessons["Inzoomen werkt niet op een telefoon"] == "did_not_work"
    assert lessons["Korte lijst met keuzes"] == "worked"
    assert lessons["De knop terug is onduidelijk."] == "did_not_work"
    # an unlabelled item before the labels, among test feedback: a change it needs
    opening = "Het menu moet aangepast worden zodat het aansluit bij de website"
    assert lessons[opening] == "did_not_work"
    assert "We passen het formulier aan." not in lessons


@pytest.mark.parametrize(
    ("text", "family", "kind"),
    [
        ("Er zijn opties. Geen van deze opties kan echter direct worden ingezet.", "findings",
         "pitfall"),
        ("De app is niet duidelijk voor oudere inwoners.", "findings", "pitfall"),
        ("De testers vonden de app niet duidelijk.", "findings", "did_not_work"),
        ("Het portaal is overzichtelijk. Wel zijn er niet altijd filters.", "findings",
         "worked"),
        ("De samenwerking verliep goed.", "findings", "worked"),
    ],
)  # fmt: skip
def test_kind_of_a_finding_from_its_point_and_problem_cues(text, family, kind):
    assert classify(text, family) == kind


def test_lessons_end_at_the_next_slide_question_and_skip_lead_ins_and_footers():
    from proeftuin.ingestion.extraction import run_steps
    from proeftuin.ingestion.extraction._fallback import normalise_text
    from proeftuin.ingestion.segment import whole_document

    text = (
        "Pilot sensoren\n\nWat we leerden\n\nOp basis van de pilot komen wij tot de volgende "
        "lessen.\n\n• Persoonlijk contact was doorslaggevend voor deelname\n"
        "• Een sms wordt beter gelezen dan een dashboard\n\n"
        "Gemeente Veld | Rapport pilot sensoren | 4\n\nHoe verder?\n\n"
        "• Meetnet uitbreiden naar meer bedrijven\n"
    )
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["lessons"])
    texts = [e.value["text"] for e in items if e.field == "lessons"]
    assert "Persoonlijk contact was doorslaggevend voor deelname" in texts
    assert not any("volgende" in t or "|" in t or "Meetnet" in t for t in texts)


@pytest.mark.parametrize(
    "table",
    [
        "| Wat ging goed | Wat kan beter |\n|---|---|\n| De fietsen werden veel gebruikt |"
        " De app was lastig voor ouderen |\n| Het onderhoud liep soepel | De stallingen lagen"
        " te ver weg |\n",
        "Wat ging goed | Wat kan beter\nDe fietsen werden veel gebruikt | De app was lastig"
        " voor ouderen\nHet onderhoud liep soepel | De stallingen lagen te ver weg\n",
    ],
)
def test_lessons_in_a_table_under_columns_of_the_lesson_family(table):
    from proeftuin.ingestion.extraction import run_steps
    from proeftuin.ingestion.extraction._fallback import normalise_text
    from proeftuin.ingestion.segment import whole_document

    doc = normalise_text("Pilot deelfietsen\n\nDe gemeente deed een proef.\n\n" + table)
    items = run_steps(doc, whole_document(doc), ["lessons"])
    kinds = {e.value["text"]: e.value["kind"] for e in items if e.field == "lessons"}
    assert kinds["De fietsen werden veel gebruikt"] == "worked"
    assert kinds["De app was lastig voor ouderen"] == "did_not_work"
    assert kinds["De stallingen lagen te ver weg"] == "did_not_work"
    assert not any("|" in text for text in kinds)


def test_a_lesson_told_as_what_happened_worked_and_advice_stays_a_success_factor():
    from proeftuin.ingestion.extraction.lessons import classify

    assert classify("Persoonlijk contact was doorslaggevend voor deelname", "lessons") == "worked"
    assert classify("Een sms wordt beter gelezen dan een dashboard", "lessons") == "worked"
    assert classify("Zorg dat de uitvoering goed klaarstaat", "lessons") == "success_factor"
    assert classify("Begin klein en breid daarna uit", "lessons") == "success_factor"


def test_lessons_in_a_word_table_read_as_one_line_per_cell():
    from proeftuin.ingestion.extraction import run_steps
    from proeftuin.ingestion.extraction._fallback import normalise_text
    from proeftuin.ingestion.segment import whole_document

    text = (
        "Pilot deelfietsen\n\nDe gemeente deed een proef met fietsen.\n\nWat ging goed\n\n"
        "Wat kan beter\n\nDe fietsen werden veel gebruikt.\n\nDe app was lastig voor ouderen."
        "\n\nHet onderhoud liep soepel.\n\nDe stallingen lagen te ver weg.\n"
    )
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["lessons"])
    kinds = {e.value["text"]: e.value["kind"] for e in items if e.field == "lessons"}
    assert kinds["Het onderhoud liep soepel."] == "worked"
    assert kinds["De app was lastig voor ouderen."] == "did_not_work"
    assert kinds["De stallingen lagen te ver weg."] == "did_not_work"
