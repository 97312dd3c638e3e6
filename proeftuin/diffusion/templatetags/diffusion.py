"""``{% adoption_box "casus" case.slug %}`` (or ``"initiatief"``): on a case or initiative
page, how many organisations adopted it, a link to its lineage and the "Wij willen dit
ook" button. Three small queries; nothing when the record is not visible."""

from django import template
from django.db.models import Count, Q

from proeftuin.diffusion.choices import TAKEN_UP
from proeftuin.diffusion.permissions import can_start_adoption
from proeftuin.diffusion.selectors import adoptions_of, innovation_at

register = template.Library()


@register.inclusion_tag("diffusion/_box.html", takes_context=True)
def adoption_box(context, kind: str, slug: str):
    user = context["request"].user
    innovation = innovation_at(kind, slug, user=user)
    if innovation is None:
        return {"innovation": None}
    counts = (
        adoptions_of(innovation, user=user)
        .order_by()
        .aggregate(count=Count("pk"), taken_up=Count("pk", filter=Q(status__in=TAKEN_UP)))
    )
    return {
        "innovation": innovation,
        "kind": kind,
        **counts,
        "can_start": can_start_adoption(user),
    }
