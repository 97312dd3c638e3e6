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


# -- corpus gold: outcomes under issue 9's rule (figures marked result: true) -------------

CORPUS_GOLD = {
    "document": "cahier.txt",
    "segments": {"count": 2, "kind": "experiment"},
    "cases": [
        {
            "anchor": "Ten Boer besteedt zich uit",
            "organisation": {"name": "Gemeente Ten Boer", "name_variants": []},
            "lessons": [],
            "people": [],
            "people_ignored": [],
            "figures": [
                {"value": 7500, "unit": "count", "result": False, "quote": "7500 inwoners"},
                {"value": 300000, "unit": "eur", "result": True, "quote": "300.000 euro"},
                {"value": 12.4, "unit": "fte", "result": True, "quote": "12,4 fte"},
                {"value": 320, "unit": "count", "result": True, "group": "q", "quote": "320"},
                {"value": 36, "unit": "percent", "result": True, "group": "q", "quote": "36"},
                {
                    "value": 200000,
                    "unit": "eur",
                    "result": True,
                    "optional": True,
                    "quote": "twee ton",
                },
            ],
        },
        {
            "anchor": "Enschede doorbreekt",
            "organisation": {"name": "Gemeente Enschede", "name_variants": []},
            "lessons": [],
            "people": [],
            "people_ignored": [],
            "figures": [
                {"value": 30, "unit": "count", "result": True, "quote": "ca. 30 gemeenten"},
                {"value": 10, "unit": "count", "result": False, "quote": "tien hulpverleners"},
            ],
        },
    ],
}


def _outcome(value, unit, measure="m"):
    return _item("outcomes", {"value": value, "unit": unit, "measure": measure}, 0.6)


def test_corpus_outcomes_count_only_results_and_keep_the_old_line(monkeypatch):
    from ingest_eval import corpus

    ten_boer = [
        _outcome(7500, "count"),  # context: wrong under the new rule, right under the old
        _outcome(300000, "eur"),  # a result
        _outcome(36, "percent"),  # one of a group: the group is found
        _outcome(200000, "eur"),  # optional result: right, not needed for recall
    ]
    enschede = [_outcome(10, "count"), _outcome(300000, "eur")]  # context; another case's result
    stray = [_outcome(30, "count")]  # a segment no gold case is paired with: wrong
    result = _result(
        "",
        [
            ("Ten Boer besteedt zich uit", 0, 10, ten_boer),
            ("Enschede doorbreekt hulpverlenerscarrousel", 10, 20, enschede),
            ("Inleiding", 20, 30, stray),
        ],
    )
    monkeypatch.setattr(corpus, "run", lambda path: result)
    doc = corpus.inaxis(CORPUS_GOLD, "corpus")
    new = doc.fields["outcomes"]
    # suggestions 4 + 2 + 1; right: 300000, 36 (group), 200000 (optional)
    assert (new.extracted, new.correct) == (7, 3)
    # required results: 300000, 12.4, group q (one), 30 -> 4; found: 300000 and group q
    assert (new.gold, new.found) == (4, 2)
    old = doc.fields[corpus.LEGACY]
    # old rule: every quantity; distinct (value, unit) per case: 7500, 300000, 36, 200000 | 10
    assert (old.extracted, old.correct, old.gold, old.found) == (6, 5, 8, 5)
    # each outcome suggestion is judged once (the old line records nothing), as on realdocs
    judged = [r for r in doc.records if isinstance(r["value"], dict) and "unit" in r["value"]]
    assert {r["field"] for r in judged} == {"outcomes"}
    assert len(judged) == 7 and sum(r["matched"] for r in judged) == 3


def test_a_group_is_one_required_result():
    from ingest_eval.scoring import required_units

    golds = [
        {"value": 320, "group": "q"},
        {"value": 36, "group": "q"},
        {"value": 1},
        {"value": 2, "optional": True},
    ]
    assert sorted(required_units(golds)) == [[0, 1], [2]]


def test_corpus_gold_marks_every_figure():
    """Every figure of the corpus gold says whether it is a result; optional and group only on
    results; a group has at least two items."""
    import yaml

    gold_dir = Path(__file__).resolve().parents[2] / "eval" / "gold"
    for name in ("inaxis.yaml", "casebook.yaml"):
        data = yaml.safe_load((gold_dir / name).read_text(encoding="utf-8"))
        groups: dict[str, int] = {}
        for case in data["cases"]:
            for fig in case["figures"]:
                assert fig.get("result") in (True, False), (name, fig["quote"])
                if fig.get("optional") or fig.get("group"):
                    assert fig["result"] is True, (name, fig["quote"])
                if fig.get("group"):
                    groups[fig["group"]] = groups.get(fig["group"], 0) + 1
        assert all(n >= 2 for n in groups.values()), (name, groups)
        assert any(f["result"] for c in data["cases"] for f in c["figures"]), name
