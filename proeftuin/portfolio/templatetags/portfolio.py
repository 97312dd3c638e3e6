"""Template filters of the portfolio pages."""

from django import template

from proeftuin.core.service import format_number

register = template.Library()


@register.filter
def number(value) -> str:
    """A number in the active language's notation ("1.234,5" in Dutch)."""
    return format_number(value)


@register.filter
def in_unit(value, kpi) -> str:
    """A KPI value with the KPI's unit."""
    if value is None or value == "":
        return ""
    text = format_number(value)
    if kpi.unit == "eur":
        return f"EUR {text}"
    if kpi.unit == "percent":
        return f"{text}%"
    return f"{text} {kpi.get_unit_display()}"


@register.filter
def attribute(obj, name: str):
    return getattr(obj, name, "")
