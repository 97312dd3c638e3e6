"""The decision part's sections of "Mijn werk": decisions due (programme managers) and
obligations due (applicants of a grant)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.core.service import WorkItem, register_work, work_section
from proeftuin.funding.selectors_decide import decisions_due, obligations_due
from proeftuin.organisations.service import programmes_managed


def _decision_item(application) -> WorkItem:
    return WorkItem(
        title=application.title,
        url=reverse("funding:decide_round", args=[application.round.slug]),
        detail=_("%(round)s · %(organisation)s")
        % {"round": application.round.title, "organisation": application.owner.name},
    )


@register_work("funding.decisions", order=41)
def decisions_to_make(user):
    if not programmes_managed(user).exists():
        return None
    return work_section(
        "funding-decisions",
        _("Funding decisions due"),
        _("No application is waiting for your decision."),
        decisions_due(user),
        _decision_item,
    )


def _obligation_item(obligation) -> WorkItem:
    return WorkItem(
        title=f"{obligation.get_kind_display()}: {obligation.application.title}",
        url=reverse("funding:decide_application", args=[obligation.application.uuid])
        + "#verplichtingen",
        detail=_("due on %(date)s") % {"date": obligation.due_on.isoformat()},
    )


@register_work("funding.obligations", order=42)
def obligations_to_fulfil(user):
    rows = obligations_due(user)
    if not rows.exists():
        return None
    return work_section(
        "funding-obligations",
        _("Grant obligations due"),
        _("No report or other obligation of a grant is due."),
        rows,
        _obligation_item,
    )
