"""Corrections through form fields per kind of value, never JSON; Dutch numbers; Dutch errors
next to the field, tied to it for screen readers."""

import pytest
from django.utils import translation

from proeftuin.ingestion.forms import (
    OrganisationForm,
    OutcomeForm,
    StaffForm,
    ThresholdForm,
    YearForm,
    value_form,
)
from proeftuin.ingestion.models import Suggestion
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def suggestion(field, value):
    return Suggestion(
        field=field,
        value=value,
        segment=0,
        segment_title="",
        quote="",
        start=0,
        end=0,
        step="",
        step_version="",
        confidence=0.5,
    )


def post(form_class, field, current, **data):
    row = suggestion(field, current)
    prefix = f"s{row.uuid.hex}"
    return form_class({f"{prefix}-{k}": v for k, v in data.items()}, suggestion=row)


OUTCOME = {
    "measure": "afhandeltijd",
    "value": 0.4,
    "unit": "days",
    "direction": "decrease",
    "kind": "time",
    "period": "",
    "baseline": "van 9",
}


def test_outcome_takes_dutch_decimals_and_gives_a_typed_record():
    form = post(
        OutcomeForm,
        "outcomes",
        OUTCOME,
        measure="afhandeltijd meldingen",
        value="0,5",
        value_max="1.234,5",
        unit="days",
        direction="decrease",
        kind="time",
        baseline="van 9",
        period="2020",
    )
    assert form.is_valid(), form.errors
    assert form.to_value() == {
        "measure": "afhandeltijd meldingen",
        "value": 0.5,
        "value_max": 1234.5,
        "unit": "days",
        "direction": "decrease",
        "kind": "time",
        "period": "2020",
        "baseline": "van 9",
    }


def test_outcome_is_shown_as_it_is_typed():
    form = value_form(suggestion("outcomes", OUTCOME))
    html = str(form["value"])
    assert 'value="0,4"' in html and 'inputmode="decimal"' in html
    assert "Dagen" in str(form["unit"]) or "dagen" in str(form["unit"])


def test_outcome_errors_are_dutch_and_tied_to_their_field():
    form = post(
        OutcomeForm,
        "outcomes",
        OUTCOME,
        measure="",
        value="een half",
        unit="",
        direction="decrease",
        kind="time",
    )
    assert not form.is_valid()
    assert form.errors["value"] == ["Vul een getal in, bijvoorbeeld 0,5 of 1.234,5."]
    assert "measure" in form.errors and "unit" in form.errors
    html = str(form["value"])
    assert 'aria-invalid="true"' in html
    assert f'aria-describedby="{form["value"].auto_id}-error"' in html


def test_year_is_range_checked():
    form = post(YearForm, "year_start", 2019, value="1850")
    assert not form.is_valid()
    assert form.errors["value"] == ["Vul een jaar in tussen 1900 en 2100."]
    form = post(YearForm, "year_start", 2019, value="2021")
    assert form.is_valid() and form.to_value() == 2021
    assert 'value="2019"' in str(value_form(suggestion("year_start", 2019))["value"])


def test_staff_number_with_dutch_grouping_and_a_year():
    form = post(StaffForm, "organisation.staff", {"exact": 640}, exact="1.235", year="2016")
    assert form.is_valid(), form.errors
    assert form.to_value() == {"exact": 1235, "year": 2016}
    both = post(StaffForm, "organisation.staff", {"exact": 640}, exact="10", min="5")
    assert not both.is_valid()
    assert "niet allebei" in " ".join(both.non_field_errors())
    none = post(StaffForm, "organisation.staff", {"exact": 640})
    assert not none.is_valid()


def test_organisation_picker_or_a_new_one():
    known = OrganisationFactory(name="Gemeente Alfa")
    initial = value_form(suggestion("organisation.name", "gemeente alfa"))
    assert initial.initial == {"organisation": known.uuid}
    assert "— nieuwe organisatie —" in str(initial["organisation"])
    chosen = post(OrganisationForm, "organisation.name", "x", organisation=str(known.uuid))
    assert chosen.is_valid() and chosen.to_value() == "Gemeente Alfa"
    new = post(OrganisationForm, "organisation.name", "x", new_name="  Gemeente Nieuw ")
    assert new.is_valid() and new.to_value() == "Gemeente Nieuw"
    both = post(
        OrganisationForm, "organisation.name", "x", organisation=str(known.uuid), new_name="Ander"
    )
    assert not both.is_valid() and "new_name" in both.errors
    neither = post(OrganisationForm, "organisation.name", "x")
    assert not neither.is_valid()


@pytest.mark.parametrize(
    ("field", "value", "data", "expected"),
    [
        (
            "lessons",
            {"kind": "pitfall", "text": "x"},
            {"kind": "success_factor", "text": " Begin klein. "},
            {"kind": "success_factor", "text": "Begin klein."},
        ),
        (
            "barriers",
            {"category": "legal", "text": "x"},
            {"category": "financial", "text": "Geld"},
            {"category": "financial", "text": "Geld"},
        ),
        (
            "people",
            {"name": "R", "role": "b"},
            {"name": "Rika Pot", "role": "burgemeester"},
            {"name": "Rika Pot", "role": "burgemeester"},
        ),
        ("partners", {"name": "GGD"}, {"name": "GGD Utrecht"}, {"name": "GGD Utrecht"}),
        ("title", "Oud", {"value": "Nieuwe titel"}, "Nieuwe titel"),
        ("summary", "Oud", {"value": "Een samenvatting."}, "Een samenvatting."),
        ("sections.openness", "Oud", {"value": "Open data."}, "Open data."),
        ("organisation.government_layer", "local", {"value": "regional"}, "regional"),
        ("organisation.organisation_type", "municipality", {"value": "province"}, "province"),
        ("organisation.domains", ["social"], {"value": ["water", "social"]}, ["water", "social"]),
        (
            "organisation.website",
            "www.x.nl",
            {"value": "www.proefstad.nl"},
            "https://www.proefstad.nl",
        ),
    ],
)
def test_every_kind_has_its_form(field, value, data, expected):
    row = suggestion(field, value)
    prefix = f"s{row.uuid.hex}"
    form = value_form(row, {f"{prefix}-{k}": v for k, v in data.items()})
    assert form.is_valid(), form.errors
    assert form.to_value() == expected


def test_lesson_kind_must_be_chosen():
    row = suggestion("lessons", {"kind": "pitfall", "text": "x"})
    form = value_form(row, {f"s{row.uuid.hex}-kind": "", f"s{row.uuid.hex}-text": "Iets"})
    assert not form.is_valid() and "kind" in form.errors


def test_unknown_field_has_no_form():
    assert value_form(suggestion("something.else", "x")) is None


@pytest.mark.parametrize(
    ("typed", "ok"),
    [("0,5", True), ("0.5", True), ("0,40", True), ("1", True), ("1,5", False), ("abc", False)],
)
def test_threshold_in_the_notation_shown(typed, ok):
    form = ThresholdForm({"threshold": typed})
    assert form.is_valid() == ok
    if not ok and typed == "1,5":
        assert "0,8" in form.errors["threshold"][0]
