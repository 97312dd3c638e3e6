"""Reads of funds, rounds and applications: ``<entity>_<what>(*, user, ...)``, always
through the one visibility rule of ``querysets.py``."""

from __future__ import annotations

from django.db.models import QuerySet

from proeftuin.funding.models import Application, Fund, Round
from proeftuin.organisations.service import Programme


def funds_visible(*, user) -> QuerySet[Fund]:
    """Funds of the programmes ``user`` may see."""
    return Fund.objects.filter(programme__in=Programme.objects.visible_to(user).values("pk"))


def rounds_visible(*, user) -> QuerySet[Round]:
    """Published rounds of visible programmes; managers also see their unpublished ones."""
    from django.db.models import Q

    visible = Q(published=True, fund__in=funds_visible(user=user).values("pk"))
    if getattr(user, "is_authenticated", False) and user.is_active:
        visible |= Q(fund__programme__managers=user)
        from proeftuin.accounts.service import is_platform_admin

        if is_platform_admin(user):
            return Round.objects.all()
    return Round.objects.filter(pk__in=Round.objects.filter(visible).values("pk"))


def applications_visible(*, user) -> QuerySet[Application]:
    return Application.objects.visible_to(user).select_related(
        "round", "round__fund", "owner", "stage", "created_by"
    )


def application_by_uuid(*, user, uuid) -> Application | None:
    return applications_visible(user=user).filter(uuid=uuid).first()


def funds_managed(*, user) -> QuerySet[Fund]:
    from proeftuin.organisations.service import programmes_managed

    return Fund.objects.filter(programme__in=programmes_managed(user).values("pk"))
