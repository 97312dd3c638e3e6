"""Field names and values as a person reads them, in Dutch; odd values never break it."""

import pytest
from django.utils import translation

from proeftuin.ingestion import presentation, values
from proeftuin.ingestion.presentation import field_label, job_step_label, step_label, value_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("title", "Titel"),
        ("summary", "Samenvatting"),
        ("year_start", "Eerste jaar"),
        ("organisation.name", "Organisatie"),
        ("organisation.staff", "Aantal medewerkers"),
        ("organisation.government_layer", "Bestuurslaag"),
        ("organisation.organisation_type", "Organisatietype"),
        ("organisation.domains", "Beleidsdomeinen"),
        ("organisation.website", "Website"),
        ("sections.openness", "Thema: Openheid"),
        ("outcomes", "Resultaat"),
        ("lessons", "Les"),
        ("barriers", "Knelpunt"),
        ("people", "Persoon"),
        ("partners", "Partnerorganisatie"),
    ],
)
def test_every_field_has_a_dutch_label(field, label):
    assert field_label(field) == label
    assert "." not in field_label(field).split(":")[0]


def test_year_labels_are_dutch():
    assert field_label("year_end") not in ("year_end", "Last year")


OUTCOME = {
    "measure": "afhandeltijd meldingen",
    "value": 4,
    "unit": "days",
    "direction": "decrease",
    "kind": "time",
    "period": "",
    "baseline": "van 9",
}


@pytest.mark.parametrize(
    ("field", "value", "text"),
    [
        ("outcomes", OUTCOME, "afhandeltijd meldingen: van 9 naar 4 dagen (daling)"),
        (
            "outcomes",
            {**OUTCOME, "value": 0.5, "unit": "percent", "baseline": "", "direction": "increase"},
            "afhandeltijd meldingen: 0,5% (stijging)",
        ),
        (
            "outcomes",
            {**OUTCOME, "value": 300000, "unit": "eur", "baseline": "", "period": "2019-2021"},
            "afhandeltijd meldingen: € 300.000, 2019-2021 (daling)",
        ),
        ("organisation.staff", {"exact": 835, "year": 2016}, "835 medewerkers (2016)"),
        ("organisation.staff", {"exact": 1, "year": None}, "1 medewerker"),
        ("organisation.staff", {"min": 1000, "max": 4999}, "1.000 tot 4.999 medewerkers"),
        ("organisation.staff", {"min": 500, "year": None}, "ten minste 500 medewerkers"),
        (
            "lessons",
            {"kind": "success_factor", "text": "Begin klein."},
            "Succesfactor: Begin klein.",
        ),
        ("barriers", {"category": "legal", "text": "De AVG."}, "Juridisch: De AVG."),
        ("people", {"name": "Rika Pot", "role": "burgemeester"}, "Rika Pot, burgemeester"),
        ("partners", {"name": "GGD Utrecht"}, "GGD Utrecht"),
        ("organisation.government_layer", "local", "Lokaal"),
        ("organisation.organisation_type", "water_board", "Waterschap"),
        ("organisation.domains", ["social", "water"], "Sociaal domein, Water en klimaat"),
        ("year_start", 2019, "2019"),
    ],
)
def test_values_read_as_sentences(field, value, text):
    assert value_text(field, value) == text


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("outcomes", "geen record"),
        ("outcomes", {"value": "x"}),
        ("organisation.staff", [1, 2]),
        ("lessons", {"kind": "onbekend"}),
        ("people", None),
        ("organisation.domains", "social"),
        ("year_start", "twintig"),
        ("iets.nieuws", {"a": {"b": [1, 2.5]}}),
    ],
)
def test_odd_values_are_shown_without_error_and_without_english_keys(field, value):
    text = value_text(field, value)
    assert isinstance(text, str)
    for key in ("measure", "unit:", "direction", "kind:", "exact"):
        assert key not in text


def test_steps_in_dutch():
    assert job_step_label("store") == "opslaan"
    assert job_step_label("extract") == "waarden zoeken"
    assert step_label("organisation.profile") == "profiel van de organisatie"
    assert step_label("themes.something_new") == "thema's"
    assert step_label("a_future_step") == "a_future_step"  # unknown: shown, not hidden


def test_field_errors_of_a_case_are_named_by_label():
    from proeftuin.core.service import ValidationFailed

    exc = ValidationFailed(field_errors={"year_end": ["Te vroeg."], "outcomes.1.value": ["X."]})
    text = presentation.error_text(exc)
    assert "Laatste jaar: Te vroeg." in text and "Resultaat 2: X." in text


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("year_start", 2019, True),
        ("year_start", 1850, False),
        ("year_start", "2019", False),
        ("year_start", True, False),
        ("organisation.staff", {"exact": 640, "year": None}, True),
        ("organisation.staff", {"exact": 640, "min": 5}, False),
        ("organisation.staff", {"min": 9, "max": 5}, False),
        ("organisation.staff", {"exact": -1}, False),
        ("organisation.website", "www.proefstad.nl", True),
        ("organisation.website", "geen adres", False),
        ("outcomes", OUTCOME, True),
        ("outcomes", {**OUTCOME, "value": "0,5"}, False),
        ("outcomes", {**OUTCOME, "unit": "dagen"}, False),
        ("outcomes", {**OUTCOME, "measure": " "}, False),
        ("lessons", {"kind": "pitfall", "text": "Te snel."}, True),
        ("lessons", {"kind": "tip", "text": "Te snel."}, False),
        ("people", {"name": "Rika Pot"}, False),
        ("partners", {"name": "GGD"}, True),
        ("sections.openness", "Tekst.", True),
        ("sections.not_a_theme", "Tekst.", False),
        ("organisation.domains", ["social"], True),
        ("organisation.domains", ["astrologie"], False),
        ("organisation.government_layer", "galactic", False),
        ("title", "x" * 251, False),
    ],
)
def test_value_problems(field, value, ok):
    problem = values.problem(field, value)
    assert (problem is None) == ok, problem
