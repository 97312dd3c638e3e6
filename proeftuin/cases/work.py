"""The case library's sections of "Mijn werk": drafts to edit and cases to publish."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.cases.choices import UNPUBLISHED
from proeftuin.cases.models import Case
from proeftuin.core.service import ITEMS_SHOWN, WorkItem, WorkSection, register_work


def _unpublished(user) -> QuerySet[Case]:
    return Case.objects.visible_to(user).filter(status__in=UNPUBLISHED).select_related("owner")


def editable_drafts(user) -> QuerySet[Case]:
    """Drafts and cases in review ``user`` may edit (``permissions.can_edit_case``)."""
    drafts = _unpublished(user)
    if is_platform_admin(user):
        return drafts
    editor = organisation_ids_with_role(user, Role.EDITOR)
    contributor = organisation_ids_with_role(user, Role.CONTRIBUTOR)
    return drafts.filter(Q(owner_id__in=editor) | Q(owner_id__in=contributor, created_by=user))


def publishable(user) -> QuerySet[Case]:
    """Drafts and cases in review ``user`` may publish (``permissions.can_publish_case``)."""
    drafts = _unpublished(user)
    if is_platform_admin(user):
        return drafts
    return drafts.filter(owner_id__in=organisation_ids_with_role(user, Role.EDITOR))


def _section(key, title, empty, cases: QuerySet[Case], url_name: str) -> WorkSection:
    cases = cases.order_by("-updated_at")
    items = [
        WorkItem(
            title=case.title,
            url=reverse(url_name, args=[case.slug]),
            detail=f"{case.owner.name} · {case.get_status_display()}",
        )
        for case in cases[:ITEMS_SHOWN]
    ]
    return WorkSection(key=key, title=title, count=cases.count(), items=items, empty=empty)


@register_work("cases.drafts", order=10)
def drafts_to_edit(user) -> WorkSection:
    return _section(
        "drafts",
        _("Drafts you may edit"),
        _("No drafts are waiting for you."),
        editable_drafts(user),
        "cases:detail",
    )


@register_work("cases.publish", order=30)
def cases_to_publish(user) -> WorkSection:
    return _section(
        "publish",
        _("Ready to publish"),
        _("No cases are waiting to be published."),
        publishable(user),
        "cases:publish",
    )
