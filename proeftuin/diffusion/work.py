"""The diffusion section of "Mijn werk": adoptions still under way (interested, exploring,
piloting) of the organisations where the user is an editor, oldest first, to move on."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.core.service import ITEMS_SHOWN, WorkItem, WorkSection, register_work
from proeftuin.diffusion.choices import UNDER_WAY
from proeftuin.diffusion.selectors import adopter_choices, adoption_list, mark_shown


def adoptions_under_way(user):
    """Visible adoptions under way of the organisations ``user`` edits."""
    return (
        adoption_list(user)
        .filter(status__in=UNDER_WAY, adopter__in=adopter_choices(user))
        .order_by("started_on", "pk")
    )


def _item(row) -> WorkItem:
    title = row.shown_innovation.title if row.shown_innovation else _("An adoption")
    detail = f"{row.adopter.name} · {row.get_status_display()}"
    return WorkItem(title=title, url=reverse("diffusion:detail", args=[row.uuid]), detail=detail)


@register_work("diffusion.under_way", order=60)
def adoptions_to_move_on(user) -> WorkSection:
    rows = adoptions_under_way(user)
    shown = mark_shown(rows[:ITEMS_SHOWN], user=user)
    return WorkSection(
        key="adoptions",
        title=_("Adoptions under way"),
        count=rows.count(),
        items=[_item(row) for row in shown],
        empty=_("None of your organisations' adoptions is under way."),
        more_url=reverse("diffusion:list"),
    )
