"""Due reminders: once a day (job ``portfolio.due_reminders``, or ``manage.py
portfolio_due_reminders``) the gatekeepers and owner hear of an evaluation date reached in
an open stage that ends in a gate (``initiative.gate_due``), and the team of a reflection
due (``initiative.reflection_due``). Each due date is reminded once (``DueReminder``);
stopped, parked, finished and archived initiatives get none; people who left the lead and
partner organisations are skipped."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.jobs import enqueue, task
from proeftuin.core.service import StageCategory
from proeftuin.notifications.service import next_digest_at, notify, register_event
from proeftuin.portfolio.choices import TeamRole
from proeftuin.portfolio.models import DueReminder, Initiative
from proeftuin.portfolio.permissions import is_organisation_member

GATE_DUE = "initiative.gate_due"
REFLECTION_DUE = "initiative.reflection_due"
JOB = "portfolio.due_reminders"

register_event(GATE_DUE, gettext_lazy("A gate of an initiative you lead or keep is due"))
register_event(REFLECTION_DUE, gettext_lazy("A reflection of an initiative you work on is due"))


def _open(today):
    rows = Initiative.objects.current().filter(stage__category=StageCategory.OPEN)
    return rows.select_related("owner", "stage").prefetch_related("partners")


def _members(initiative: Initiative, roles=None) -> list:
    team = initiative.team.select_related("user")
    if roles is not None:
        team = team.filter(role__in=roles)
    return [m.user for m in team if is_organisation_member(m.user, initiative)]


def _remind(initiative, kind: str, due, event: str, title: str, recipients) -> bool:
    """Record the reminder and notify in one transaction; False when already sent."""
    try:
        with transaction.atomic():
            DueReminder.objects.create(initiative=initiative, kind=kind, due_date=due)
            url = reverse("portfolio:detail", args=[initiative.slug])
            notify(recipients=recipients, event=event, title=title, url=url, subject=initiative)
    except IntegrityError:
        return False
    return True


def send_due_reminders(today=None) -> int:
    """Send today's reminders; the number of due dates reminded."""
    today = today or timezone.localdate()
    sent = 0
    gates = _open(today).filter(evaluation_date__lte=today, stage__transitions_out__is_gate=True)
    for initiative in gates.distinct():
        title = _("The gate of “%(initiative)s” is due (evaluation date %(date)s)") % {
            "initiative": initiative.title,
            "date": initiative.evaluation_date.strftime("%d-%m-%Y"),
        }
        users = _members(initiative, [TeamRole.GATEKEEPER, TeamRole.OWNER])
        sent += _remind(initiative, "gate", initiative.evaluation_date, GATE_DUE, title, users)
    for initiative in _open(today).filter(reflection_due__lte=today):
        title = _("A reflection on “%(initiative)s” is due (%(date)s)") % {
            "initiative": initiative.title,
            "date": initiative.reflection_due.strftime("%d-%m-%Y"),
        }
        users = _members(initiative)
        sent += _remind(
            initiative, "reflection", initiative.reflection_due, REFLECTION_DUE, title, users
        )
    return sent


def gates_due_soon(user, *, within_days: int = 7, today=None):
    """Visible, open initiatives whose gate ``user`` keeps or owns (while still a member of
    the lead or a partner) with an evaluation date within ``within_days`` or past."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Initiative.objects.none()
    today = today or timezone.localdate()
    organisations = list(roles_by_organisation(user))
    mine = Initiative.objects.filter(
        Q(owner_id__in=organisations) | Q(partners__in=organisations),
        team__user=user,
        team__role__in=[TeamRole.GATEKEEPER, TeamRole.OWNER],
    )
    rows = Initiative.objects.visible_to(user).filter(
        pk__in=mine.values("pk"),
        stage__category=StageCategory.OPEN,
        stage__transitions_out__is_gate=True,
        evaluation_date__lte=today + datetime.timedelta(days=within_days),
    )
    pks = rows.values("pk")
    return (
        Initiative.objects.filter(pk__in=pks)
        .exclude(status="archived")
        .select_related("owner", "stage")
        .order_by("evaluation_date", "pk")
    )


def schedule() -> None:
    """Queue the next daily run at the digest hour (the queue keeps one waiting copy)."""
    enqueue(JOB, run_after=next_digest_at())


@task(JOB, next_run=next_digest_at)
def due_reminders() -> None:
    send_due_reminders()
    schedule()
