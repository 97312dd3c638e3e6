"""Reads of groups, scoped through ``Circle.objects.visible_to`` (``querysets``)."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from proeftuin.circles.choices import InvitationState, RequestState
from proeftuin.circles.models import Circle, CircleMember, Invitation, JoinRequest, Meeting
from proeftuin.circles.querysets import member_circle_ids


def circle_visible(user) -> QuerySet[Circle]:
    return Circle.objects.visible_to(user)


def circle_list(user) -> QuerySet[Circle]:
    """Visible groups with what a list row shows."""
    return (
        circle_visible(user)
        .select_related("owner", "initiative", "case")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("title")
    )


def circle_detail(*, user, uuid) -> Circle:
    """``Circle.DoesNotExist`` when it is not there or not visible to ``user``."""
    return circle_visible(user).select_related("owner", "initiative", "case").get(uuid=uuid)


def circles_of_innovation(*, user, innovation) -> dict:
    """The groups around an initiative or a case, for its page: those ``user`` may read,
    and of the others only the kind and address of those that accept requests (a closed
    group shows neither its title nor anything in it)."""
    field = "initiative" if type(innovation).__name__ == "Initiative" else "case"
    around = Circle.objects.filter(**{field: innovation})
    if not around.exists():  # most have none: no visibility rule to work out
        return {"readable": [], "closed": [], "pending": set()}
    readable = list(
        circle_visible(user)
        .filter(**{field: innovation})
        .annotate(member_count=Count("members", distinct=True))
    )
    closed = list(
        around.exclude(pk__in=[c.pk for c in readable])
        .filter(accepts_requests=True)
        .only("uuid", "kind")
    )
    return {"readable": readable, "closed": closed, "pending": pending_circle_ids(user, closed)}


def pending_circle_ids(user, circles) -> set[int]:
    """The ids of those of ``circles`` that ``user`` asked to join, still undecided."""
    if not getattr(user, "is_authenticated", False) or not circles:
        return set()
    rows = JoinRequest.objects.filter(
        user=user, state=RequestState.PENDING, circle__in=[c.pk for c in circles]
    )
    return set(rows.values_list("circle_id", flat=True))


def _memberships(user) -> dict[int, str]:
    """``{circle id: role}`` of ``user``'s current memberships, read once per request."""
    cached = getattr(user, "_proeftuin_circles", None)
    if cached is None:
        rows = member_circle_ids(user).values_list("circle_id", "role")
        cached = dict(rows) if getattr(user, "is_authenticated", False) else {}
        if getattr(user, "is_authenticated", False):
            user._proeftuin_circles = cached
    return cached


def circles_of_member(user) -> QuerySet[Circle]:
    """The groups ``user`` is a current member of ("Mijn werk", "Mijn groepen")."""
    ids = list(_memberships(user))
    if not ids:
        return Circle.objects.none()
    return Circle.objects.filter(pk__in=ids).select_related("owner").order_by("title")


def members_of(circle: Circle) -> QuerySet[CircleMember]:
    return circle.members.select_related("user", "organisation")


def meetings_of(circle: Circle) -> QuerySet[Meeting]:
    return circle.meetings.annotate(document_count=Count("documents"))


def pending_requests(circle: Circle) -> QuerySet[JoinRequest]:
    return circle.requests.filter(state=RequestState.PENDING).select_related("user", "organisation")


def invitations_for(user) -> QuerySet[Invitation]:
    """Pending invitations of ``user`` (who may read the group's title: it invited them)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Invitation.objects.none()
    return Invitation.objects.filter(user=user, state=InvitationState.PENDING).select_related(
        "circle", "circle__owner", "invited_by"
    )


def requests_to_decide(user) -> QuerySet[JoinRequest]:
    """Pending requests to the groups ``user`` hosts."""
    hosted = [pk for pk, role in _memberships(user).items() if role == "host"]
    if not hosted:
        return JoinRequest.objects.none()
    return JoinRequest.objects.filter(
        circle_id__in=hosted, state=RequestState.PENDING
    ).select_related("circle", "user", "organisation")


def meeting_detail(*, circle: Circle, uuid) -> Meeting:
    return circle.meetings.get(uuid=uuid)
