"""Notifications of the decision part (registered when the app is ready): a decision made
(to the applicants), an obligation due (daily, once per obligation); and the move listener
that brings the final report and transfer forward when a funded initiative stops."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.core.jobs import enqueue, task
from proeftuin.core.service import StageCategory, on_move
from proeftuin.funding.choices import DecisionOutcome
from proeftuin.funding.models import Application, Obligation
from proeftuin.funding.permissions import is_applicant
from proeftuin.notifications.service import Notification, next_digest_at, notify, register_event

DECIDED = "funding.decided"
OBLIGATION_DUE = "funding.obligation_due"
DUE_JOB = "funding.obligations_due"
NOTICE_DAYS = 14

register_event(DECIDED, gettext_lazy("A decision was made on your funding application"))
register_event(OBLIGATION_DUE, gettext_lazy("A report or other obligation of a grant is due"))


def applicants(application: Application) -> list:
    people = [application.created_by, *application.team.all()]
    return [p for p in people if p is not None]


def decision_url(application: Application) -> str:
    return reverse("funding:decide_application", args=[application.uuid])


def decision_made(actor, application: Application) -> None:
    if application.outcome == DecisionOutcome.GRANTED:
        title = _("Your application “%(title)s” has been granted") % {"title": application.title}
    else:
        title = _("Your application “%(title)s” has been rejected") % {"title": application.title}
    notify(
        recipients=applicants(application),
        event=DECIDED,
        title=title,
        url=decision_url(application),
        subject=application,
        actor=actor,
    )


def _already_told(obligation_ids) -> set[int]:
    kind = ContentType.objects.get_for_model(Obligation)
    rows = Notification.objects.filter(
        event=OBLIGATION_DUE, subject_type=kind, subject_id__in=list(obligation_ids)
    )
    return set(rows.values_list("subject_id", flat=True))


def obligations_notify(today=None) -> int:
    """Tell the applicants of every open obligation due within ``NOTICE_DAYS`` (once)."""
    today = today or timezone.localdate()
    due = Obligation.objects.filter(
        fulfilled_at__isnull=True,
        due_on__lte=today + datetime.timedelta(days=NOTICE_DAYS),
        application__outcome=DecisionOutcome.GRANTED,
    ).select_related("application")
    rows = list(due)
    told = _already_told(o.pk for o in rows)
    count = 0
    for obligation in rows:
        if obligation.pk in told:
            continue
        application = obligation.application
        notify(
            recipients=[p for p in applicants(application) if is_applicant(p, application)],
            event=OBLIGATION_DUE,
            title=_("%(what)s for “%(title)s” is due on %(date)s")
            % {
                "what": obligation.get_kind_display(),
                "title": application.title,
                "date": obligation.due_on.isoformat(),
            },
            url=decision_url(application) + "#verplichtingen",
            subject=obligation,
        )
        count += 1
    return count


@task(DUE_JOB, next_run=next_digest_at)
def obligations_due_job() -> None:
    with transaction.atomic():
        obligations_notify()
        enqueue(DUE_JOB, run_after=next_digest_at())


@on_move("funding.initiative_stopped", kinds=("initiative",))
def initiative_stopped(move, subject) -> None:
    """A funded initiative stopped early: its transfer into the library comes now."""
    if move.to_stage.category != StageCategory.CLOSED_STOPPED:
        return
    from proeftuin.funding.services_grants import obligations_bring_forward

    funded = Application.objects.filter(initiative_id=subject.pk, outcome=DecisionOutcome.GRANTED)
    for application in funded:
        obligations_bring_forward(application, actor=move.actor)
