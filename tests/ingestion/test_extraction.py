"""Extraction steps on small Dutch documents, and on the real corpus when present."""

from pathlib import Path

import pytest
import yaml

from proeftuin.ingestion.extraction import (
    ThemeClassifier,
    install_theme_classifier,
    run_steps,
    steps,
)
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.extraction.barriers import categorise
from proeftuin.ingestion.extraction.lessons import classify
from proeftuin.ingestion.extraction.profile import domains, parse_value
from proeftuin.ingestion.extraction.text import compact, fold
from proeftuin.ingestion.segment import segment, whole_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared/corpus not present")

CASE = """{title}

● Aantal medewerkers: {staff}
● Domein: Veiligheid, financiën en
economie
● Bestuurslaag: Nationaal
● Type organisatie: Zelfstandig
bestuursorgaan
● www.{site} - dienst.nl

De {title} werkt voor het hele land. In 2015 daalde het verzuim met 20% en werd
€ 300.000 bespaard. Het aantal meldingen steeg van 400 naar 650 meldingen.

Openheid
De dienst publiceert haar besluiten. Gemeentesecretaris Anna de Vries, directeur van de
dienst, zegt dat regels van de wet soms in de weg staan.

Maatschappelijke betrokkenheid ‘Samen veilig’ is het motto van de dienst.
"""

OVERVIEW = "Nationaal\nUitvoeringsorganisatie\n{staff} medewerkers\nP.{page}\n\n"


def small_casebook() -> str:
    overview = OVERVIEW.format(staff=800, page=11) + OVERVIEW.format(staff=90, page=13)
    cases = (
        CASE.format(title="DIENST NOORD", staff="835", site="noord")
        + "\n"
        + CASE.format(title="DIENST ZUID", staff="circa 100", site="zuid")
    )
    return "OVERZICHT\n\n" + overview + cases + "\nANALYSE\nTot slot.\n"


def fields(items, name):
    return [e for e in items if e.field == name]


def test_every_step_is_registered_with_a_name_and_version():
    assert {
        "organisation.name",
        "organisation.profile",
        "organisation.overview",
        "years",
        "themes.headings",
        "outcomes",
        "lessons",
        "barriers",
        "people",
        "partners",
    } <= set(steps.names())
    assert all(step.version for step in steps)


def test_suggestions_cite_the_text_they_come_from():
    doc = normalise_text(small_casebook())
    for part in segment(doc):
        for item in run_steps(doc, part):
            assert 0 <= item.start < item.end <= len(doc.text)
            assert doc.quote(item.start, item.end).strip()
            assert 0 <= item.confidence <= 1
            assert item.step in steps and item.step_version


def test_profile_fields_and_overview_conflict():
    doc = normalise_text(small_casebook())
    first, second = segment(doc)
    items = run_steps(doc, first)
    assert fields(items, "organisation.name")[0].value == "Dienst Noord"
    staff = fields(items, "organisation.staff")
    assert [s.value for s in staff] == [{"exact": 835, "year": None}, {"exact": 800, "year": None}]
    assert staff[0].start != staff[1].start
    assert fields(items, "organisation.government_layer")[0].value == "national"
    assert fields(items, "organisation.organisation_type")[0].value == "zbo"
    assert fields(items, "organisation.domains")[0].value == ["safety", "taxes", "economy"]
    assert fields(items, "organisation.website")[0].value == "www.noord-dienst.nl"
    second_staff = [s.value for s in fields(run_steps(doc, second), "organisation.staff")]
    assert second_staff == [{"exact": 100, "year": None}, {"exact": 90, "year": None}]


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("staff", "circa 1200", {"exact": 1200, "year": 2014}),
        ("staff", "ruim 500", {"min": 500, "year": 2014}),
        ("staff", "20-25", {"min": 20, "max": 25, "year": 2014}),
        ("staff", "8.800", {"exact": 8800, "year": 2014}),
        (
            "government_layer",
            "Uitvoeringsorganisatie (Regiogericht en landelijk aangestuurd)",
            "national",
        ),
        ("government_layer", "Lokaal", "local"),
        ("organisation_type", "Gemeentelijk samenwerkingsverband", "joint_arrangement"),
        ("organisation_type", "Waterschap", "water_board"),
        ("organisation_type", "uitvoeringsorganisatie", "executive_agency"),
    ],
)
def test_dutch_profile_wording_maps_to_codes(field, text, expected):
    assert parse_value(field, text, 2014) == expected


def test_domains_from_wording():
    assert domains("Natuur, milieu en omgeving") == ["environment", "agriculture"]
    assert domains("Onderwijs") == ["education"]


def test_theme_passages_from_headings_including_a_glued_heading():
    doc = normalise_text(small_casebook())
    items = run_steps(doc, segment(doc)[0], ["themes.headings"])
    sections = {e.field: e.value for e in items}
    assert sections["sections.openness"].startswith("De dienst publiceert haar besluiten.")
    assert sections["sections.societal_engagement"].startswith("‘Samen veilig’")


def test_outcomes_are_typed_with_direction():
    text = (
        "Het verzuim daalde met 20% in 2015. De besparing was EUR 22 miljoen per jaar. "
        "Er werd € 300.000 bespaard. De formatie ging van 52 fte naar 12,4 fte. "
        "Sinds 2014 zijn er 7900 medewerkers herplaatst. Met de nieuwe aanpak zijn in 2016 ruim "
        "tweehonderd gezinnen geholpen, en de pilot duurde negen maanden. Hierin werden "
        "ook 4.000 gezinnen ondersteund."
    )
    doc = normalise_text(text)
    found = {
        (e.value["value"], e.value["unit"]): e.value
        for e in run_steps(doc, whole_document(doc), ["outcomes"])
    }
    assert found[(20, "percent")]["direction"] == "decrease"
    assert found[(20, "percent")]["period"] == "2015"
    assert found[(22_000_000, "eur")]["kind"] == "financial"
    assert found[(300_000, "eur")]["direction"] == "decrease"
    assert found[(12.4, "fte")]["baseline"] == "van 52 fte"
    assert (7900, "count") in found and (200, "count") in found
    assert (9, "months") not in found  # how long the pilot ran is context, not a result
    assert (4000, "count") not in found  # people served as ordinary work: the caseload
    assert not any(value in (2014, 2015, 2016) for value, _ in found)


def test_lessons_under_outcome_and_lesson_headings():
    text = (
        "Proef\n\nWat is gelukt, wat niet?\nDe wachttijd is gehalveerd.•\n"
        " •\t De aanpak kan nog systematischer worden \nvastgelegd.\n\n"
        "Belangrijke lessen\nDe volgende zaken zijn essentieel:\n\n"
        "Draagvlak bij het bestuur.•\n•\tHet is lastig om partners mee te krijgen.\n\nSlot\n"
    )
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["lessons"])
    assert [(e.value["kind"], e.value["text"]) for e in items] == [
        ("worked", "De wachttijd is gehalveerd."),
        ("did_not_work", "De aanpak kan nog systematischer worden vastgelegd."),
        ("success_factor", "Draagvlak bij het bestuur."),
        ("pitfall", "Het is lastig om partners mee te krijgen."),
    ]


def test_lesson_kinds_from_cue_words():
    assert classify("Het waterketenhuis is niet gerealiseerd.", "worked") == "did_not_work"
    assert classify("De stuurgroep had meer overleg moeten voeren.", "lessons") == "pitfall"
    assert classify("Erkenning helpt bij het overtuigen.", "lessons") == "success_factor"


def test_barrier_categories():
    assert categorise(fold("De privacywet en regelgeving staan in de weg"))[0] == "legal"
    assert categorise(fold("Het ICT-systeem kon geen koppeling maken"))[0] == "technical"
    assert categorise(fold("De cultuur en angst voor fouten remmen"))[0] == "cultural"
    assert categorise(fold("Er is geen budget en de kosten stijgen"))[0] == "financial"
    assert categorise(fold("Onduidelijk wie er verantwoordelijk is"))[0] == "institutional"


def test_people_with_roles():
    text = (
        "In 2002 werd Rika Pot burgemeester van Dorp. Later zei burgemeester Pot dat het "
        "werkte. Hans Weggemans, programmamanager zorg van de gemeente Stad, was tevreden. "
        "Ook wethouder Jan van der Berg sprak. De Raad voor de Kinderbescherming deed mee."
    )
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["people", "partners"])
    people = {e.value["name"]: e.value["role"] for e in items if e.field == "people"}
    assert people["Rika Pot"] == "burgemeester"
    assert people["Hans Weggemans"].startswith("programmamanager zorg")
    assert people["Jan van der Berg"] == "wethouder"
    partners = [e.value["name"] for e in items if e.field == "partners"]
    assert "Raad voor de Kinderbescherming" in partners


def test_theme_classifier_learns_from_codings():
    model = ThemeClassifier().fit(
        [
            "Medewerkers krijgen opleiding, coaching en ruimte voor hun loopbaan.",
            "Het personeel waardeert de opleiding en het verzuim daalt.",
            "De organisatie publiceert alle besluiten en is transparant over kosten.",
            "Burgers kunnen alle documenten en resultaten openbaar inzien.",
            "Het weer was mooi tijdens de bijeenkomst.",
        ],
        ["employership", "employership", "openness", "openness", None],
    )
    assert model.labels == ["employership", "openness"]
    assert model.predict(["Nieuwe medewerkers volgen een opleiding."]) == ["employership"]
    proba = model.predict_proba("Alle besluiten zijn openbaar en transparant.")
    assert max(proba, key=proba.get) == "openness"
    assert ThemeClassifier.from_dict(model.to_dict()).predict_proba("opleiding") == (
        model.predict_proba("opleiding")
    )


def test_installed_classifier_labels_cases_without_theme_headings():
    model = ThemeClassifier().fit(
        ["opleiding medewerkers loopbaan personeel coaching"] * 3 + ["weer zon regen"] * 3,
        ["employership"] * 3 + [None] * 3,
    )
    paragraph = " ".join(["Medewerkers krijgen opleiding en coaching voor hun loopbaan."] * 6)
    doc = normalise_text(f"Verhaal\n\n{paragraph}\n")
    install_theme_classifier(model)
    try:
        items = run_steps(doc, whole_document(doc), ["themes.classifier"])
    finally:
        install_theme_classifier(None)
    assert [e.field for e in items] == ["sections.employership"]


def corpus_doc(name: str):
    return normalise_text((CORPUS / name).read_text(encoding="utf-8"))


@needs_corpus
def test_casebook_overview_and_profile_disagree_for_hhnk():
    doc = corpus_doc("casebook-beste-overheidsorganisatie-2014-2017.txt")
    hhnk = segment(doc)[1]
    staff = fields(run_steps(doc, hhnk), "organisation.staff")
    assert {s.value["exact"] for s in staff} == {835, 800}
    overview = next(s for s in staff if s.value["exact"] == 800)
    assert overview.start < hhnk.start  # cites the overview page, not the case


@needs_corpus
def test_inaxis_lessons_match_the_gold_set():
    gold = yaml.safe_load((ROOT / "eval" / "gold" / "inaxis.yaml").read_text())
    doc = corpus_doc(gold["document"])
    for part, case in zip(segment(doc), gold["cases"], strict=True):
        texts = [compact(e.value["text"]) for e in run_steps(doc, part, ["lessons"])]
        assert len(texts) == len(case["lessons"])
        for item, text in zip(case["lessons"], texts, strict=True):
            assert text.startswith(compact(item["text"]))


@needs_corpus
@pytest.mark.parametrize("name", ["casebook.yaml", "inaxis.yaml"])
def test_gold_fragments_are_verbatim_in_the_corpus(name):
    gold = yaml.safe_load((ROOT / "eval" / "gold" / name).read_text())
    text = compact((CORPUS / gold["document"]).read_text(encoding="utf-8"))
    for case in gold["cases"]:
        fragments = list(case.get("themes", {}).values())
        fragments += [item["text"] for item in case.get("lessons", [])]
        fragments += [figure["quote"] for figure in case.get("figures", [])]
        fragments += [person["name"] for person in case.get("people", [])]
        assert all(compact(f) in text for f in fragments)
