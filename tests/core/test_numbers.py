"""Numbers are typed as they are shown: Dutch "0,5" and "1.234,5", English "1,234.5"."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from proeftuin.core.numbers import (
    LocalDecimalField,
    LocalIntegerField,
    format_number,
    json_number,
    parse_decimal,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,5", "0.5"),
        ("0,40", "0.40"),
        ("1.234,5", "1234.5"),
        ("1.234", "1234"),
        ("1.234.567", "1234567"),
        ("1 234,5", "1234.5"),
        ("-3,25", "-3.25"),
        ("−3,25", "-3.25"),
        ("+7", "7"),
        ("0.5", "0.5"),  # one mark that cannot group digits: a decimal point
        ("12.75", "12.75"),
    ],
)
def test_dutch_input(text, expected):
    with translation.override("nl"):
        assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12.5.3", "1,", "€", "1.23.4"])
def test_not_a_number(text):
    with translation.override("nl"), pytest.raises(ValueError):
        parse_decimal(text)


def test_english_input_follows_the_language():
    with translation.override("en"):
        assert parse_decimal("1,234.5") == Decimal("1234.5")
        assert parse_decimal("0,5") == Decimal("0.5")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1234.5, "1.234,5"), (0.4, "0,4"), (60, "60"), (300000, "300.000"), (Decimal("2.50"), "2,5")],
)
def test_shown_the_way_it_is_typed(value, shown):
    with translation.override("nl"):
        assert format_number(value) == shown
        assert parse_decimal(shown) == Decimal(str(value))


def test_years_are_not_grouped():
    with translation.override("nl"):
        assert format_number(2019, grouping=False) == "2019"


class Numbers(forms.Form):
    amount = LocalDecimalField(max_digits=16, decimal_places=2)
    count = LocalIntegerField(required=False)


def test_form_fields_take_dutch_and_refuse_in_dutch():
    with translation.override("nl"):
        form = Numbers({"amount": "1.234,5", "count": "1.234"})
        assert form.is_valid(), form.errors
        assert form.cleaned_data == {"amount": Decimal("1234.5"), "count": 1234}
        bad = Numbers({"amount": "een half", "count": "1,5"})
        assert not bad.is_valid()
        assert "Vul een getal in, bijvoorbeeld 0,5 of 1.234,5." in bad.errors["amount"]
        assert "Vul een heel getal in" in bad.errors["count"][0]
        shown = Numbers(initial={"amount": 1234.5})
        assert 'value="1.234,5"' in str(shown["amount"])
        assert 'inputmode="decimal"' in str(shown["amount"])


def test_json_number():
    assert json_number(Decimal("60.00")) == 60 and isinstance(json_number(Decimal("60")), int)
    assert json_number(Decimal("0.5")) == 0.5


def test_the_case_editor_and_the_registry_take_dutch_numbers():
    from proeftuin.cases.forms import OutcomeForm
    from proeftuin.organisations.forms import OrganisationForm

    with translation.override("nl"):
        outcome = OutcomeForm(
            {
                "measure": "x",
                "value": "0,5",
                "unit": "days",
                "direction": "decrease",
                "kind": "time",
            }
        )
        assert outcome.is_valid(), outcome.errors
        assert outcome.cleaned_data["value"] == Decimal("0.5")
        staff = OrganisationForm({"staff_exact": "1.234"}).fields["staff_exact"].clean("1.234")
        assert staff == 1234
