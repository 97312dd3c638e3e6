"""Open groups in search: findable by their title and description by whoever may read the
group (``Circle.objects.visible_to``). A group open only to its members is never indexed,
so its words cannot surface in a search, a count or a spelling suggestion; registered from
``CirclesConfig.ready`` (``proeftuin.core.searchable``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from proeftuin.circles.choices import Openness
from proeftuin.circles.models import Circle
from proeftuin.core.jobs import enqueue
from proeftuin.core.service import Searchable, SearchOwner, SearchText, register_searchable

KIND = "circle"
JOB = "search.index_circle"


def circle_indexed(circle_id: int) -> None:
    """Call inside the transaction of a write that changes what a group shows in search."""
    enqueue(JOB, circle_id)


def circle_texts(circle_id: int) -> list[SearchText] | None:
    circle = (
        Circle.objects.filter(pk=circle_id)
        .exclude(openness=Openness.MEMBERS)
        .select_related("owner")
        .first()
    )
    if circle is None:
        return None
    text = circle.description or circle.get_kind_display()
    return [SearchText("summary", circle.title, text, circle.owner.name)]


def circle_owners(ids) -> dict[int, SearchOwner]:
    rows = Circle.objects.filter(id__in=ids).values_list("id", "uuid", "title", "owner__name")
    return {
        circle_id: SearchOwner(
            id=circle_id,
            uuid=str(uuid),
            title=title,
            url=reverse("circles:detail", args=[uuid]),
            details=(owner,),
            api={"uuid": str(uuid), "title": title, "organisations": [owner]},
            links={"web_url": ("circles:detail", {"uuid": uuid})},
        )
        for circle_id, uuid, title, owner in rows
    }


def register() -> None:
    register_searchable(
        Searchable(
            key=KIND,
            model="circles.Circle",
            label=gettext_lazy("Group"),
            texts=circle_texts,
            visible_to=Circle.objects.visible_to,
            owners=circle_owners,
            all_ids=lambda: Circle.objects.values_list("id", flat=True).iterator(),
            job=JOB,
        )
    )
