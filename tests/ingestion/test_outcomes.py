"""Outcomes under issue 9's rule: one outcome per measured result, with the figure it is
measured against as its baseline; figures of context are never suggested."""

import pytest

from proeftuin.ingestion.extraction import run_steps
from proeftuin.ingestion.extraction._fallback import normalise_text
from proeftuin.ingestion.segment import whole_document


def outcomes(text: str, raw: bool = False) -> dict:
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["outcomes"])
    return {(e.value["value"], e.value["unit"]): e.value for e in items}


@pytest.fixture(autouse=True)
def calibrated(monkeypatch):
    monkeypatch.delenv("PROEFTUIN_RAW_CONFIDENCE", raising=False)


@pytest.mark.parametrize(
    ("text", "result", "baseline", "direction", "not_suggested"),
    [
        ("De afdeling ging van 40 fte naar 22,5 fte.", (22.5, "fte"), "van 40 fte", "decrease",
         (40, "fte")),
        ("Het hergebruik is van 48% naar 61% verhoogd.", (61, "percent"), "van 48%", "increase",
         (48, "percent")),
        ("Het aantal loketten is teruggebracht van negen naar één.", (1, "count"), "van negen",
         "decrease", (9, "count")),
        ("Er zijn nu 35% vrouwelijke managers, tegenover 21% bij vergelijkbare gemeenten.",
         (35, "percent"), "tegenover 21% bij vergelijkbare gemeenten", "increase",
         (21, "percent")),
        ("In plaats van vier uur is een aanvrager nu nog maar twee uur bezig.", (2, "hours"),
         "In plaats van vier uur", "decrease", (4, "hours")),
        ("De doorlooptijd werd verkort van 6 weken naar 10 dagen.", (10, "days"), "van 6 weken",
         "decrease", (6, "weeks")),
        ("De tevredenheid steeg van een 6,4 naar een 7,9.", (7.9, "score"), "van 6,4",
         "increase", (6.4, "score")),
    ],
)  # fmt: skip
def test_a_result_and_its_baseline_are_one_outcome(
    text, result, baseline, direction, not_suggested
):
    found = outcomes(text)
    assert found[result]["baseline"] == baseline
    assert found[result]["direction"] == direction
    assert not_suggested not in found


@pytest.mark.parametrize(
    ("text", "result", "direction"),
    [
        ("Het aantal klachten daalde met 18% in een jaar.", (18, "percent"), "decrease"),
        ("Dat is 30 procent minder dan het jaar ervoor.", (30, "percent"), "decrease"),
        ("De kosten daalden de afgelopen drie jaar met 1,5 miljoen euro.", (1_500_000, "eur"),
         "decrease"),
        ("Er is 45.000 euro bespaard op drukwerk.", (45_000, "eur"), "decrease"),
        ("Het aantal bezoekers verdubbelde tot ruim 3000.", (3000, "count"), "increase"),
        ("Na het schrappen van dubbele vragen bleven er 140 vragen over.", (140, "count"),
         "neutral"),
        ("Inmiddels werken 45 gemeenten met het platform.", (45, "count"), "neutral"),
        ("Met de nieuwe app werden 1200 aanvragen digitaal afgehandeld.", (1200, "count"),
         "neutral"),
    ],
)  # fmt: skip
def test_wording_families_of_a_result(text, result, direction):
    found = outcomes(text)
    assert result in found
    assert found[result]["direction"] == direction


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("De kosten zijn vijf jaar op rij gedaald.", (5, "years")),
        ("De afgelopen drie jaar is het verzuim gedaald.", (3, "years")),
        ("De rijksbijdrage viel terug van 80 naar 30 miljoen euro.", (30_000_000, "eur")),
        ("Tot dan is 150 duizend euro aan uren in het project gestoken.", (150_000, "eur")),
        ("Aan de pilot namen twaalf gemeenten deel, die samen de kosten deelden.",
         (12, "count")),
        ("Bij deelname van alle 30 gemeenten zou dat een besparing opleveren.", (30, "count")),
        ("Hierin werden bijna 3.000 gezinnen met ruim 7.000 kinderen ondersteund.",
         (3000, "count")),
        ("Drie pilot-projecten hadden laten zien dat het kon.", (3, "count")),
        ("Het aantal meldingen nam met 25% af, tegen een landelijke daling van 5%.",
         (5, "percent")),
    ],
)  # fmt: skip
def test_figures_of_context_are_never_outcomes(text, figure):
    assert figure not in outcomes(text)


def test_a_result_repeated_in_a_closing_list_is_suggested_once():
    text = (
        "De administratieve lasten blijken met 900 euro omlaag te kunnen.\n\n"
        "• De administratieve lasten kunnen 900 euro omlaag."
    )
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["outcomes"])
    assert [e.value["value"] for e in items] == [900]
    assert items[0].start == 0  # the better-scored first statement stays


def test_two_results_of_one_value_in_one_sentence_both_stay():
    text = "Het aantal klachten daalde met 20% en het aantal bezwaren daalde ook met 20%."
    doc = normalise_text(text)
    items = run_steps(doc, whole_document(doc), ["outcomes"])
    assert len(items) == 2


@pytest.mark.parametrize(
    ("text", "result", "baseline", "not_suggested"),
    [
        ("Het aandeel steeg van 23 procent bij de oude brief naar 41 procent.",
         (41, "percent"), "van 23 procent", (23, "percent")),
        ("Het aantal verzoeken nam af, van gemiddeld 1,7 naar 1,1 per aanvraag.",
         (1.1, "count"), "van 1,7", (1.7, "score")),
        ("Het vertrouwen, gemeten in de enquête, steeg van een 5,9 in 2022 naar een 6,4 in 2023.",
         (6.4, "score"), "van 5,9 in 2022", (5.9, "score")),
    ],
)  # fmt: skip
def test_a_baseline_with_words_between_it_and_the_result(text, result, baseline, not_suggested):
    found = outcomes(text)
    assert found[result]["baseline"].startswith(baseline.split(" in ")[0])
    assert not_suggested not in found


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("De wachttijd daalde van drie weken naar vijf werkdagen.", (5, "days")),
        ("Ook de behandeltijd nam af, met gemiddeld 4 uur per aanvraag.", (4, "hours")),
    ],
)
def test_the_unit_said_after_the_number_wins(text, result):
    assert result in outcomes(text)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Een consulent belt binnen drie werkdagen na het signaal.", (3, "days")),
        ("De wettelijke beslistermijn van acht weken werd steeds gehaald.", (8, "weeks")),
        ("In de zes weken na verzending belden 28 procent minder inwoners.", (6, "weeks")),
        ("In totaal was er 150.000 euro te verdelen.", (150_000, "eur")),
        ("Een tafel kostte de gemeente gemiddeld 6,5 uur per tafel.", (6.5, "hours")),
        ("De aanvrager betaalt gemiddeld 2.350 euro aan leges.", (2350, "eur")),
        ("Het is een wijk met ongeveer 9.800 inwoners en veel jonge gezinnen.", (9800, "count")),
        ("Nu stemde 19 procent. Bij de laatste inspraakavond was dat minder dan 1 procent.",
         (1, "percent")),
    ],
)  # fmt: skip
def test_norms_periods_effort_budgets_and_populations_are_context(text, figure):
    assert figure not in outcomes(text)


def test_a_slide_title_question_or_reference_word_on_the_line_above_is_not_the_figures():
    text = (
        "Resultaten\n\n• 72% van de deelnemers bekijkt het dashboard elke week\n"
        "• 64% van de deelnemers paste het beregenen aan\n\nWat zeggen de deelnemers?\n\n"
        "Het werkt goed."
    )
    found = outcomes(text)
    assert (72, "percent") in found and (64, "percent") in found


def test_a_change_by_a_fraction_in_words():
    found = outcomes(
        "Het aandeel volledige aanvragen steeg met een kwart. Het aantal verzoeken nam met "
        "ruim een derde af. Met de helft van de gemeenten is gesproken. Het aantal "
        "telefoontjes over afval is met twee derde gedaald."
    )
    assert found[(25, "percent")]["direction"] == "increase"
    assert found[(33.3, "percent")]["direction"] == "decrease"
    assert found[(66.7, "percent")]["direction"] == "decrease"
    assert (50, "percent") not in found and (2, "count") not in found


def test_proposals_a_council_accepted_are_a_result_and_their_authors_are_not():
    found = outcomes(
        "Samen beslissen\n\nDe gemeente geeft de kaders aan, waarna de raad meer dan zestig "
        "voorstellen accordeerde die door de vier werkgroepen werden gedaan."
    )
    assert (60, "count") in found
    assert (4, "count") not in found
