"""The ingestion evaluation's scorer (eval/ingest_eval): match rules and scoring on synthetic
documents. Needs neither the database nor ../shared."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from ingest_eval import match
from ingest_eval.report import reliability
from ingest_eval.scoring import find_anchor, score_document


def test_text_match_accepts_the_item_and_its_opening_words():
    gold = "De kwaliteit van de dienstverlening is na uitbesteding niet gedaald."
    assert match.text_match("1. De kwaliteit van de dienstverlening is na uitbesteding", gold)
    assert match.text_match("De dienstverlening: kwaliteit na uitbesteding niet gedaald", gold)
    assert not match.text_match("De politiek is tevreden over het gekozen model.", gold)


def test_text_match_refuses_a_whole_paragraph_and_a_tiny_fragment():
    gold = "Sorteerfunctie werd gewaardeerd"
    paragraph = (
        "Sorteerfunctie werd gewaardeerd, filters op jaartal zijn handig, de categorie en "
        "thema filters werden nauwelijks gebruikt en de blauwe balk met acties werd niet gezien"
    )
    assert not match.text_match(paragraph, gold)
    assert not match.text_match("certificaten", "Het updaten van certificaten is het knelpunt")


def test_prefix_match_needs_four_words_and_a_short_suggestion():
    assert match.prefix_match(
        "Positief: Hoeveelheid resultaten wordt weergegeven",
        "Hoeveelheid resultaten wordt weergegeven",
    )
    assert not match.prefix_match("Duidelijke indeling van alles", "Duidelijke indeling")
    assert not match.prefix_match(
        "Open source producten " + "woord " * 100, "Open source producten zijn"
    )


def test_line_break_hyphens_and_accents_are_folded():
    assert match.tokens("luid- \nruchtig geïnterviewd") == ["luidruchtig", "geinterviewd"]


def test_name_match_drops_titles_articles_and_punctuation():
    assert match.name_match("dr. Frans van Basten", ["Frans van Basten"])
    assert match.name_match("de Belastingdienst", ["Belastingdienst"])
    assert match.name_match("GGD regio Utrecht", ["GGD-regio Utrecht"])
    assert not match.name_match("Frans van Basten Auteurs", ["Frans van Basten"])
    assert not match.name_match("Provincie Utrecht", ["VNG", "Gemeente Utrecht"])


def test_outcome_match_needs_value_and_unit():
    gold = {"value": 36, "unit": "percent"}
    assert match.outcome_match({"value": -36.0, "unit": "percent"}, gold)
    assert not match.outcome_match({"value": 36, "unit": "count"}, gold)
    assert not match.outcome_match({"value": 35, "unit": "percent"}, gold)
    assert match.outcome_match(
        {"value": 30, "unit": "count"}, {"value": 25, "value_max": 30, "unit": "count"}
    )


def test_title_match_by_jaccard():
    variants = ["Gebruikersonderzoek Publicatievoorziening Wet open overheid"]
    assert match.title_match(
        "Gebruikersonderzoek Publicatievoorziening Wet open overheid Gemeente Tilburg", variants
    )
    assert not match.title_match("3.2 Het samenstellen van de testgroep", variants)
    assert not match.title_match("Rapport", variants)


def test_assign_pairs_one_to_one_best_first():
    pairs = match.assign(
        ["a b", "a"], ["a", "a b"], lambda s, g: 1.0 if s == g else 0.5 if g in s else 0
    )
    assert pairs == {0: 1, 1: 0}


def test_phrase_coverage():
    text = "De gemeente werkt samen met leverancier Acato aan een publicatieplatform voor de Woo."
    assert (
        match.phrase_coverage(text, ["werkt samen met leverancier Acato", "Common Ground"]) == 0.5
    )


def test_find_anchor_ignores_case_and_white_space():
    text = "Inhoud\n\nEBMS3/AS4 als\nopvolger  van ebMS2"
    assert find_anchor(text, "ebMS3/AS4 als opvolger van") == 8
    assert find_anchor(text, "niet aanwezig") is None


def _item(field, value, confidence=0.9, start=0):
    return SimpleNamespace(
        field=field, value=value, confidence=confidence, step="t", start=start, end=start + 1
    )


def _result(text, segments):
    document = SimpleNamespace(text=text)
    cases = [
        (SimpleNamespace(title=t, start=s, end=e, kind="case-study"), items)
        for t, s, e, items in segments
    ]
    return SimpleNamespace(document=document, cases=cases)


GOLD = {
    "document": "x.pdf",
    "cases": [
        {
            "anchor": "Pilot terugmelden",
            "title": ["Pilot terugmelden"],
            "organisation": ["Gegevens Knooppunt Groningen", "GKG"],
            "year_start": [2018],
            "year_end": [2021, None],
            "summary": {"key_phrases": ["gezamenlijke proef terugmelden"]},
            "partners": [{"name": "Logius"}],
            "people": [{"name": "Jan Jansen", "role": "projectleider"}],
            "people_ignored": ["Piet Bron"],
            "lessons": [
                {"kind": "worked", "text": "Het terugmelden werkt in de praktijk"},
                {
                    "kind": "pitfall",
                    "text": "Certificaten en governance kosten tijd",
                    "optional": True,
                },
            ],
            "outcomes": [{"value": 40, "unit": "percent"}],
        }
    ],
}


def test_score_document_judges_every_field_and_records_suggestions():
    items = [
        _item("title", "Pilot terugmelden"),
        _item("organisation.name", "GKG"),
        _item("year_start", 2018),
        _item("summary", "Een gezamenlijke proef met terugmelden."),
        _item("partners", {"name": "Logius"}),
        _item("partners", {"name": "Gegevens Knooppunt Groningen"}, 0.5),
        _item("people", {"name": "Jan Jansen", "role": "projectleider"}),
        _item("people", {"name": "Piet Bron", "role": "auteur"}),
        _item("lessons", {"kind": "worked", "text": "Het terugmelden werkt in de praktijk."}),
        _item(
            "lessons",
            {"kind": "pitfall", "text": "Certificaten en governance kosten veel tijd"},
            0.6,
        ),
        _item("lessons", {"kind": "worked", "text": "Vraag 1 over iets anders helemaal"}, 0.3),
        _item("outcomes", {"value": 11, "unit": "count"}, 0.6),
    ]
    doc = score_document(
        GOLD, "heldout", _result("Pilot terugmelden ...", [("Pilot", 0, 20, items)])
    )
    case = doc.cases[0]
    assert doc.count_ok and case.title_ok and case.organisation_ok and case.year_ok and case.summary
    assert case.summary_coverage == 1.0
    partners, people, lessons, outcomes = (
        doc.fields[k] for k in ("partners", "people", "lessons", "outcomes")
    )
    assert (partners.extracted, partners.correct, partners.gold, partners.found) == (2, 1, 1, 1)
    assert (people.extracted, people.correct, people.found) == (1, 1, 1)
    assert (lessons.extracted, lessons.correct, lessons.gold, lessons.found) == (3, 2, 1, 1)
    assert (outcomes.correct, outcomes.gold, outcomes.found) == (0, 1, 0)
    ignored = [r for r in doc.records if r["matched"] is None]
    assert [r["value"]["name"] for r in ignored] == ["Piet Bron"]


def test_non_innovation_document_wants_no_segment():
    gold = {"document": "tk.odt", "is_innovation": False, "cases": []}
    doc = score_document(
        gold,
        "realdocs",
        _result("Vraag 1", [("Vraag 1", 0, 7, [_item("outcomes", {"value": 1, "unit": "count"})])]),
    )
    assert not doc.count_ok
    assert doc.fields["outcomes"].extracted == 1 and doc.fields["outcomes"].correct == 0
    assert score_document(gold, "realdocs", _result("Vraag 1", [])).count_ok


def test_reliability_buckets_and_high_confidence_share():
    records = [
        {"field": "people", "confidence": 0.95, "matched": True},
        {"field": "people", "confidence": 0.85, "matched": False},
        {"field": "people", "confidence": 0.4, "matched": True},
        {"field": "people", "confidence": 0.9, "matched": None},
    ]
    table = reliability(records)
    assert table["people"]["high_n"] == 2 and table["people"]["high_right"] == 1
    assert [b["n"] for b in table["ALL"]["buckets"]] == [1, 0, 0, 1, 1]


@pytest.mark.parametrize("value", ["", None, "   "])
def test_empty_names_never_match(value):
    assert not match.name_match(value, ["", "Logius"])


def test_absent_documents_are_skipped_with_a_line(tmp_path, monkeypatch, capsys):
    from ingest_eval import documents, evaluate, report

    monkeypatch.setitem(documents.FOLDERS, "realdocs", tmp_path)
    result = evaluate.evaluate_set("realdocs")
    assert result["documents"] and all(d.absent for d in result["documents"])
    assert {status for status, *_ in result["targets"]} == {"n/a"}
    report.print_set(result)
    assert "logius-ebms3-as4-eindrapport.pdf: SKIPPED (file absent)" in capsys.readouterr().out
