"""The register's sections of "Mijn werk": public reports waiting for moderation (for
stewards) and suggested links to decide (for editors of the initiatives' and cases'
organisations)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.accounts.service import Role, organisation_ids_with_role
from proeftuin.barriers.choices import LinkStatus
from proeftuin.barriers.models import Barrier, BarrierLink
from proeftuin.barriers.permissions import is_steward
from proeftuin.barriers.selectors import reports_pending
from proeftuin.core.service import WorkItem, register_work, work_section


def _report_item(report) -> WorkItem:
    url = reverse("barriers:moderate", args=[report.uuid])
    return WorkItem(title=report.rule, url=url, detail=report.created_at.strftime("%d-%m-%Y"))


@register_work("barriers.reports", order=70)
def reports_to_moderate(user):
    if not is_steward(user):
        return None
    title, empty = _("Rule reports to moderate"), _("No report is waiting for moderation.")
    more = reverse("barriers:reports")
    return work_section(
        "rule-reports", title, empty, reports_pending(), _report_item, more_url=more
    )


def _link_item(link) -> WorkItem:
    subject = link.initiative or link.case
    url = reverse("barriers:detail", args=[link.barrier.slug])
    return WorkItem(title=link.barrier.title, url=url, detail=str(subject))


@register_work("barriers.suggestions", order=72)
def links_to_decide(user):
    editor = organisation_ids_with_role(user, Role.EDITOR)
    if not editor:
        return None
    rows = (
        BarrierLink.objects.filter(status=LinkStatus.SUGGESTED, organisation_id__in=editor)
        .filter(barrier__in=Barrier.objects.visible_to(user).values("pk"))
        .select_related("barrier", "initiative", "case")
        .order_by("-created_at", "-pk")
    )
    title = _("Barriers suggested for your initiatives and cases")
    return work_section("barrier-links", title, _("No suggestion to decide."), rows, _link_item)
