"""Template helpers for case pages."""

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


FACET_VISIBLE = 10  # values shown at once; the rest behind "Show all" (a facet may have 100)

MORE_HTML = (
    '<details class="pt-facet-more" data-keep="more-{}">'
    '<summary class="pt-facet-more__summary">{}</summary>{}</details>'
)


def _choice_html(facet, numbered) -> str:
    return format_html_join(
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
            for n, c in numbered
        ),
    )


def _split_choices(choices) -> tuple[list, list]:
    """The values to show at once (the most frequent and every chosen one, in the facet's
    own order) and the rest, numbered so each checkbox keeps its id whatever the split."""
    numbered = list(enumerate(choices, start=1))
    if len(numbered) <= FACET_VISIBLE:
        return numbered, []
    top = sorted(numbered, key=lambda nc: (-nc[1].count, nc[0]))[:FACET_VISIBLE]
    keep = {n for n, _c in top} | {n for n, c in numbered if c.selected}
    return [nc for nc in numbered if nc[0] in keep], [nc for nc in numbered if nc[0] not in keep]


@register.simple_tag
def facet_fieldsets(facets) -> str:
    """The facet checkboxes, built in Python: the library's largest and hottest fragment.
    A facet with many values shows its most frequent ones; the rest open with "Show all"."""
    parts = []
    for facet in facets:
        if not facet.choices:
            continue
        shown, rest = _split_choices(facet.choices)
        choices = _choice_html(facet, shown)
        if rest:
            label = _("Show all %(count)d values") % {"count": len(shown) + len(rest)}
            more = format_html(MORE_HTML, facet.key, label, _choice_html(facet, rest))
            choices = format_html("{}{}", choices, more)
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
