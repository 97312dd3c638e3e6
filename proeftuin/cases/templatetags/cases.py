"""Template helpers for case pages."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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


CHOICE_HTML = (
    '<div class="utrecht-form-field utrecht-form-field--checkbox">'
    '<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" '
    'name="{key}" value="{value}" id="f-{key}-{n}"{checked}>'
    '<label class="utrecht-form-label utrecht-form-label--checkbox" for="f-{key}-{n}">'
    '{label} <span class="pt-count">({count})</span></label></div>'
)


@register.simple_tag
def facet_fieldsets(facets) -> str:
    """The facet checkboxes, built in Python: the library's largest and hottest fragment."""
    parts = []
    for facet in facets:
        if not facet.choices:
            continue
        choices = format_html_join(
            "",
            CHOICE_HTML,
            (
                {
                    "key": facet.key,
                    "value": c.value,
                    "n": n,
                    "label": c.label,
                    "count": c.count,
                    "checked": mark_safe(" checked") if c.selected else "",
                }
                for n, c in enumerate(facet.choices, start=1)
            ),
        )
        parts.append(
            format_html(
                '<fieldset class="utrecht-form-fieldset pt-facet">'
                '<legend class="utrecht-form-fieldset__legend">{}</legend>{}</fieldset>',
                facet.label,
                choices,
            )
        )
    return mark_safe("".join(parts))


@register.simple_tag
def outcome_line(outcome) -> str:
    """One outcome as a line of text, e.g. "kosten: EUR 300.000 (daling), 2015"."""
    extra = "".join(f", {part}" for part in (outcome.period, outcome.baseline) if part)
    direction = f" ({outcome.get_direction_display()})" if outcome.direction != "neutral" else ""
    return format_html(
        '<span class="pt-outcome"><span class="pt-outcome__measure">{}</span>: '
        "<strong>{}</strong>{}{}</span>",
        outcome.measure,
        outcome_value(outcome),
        direction,
        extra,
    )
