"""Reads of funds, rounds and applications: ``<entity>_<what>(*, user, ...)``, always
through the one visibility rule of ``querysets.py``."""

from __future__ import annotations

from django.db.models import QuerySet

from proeftuin.funding.models import Application, Fund, Round
from proeftuin.organisations.service import Programme, programmes_managed


def _programme_ids(programmes) -> list[int]:
    """The few programmes as a list of keys: the rules below stay one flat condition
    instead of nesting the programme rule in every query."""
    return list(programmes.order_by().values_list("pk", flat=True))


def funds_visible(*, user) -> QuerySet[Fund]:
    """Funds of the programmes ``user`` may see."""
    return Fund.objects.filter(programme__in=_programme_ids(Programme.objects.visible_to(user)))


def rounds_visible(*, user) -> QuerySet[Round]:
    """Published rounds of visible programmes; managers also see their unpublished ones."""
    from django.db.models import Q

    from proeftuin.accounts.service import is_platform_admin

    active = getattr(user, "is_authenticated", False) and user.is_active
    if active and is_platform_admin(user):
        return Round.objects.all()
    programmes = _programme_ids(Programme.objects.visible_to(user))
    visible = Q(published=True, fund__programme__in=programmes)
    if active:
        visible |= Q(fund__programme__in=_programme_ids(programmes_managed(user)))
    return Round.objects.filter(visible)


def applications_visible(*, user) -> QuerySet[Application]:
    return Application.objects.visible_to(user).select_related(
        "round", "round__fund", "owner", "stage", "created_by"
    )


def application_by_uuid(*, user, uuid) -> Application | None:
    return applications_visible(user=user).filter(uuid=uuid).first()


def funds_managed(*, user) -> QuerySet[Fund]:
    from proeftuin.organisations.service import programmes_managed

    return Fund.objects.filter(programme__in=programmes_managed(user).values("pk"))
