"""Template helpers for case pages."""

from django import template

from proeftuin.organisations.service import GovernmentLayer, OrganisationType, Province

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
