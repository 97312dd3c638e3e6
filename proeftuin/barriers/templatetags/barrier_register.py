"""``{% barrier_panel initiative %}``: the register's section on an initiative's page; the
``labelled`` filter for tables that reflow."""

from django import template

from proeftuin.barriers.panel import initiative_panel

register = template.Library()


@register.inclusion_tag("barriers/_panel.html", takes_context=True)
def barrier_panel(context, initiative):
    return initiative_panel(context["request"].user, initiative)


@register.filter
def labelled(values, headers):
    """``[(header, value), ...]`` of a table row, for cells that carry their column's name
    (``data-label``) when the table reflows on a small screen. A header may be a
    ``(value, label)`` choice."""
    names = [h[1] if isinstance(h, tuple | list) else h for h in headers]
    return list(zip(names, values, strict=False))
