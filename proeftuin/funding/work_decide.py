"""The decision part's sections of "Mijn werk": decisions due (programme managers) and
obligations due (applicants of a grant)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists
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


def involvement(user) -> tuple[bool, bool]:
    """(manages a programme, has an obligation due) in one query, kept on ``user`` for the
    request, so both sections cost one query for someone they do not apply to."""
    cached = getattr(user, "_funding_decide_work", None)
    if cached is None:
        row = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .annotate(
                manages=Exists(programmes_managed(user)), obliged=Exists(obligations_due(user))
            )
            .values_list("manages", "obliged")
            .first()
        )
        cached = user._funding_decide_work = tuple(row or (False, False))
    return cached


@register_work("funding.decisions", order=41)
def decisions_to_make(user):
    if not involvement(user)[0]:
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
    if not involvement(user)[1]:
        return None
    rows = obligations_due(user)
    return work_section(
        "funding-obligations",
        _("Grant obligations due"),
        _("No report or other obligation of a grant is due."),
        rows,
        _obligation_item,
    )
