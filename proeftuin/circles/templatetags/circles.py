"""``{% circles_panel innovation %}``: the groups around an initiative or a case, on its page."""

from django import template

from proeftuin.circles.permissions import can_create_circle
from proeftuin.circles.selectors import circles_of_innovation

register = template.Library()


@register.inclusion_tag("circles/_panel.html", takes_context=True)
def circles_panel(context, innovation):
    request = context["request"]
    user = request.user
    if isinstance(innovation, int):  # a case page knows its case's id only
        from proeftuin.cases.service import case_visible

        innovation = case_visible(user).get(pk=innovation)
    groups = circles_of_innovation(user=user, innovation=innovation)
    is_initiative = type(innovation).__name__ == "Initiative"
    return {
        **groups,
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "may_create": can_create_circle(user, innovation)[0],
        "kind": "initiatief" if is_initiative else "casus",
        "slug": innovation.slug,
    }
