"""``{% adoption_box "casus" case.slug %}`` (or ``"initiatief"``): on a case or initiative
page, how many organisations adopted it, a link to its lineage and the "Wij willen dit
ook" button. A few small queries (one when nothing was adopted and the page passes its
record); nothing when the record is not visible."""

from django import template
from django.db.models import Count, Q

from proeftuin.diffusion.choices import TAKEN_UP
from proeftuin.diffusion.innovations import innovation_q
from proeftuin.diffusion.models import Adoption
from proeftuin.diffusion.permissions import can_start_adoption
from proeftuin.diffusion.selectors import adoptions_of, innovation_at

register = template.Library()


@register.inclusion_tag("diffusion/_box.html", takes_context=True)
def adoption_box(context, kind: str, slug):
    """``slug``: of the record, or the record itself when the page has it (and so has
    checked that the viewer sees it)."""
    user = context["request"].user
    innovation = innovation_at(kind, slug, user=user) if isinstance(slug, str) else slug
    if innovation is None:
        return {"innovation": None}
    counts = {"count": 0, "taken_up": 0}
    if Adoption.objects.filter(innovation_q(innovation)).exists():  # most have none
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
