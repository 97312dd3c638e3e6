"""The review part's section of "Mijn werk": reviews to do, for reviewers."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proeftuin.core.service import WorkItem, register_work, work_section
from proeftuin.funding.choices import FundRole
from proeftuin.funding.models import FundMember
from proeftuin.funding.selectors_review import reviews_to_do


def _item(assignment) -> WorkItem:
    application = assignment.application
    detail = application.round.title
    if assignment.due_on:
        detail = _("%(round)s · due %(date)s") % {
            "round": detail,
            "date": date_format(assignment.due_on),
        }
    return WorkItem(
        title=application.title,
        url=reverse("funding:review_form", args=[assignment.uuid]),
        detail=detail,
    )


@register_work("funding.reviews", order=34)
def reviews_waiting(user):
    """Only for reviewers of a fund (``None``: the section does not apply)."""
    if not FundMember.objects.filter(user=user, role=FundRole.REVIEWER).exists():
        return None
    return work_section(
        "funding-reviews",
        _("Reviews to do"),
        _("No review is waiting for you."),
        reviews_to_do(user),
        _item,
        more_url=reverse("funding:review_queue"),
    )
