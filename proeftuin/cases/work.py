"""The case library's sections of "Mijn werk": drafts to edit and cases to publish."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, is_platform_admin, organisation_ids_with_role
from proeftuin.cases.choices import UNPUBLISHED
from proeftuin.cases.models import Case
from proeftuin.core.service import WorkItem, may_work_on, register_work, work_section


def _unpublished(user) -> QuerySet[Case]:
    drafts = Case.objects.visible_to(user).filter(status__in=UNPUBLISHED)
    return drafts.select_related("owner").order_by("-updated_at")


def editable_drafts(user) -> QuerySet[Case]:
    """Drafts and cases in review ``user`` may edit (``permissions.can_edit_case``)."""
    return may_work_on(_unpublished(user), user, author_field="created_by")


def publishable(user) -> QuerySet[Case]:
    """Drafts and cases in review ``user`` may publish (``permissions.can_publish_case``)."""
    drafts = _unpublished(user)
    if is_platform_admin(user):
        return drafts
    return drafts.filter(owner_id__in=organisation_ids_with_role(user, Role.EDITOR))


def _item(url_name: str):
    def item(case: Case) -> WorkItem:
        detail = f"{case.owner.name} · {case.get_status_display()}"
        return WorkItem(title=case.title, url=reverse(url_name, args=[case.slug]), detail=detail)

    return item


@register_work("cases.drafts", order=10)
def drafts_to_edit(user):
    title, empty = _("Drafts you may edit"), _("No drafts are waiting for you.")
    return work_section("drafts", title, empty, editable_drafts(user), _item("cases:detail"))


@register_work("cases.publish", order=30)
def cases_to_publish(user):
    title, empty = _("Ready to publish"), _("No cases are waiting to be published.")
    return work_section("publish", title, empty, publishable(user), _item("cases:publish"))
