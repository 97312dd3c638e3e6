"""Summary, lessons, outcomes, barriers, people and partners on small Dutch reports, the
calibration of confidences, and word-boundary quotes of every step on the real documents."""

import json
from pathlib import Path

import pytest

from proeftuin.ingestion.extraction import calibration, run_steps, steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.extraction.text import on_word_boundaries, snap
from proeftuin.ingestion.segment import segment, whole_document

MINE = {"summary", "lessons", "outcomes", "barriers", "people", "partners"}
SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV_DOCS = [
    "logius-ebms3-as4-eindrapport.pdf",
    "tilburg-publicatieportaal-woo.pdf",
    "vng-ggd-utrecht-kwetsbaarheid-handout.docx",
    "tk-aanhangsel-2020-2021-3235-tozo.odt",
]

REPORT = """Slimmer melden in Dorpstad

Auteurs:
Anna de Vries Piet Jansen

1. Samenvatting

De gemeente Dorpstad werkt samen met leverancier Meldwijs aan een nieuwe meldingsapp. \
Inwoners melden een kapotte lantaarnpaal nu met een foto. De afhandeltijd daalde van 9 \
naar 4 dagen.

2. Aanleiding

Vraagstelling
De vraag was of inwoners sneller geholpen kunnen worden.

3. Resultaten

Van de testpersonen konden 3 van de 8 testpersonen de melding zonder hulp afronden. \
72% van de deelnemers vond de app duidelijk. We hebben 12 inwoners geïnterviewd op \
18 mei 2023 om 11:53 uur. De deelnemers waren 18-65 jaar oud. Zie figuur 3 en vraag 1. \
De evaluatie wordt om de vier jaar herhaald. De pilot is een proef in de testgemeente \
Voorbeeldstad.

“Het werkt echt,” vertelt Karin Bos, projectleider bij de gemeente Dorpstad.

4. Conclusies en aanbevelingen

4.1 Conclusies

1) De app wordt goed gebruikt door inwoners. 2) Het koppelen met het zaaksysteem bleek \
complex en kostbaar. 3) De afhandeltijd is korter geworden.

4.2 Aanbevelingen

• Betrek inwoners vanaf het begin bij het ontwerp.
• Maak vooraf afspraken over het beheer van de koppeling.

Positief

• Melden met een foto werd gewaardeerd
• Duidelijke knoppen Negatief
• De kaart laadde traag op oudere telefoons

Een knelpunt was het gebrek aan budget voor de koppeling met het zaaksysteem.
"""


@pytest.fixture(scope="module")
def report():
    doc = normalise_text(REPORT)
    return doc, run_steps(doc, whole_document(doc))


def values(items, field):
    return [e.value for e in items if e.field == field]


def test_summary_is_the_documents_own_summary(report):
    doc, items = report
    (summary,) = [e for e in items if e.field == "summary"]
    assert summary.value.startswith("De gemeente Dorpstad werkt samen met leverancier Meldwijs")
    assert "daalde van 9 naar 4 dagen" in summary.value
    assert doc.text[summary.start : summary.end].startswith("De gemeente Dorpstad")


def test_summary_without_own_section_takes_central_sentences():
    text = (
        "Proef met deelauto's\n\n"
        "De gemeente Stad zette in 2021 een proef op met deelauto's voor ambtenaren. "
        "De deelauto's vervangen de eigen dienstauto's van de afdelingen. "
        "Ambtenaren reserveren een deelauto via een app op hun telefoon. "
        "Het weer was die zomer uitzonderlijk warm en droog.\n\n"
        "• 12 auto's\n• 3 locaties\n"
    )
    doc = normalise_text(text)
    (summary,) = values(run_steps(doc, whole_document(doc), ["summary"]), "summary")
    assert "deelauto" in summary
    assert "12 auto's" not in summary


def test_lessons_from_conclusions_recommendations_and_labels(report):
    _, items = report
    lessons = {v["text"]: v["kind"] for v in values(items, "lessons")}
    assert lessons["De app wordt goed gebruikt door inwoners."] == "worked"
    assert lessons["Het koppelen met het zaaksysteem bleek complex en kostbaar."] == "pitfall"
    assert lessons["Betrek inwoners vanaf het begin bij het ontwerp."] == "success_factor"
    assert lessons["Melden met een foto werd gewaardeerd"] == "worked"
    assert lessons["Duidelijke knoppen"] == "worked"
    assert lessons["De kaart laadde traag op oudere telefoons"] == "did_not_work"
    assert not any(text.startswith(("Van de 8", "72%")) for text in lessons)


def test_outcomes_are_results_never_numbers_of_another_kind(report):
    _, items = report
    found = {(v["value"], v["unit"]) for v in values(items, "outcomes")}
    assert (4, "days") in found  # "daalde van 9 naar 4 dagen"
    assert (72, "percent") in found  # a share of the participants that judged
    assert (3, "count") in found  # "3 van de 8 testpersonen"
    junk = [(8, "count"), (12, "count"), (18, "count"), (53, "count"), (65, "years")]
    junk += [(1, "count"), (4, "years"), (2023, "count")]
    assert not set(junk) & found


def test_outcome_confidence_separates_results_from_context():
    text = (
        "Dorp telt 7500 inwoners. Het project liep twee jaar. "
        "Het aantal klachten daalde met 40% ten opzichte van 2019."
    )
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["outcomes"])
    found = {(e.value["value"], e.value["unit"]): e.confidence for e in items}
    assert (40, "percent") in found and found[(40, "percent")] >= 0.8
    assert (7500, "count") not in found and (2, "years") not in found


def test_people_from_author_line_quote_and_no_heading_words(report):
    _, items = report
    people = {v["name"]: v for v in values(items, "people")}
    assert people["Anna de Vries"]["role"] == "auteur"
    assert people["Piet Jansen"]["role"] == "auteur"
    assert people["Karin Bos"]["role"].startswith("projectleider bij de gemeente Dorpstad")
    assert not any(name.startswith(("Vraagstelling", "Aanleiding")) for name in people)


def test_byline_with_affiliations():
    text = (
        "Kwetsbaarheid in de regio\n\n"
        "door Mark Jansen (VNG), Els Smit (GGD-regio Noord), Lot Berg en Jan de Wit "
        "(Volksgezondheid, gemeente Noord)\n\nDoel\n\nHet doel van de analyse is inzicht."
    )
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["organisation.name", "people", "partners"])
    people = {v["name"]: v for v in values(items, "people")}
    assert set(people) == {"Mark Jansen", "Els Smit", "Lot Berg", "Jan de Wit"}
    assert people["Lot Berg"]["organisation_name"] == "Volksgezondheid, gemeente Noord"
    partners = {v["name"] for v in values(items, "partners")}
    lead = set(values(items, "organisation.name"))
    assert lead and not lead & partners  # the lead organisation is never its own partner
    assert {"GGD-regio Noord", "Gemeente Noord"} <= partners


def test_partners_never_lead_place_test_or_cut_off(report):
    _, items = report
    partners = {v["name"] for v in values(items, "partners")}
    assert "Meldwijs" in partners
    assert not any("Dorpstad" in name for name in partners)  # the lead organisation
    assert not any("Voorbeeldstad" in name or "test" in name.lower() for name in partners)


def test_barrier_category(report):
    _, items = report
    barriers = values(items, "barriers")
    assert {"category": "financial", "text": barriers[-1]["text"]} in barriers
    assert barriers[-1]["text"].startswith("Een knelpunt was het gebrek aan budget")


def test_calibration_maps_raw_scores_monotonically(monkeypatch):
    monkeypatch.setattr(calibration, "table", lambda: {"lessons": [(0.5, 0.6), (0.8, 0.95)]})
    assert calibration.calibrate("lessons", 0.3) == 0.3  # below every block: raw, capped
    assert calibration.calibrate("lessons", 0.6) == 0.6
    assert calibration.calibrate("lessons", 0.85) == 0.95
    assert calibration.calibrate("people", 0.42) == 0.42  # no table: raw kept


def test_calibration_drops_weak_outcomes_unless_raw_mode(monkeypatch):
    doc = normalise_text("Op de markt stonden 75 kramen.")
    monkeypatch.delenv("PROEFTUIN_RAW_CONFIDENCE", raising=False)
    assert not values(run_steps(doc, whole_document(doc), ["outcomes"]), "outcomes")
    monkeypatch.setenv("PROEFTUIN_RAW_CONFIDENCE", "1")
    raw = run_steps(doc, whole_document(doc), ["outcomes"])
    assert raw and raw[0].confidence < calibration.MIN_RAW["outcomes"]
    monkeypatch.setenv("PROEFTUIN_RAW_CONFIDENCE", "shown")  # raw scores of what is shown
    assert not values(run_steps(doc, whole_document(doc), ["outcomes"]), "outcomes")
    saved = normalise_text("Er is 40.000 euro bespaard.")
    (shown,) = run_steps(saved, whole_document(saved), ["outcomes"])
    assert shown.confidence == 0.75  # the raw score, not its calibrated confidence


def test_fitted_calibration_file_is_valid():
    data = json.loads(calibration.DATA.read_text(encoding="utf-8"))
    for field, entry in data["fields"].items():
        points = entry["points"]
        assert [p[0] for p in points] == sorted(p[0] for p in points), field
        assert [p[1] for p in points] == sorted(p[1] for p in points), field
        assert all(0 < p[1] < 1 for p in points), field


def test_snap_moves_spans_to_word_boundaries():
    text = "De afhandeltijd daalde sterk."
    assert snap(text, 5, 12) == (3, 15)
    assert on_word_boundaries(text, *snap(text, 5, 12))
    assert not on_word_boundaries(text, 5, 12)


def _documents():
    from proeftuin.ingestion.normalise import normalise
    from proeftuin.ingestion.parsers import parse_bytes

    for name in DEV_DOCS:
        path = SHARED / "realdocs" / name
        if path.exists():
            yield name, normalise(parse_bytes(path.read_bytes(), name))
    for name in ("cahier-inaxis-innovatie-bij-de-overheid.txt",):
        path = SHARED / "corpus" / name
        if path.exists():
            yield name, normalise(parse_bytes(path.read_bytes(), name))


@pytest.mark.skipif(not (SHARED / "realdocs").is_dir(), reason="shared/realdocs not present")
def test_every_quote_of_every_step_lies_on_word_boundaries():
    checked = 0
    for name, doc in _documents():
        parts = [*segment(doc), whole_document(doc)]
        for part in parts:
            for item in run_steps(doc, part, steps.names()):
                quote = doc.text[item.start : item.end]
                if item.step in MINE:
                    assert quote.strip(), (name, item.field)
                assert on_word_boundaries(doc.text, item.start, item.end), (
                    name,
                    item.field,
                    quote[:60],
                )
                checked += 1
    assert checked > 100


def test_barriers_under_a_heading_of_obstacles_and_weaker_cues():
    text = (
        "Evaluatie pilot\n\nDe pilot liep van 2022 tot 2023.\n\n4.2 Knelpunten\n\n"
        "De planning van de adviseurs bleek niet altijd te passen.\n\n"
        "Het ontbreekt aan een gezamenlijk systeem om stukken te delen.\n\n"
        "Resultaten\n\nDe uitvoering duurde te lang voor de bewoners."
    )
    doc = normalise_text(text)
    found = {v["text"]: v for v in values(run_steps(doc, whole_document(doc), ["barriers"]),
                                             "barriers")}  # fmt: skip
    assert "De planning van de adviseurs bleek niet altijd te passen." in found
    assert "Het ontbreekt aan een gezamenlijk systeem om stukken te delen." in found
    assert "De uitvoering duurde te lang voor de bewoners." in found
    assert not any(text.split()[-1] == "Knelpunten" for text in found)  # never the heading


def test_a_slide_deck_without_running_text_gets_its_opening_lines_as_summary():
    text = (
        "Terugmeldvoorziening Kaart\n\nGezamenlijke proef:\n\nKnooppunt Noord + bronhouders\n\n"
        "• Vraaggericht portaal sinds 2017\n• Open Source\n• Data bij de bron\n\n"
        "Doelen\n\n• Kosten besparen\n• Kwaliteit verbeteren\n"
    )
    doc = normalise_text(text)
    (summary,) = values(run_steps(doc, whole_document(doc), ["summary"]), "summary")
    assert summary.startswith("Terugmeldvoorziening Kaart")
    assert "Knooppunt Noord" in summary
