"""Template helpers for case pages."""

from django import template
from django.utils.formats import number_format

from proeftuin.organisations.service import (
    GovernmentLayer,
    OrganisationType,
    Province,
    format_staff,
)

register = template.Library()

CHOICES = {"layer": GovernmentLayer, "type": OrganisationType, "province": Province}


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` or an empty list."""
    return (mapping or {}).get(key, [])


@register.filter
def choice_label(value, kind: str):
    """The display label of an organisation enum value kept in a profile snapshot."""
    enum = CHOICES[kind]
    return enum(value).label if value in enum.values else value


@register.filter
def outcome_value(outcome) -> str:
    """An outcome's value with its unit, in the active language's number format."""
    value = outcome.value
    places = 0 if value == value.to_integral_value() else 2
    number = number_format(value, decimal_pos=places, force_grouping=True)
    if outcome.unit == "eur":
        return f"EUR {number}"
    if outcome.unit == "percent":
        return f"{number}%"
    if outcome.unit == "count":
        return number
    return f"{number} {outcome.get_unit_display()}"


@register.filter
def staff_range(profile: dict) -> str:
    """Staff of a profile snapshot: the exact number, a range, or one bound."""
    return format_staff(*(profile.get(k) for k in ("staff_exact", "staff_min", "staff_max")))
