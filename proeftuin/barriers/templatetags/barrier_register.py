"""``{% barrier_panel initiative %}``: the register's section on an initiative's page."""

from django import template

from proeftuin.barriers.panel import initiative_panel

register = template.Library()


@register.inclusion_tag("barriers/_panel.html", takes_context=True)
def barrier_panel(context, initiative):
    return initiative_panel(context["request"].user, initiative)
