"""Reminders to judges of the nominations they still have to score.

An organiser reminds the judges of a panel with work open at one step from the edition's
management page (each judge at most once per ``MANUAL_GAP`` per step: a second click the
same day reminds nobody twice). Once a day the job ``awards.judge_reminders`` reminds the
judges with work open at a step whose date comes within ``DUE_WITHIN_DAYS`` days (the
selection date for the written submissions, the pitch date for the pitches, the ceremony
for the site visits), once per judge, step and date. Judges who have scored everything
they may score, or may score nothing (conflicts, recusals), hear nothing."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from proeftuin.awards import permissions, selectors_judging
from proeftuin.awards.choices import Step
from proeftuin.awards.common import refuse
from proeftuin.awards.models import Edition, JudgeReminder, Panel
from proeftuin.awards.services_judging import PANEL_STEPS
from proeftuin.core.jobs import enqueue, task
from proeftuin.core.service import AuditEntry, audit_record
from proeftuin.core.service import require as check
from proeftuin.notifications.service import next_digest_at, notify, register_event

REMINDER = "awards.judge_reminder"
JOB = "awards.judge_reminders"
DUE_WITHIN_DAYS = 3
MANUAL_GAP = datetime.timedelta(hours=20)
STEP_DATE = {
    Step.SUBMISSION: "selection_on",
    Step.PITCH: "pitches_on",
    Step.SITE_VISIT: "ceremony_on",
}

register_event(REMINDER, gettext_lazy("Nominations of an award are waiting for your scores"))


def due_on(edition, step: str) -> datetime.date | None:
    """The date by which the panels score ``step``; ``None`` when the edition sets none."""
    return getattr(edition, STEP_DATE[step])


def open_work(panel, step: str) -> list[tuple[object, int]]:
    """(judge, nominations still to score) for every judge of ``panel`` with work open."""
    [(_step, rows)] = selectors_judging.panel_progress(panel=panel, steps=[step])
    return [
        (r["judge"], r["to_score"] - r["submitted"]) for r in rows if r["to_score"] > r["submitted"]
    ]


def _title(panel, step: str, count: int, due) -> str:
    text = ngettext(
        "%(count)d nomination of %(edition)s waits for your scores (%(step)s)",
        "%(count)d nominations of %(edition)s wait for your scores (%(step)s)",
        count,
    ) % {"count": count, "edition": panel.edition.title, "step": Step(step).label}
    if due:
        text += " " + _("— please score them by %(date)s.") % {"date": due.strftime("%d-%m-%Y")}
    return text


def _send(panel, step: str, judge, count: int, due, actor=None) -> None:
    notify(
        recipients=[judge],
        event=REMINDER,
        title=_title(panel, step, count, due),
        url=reverse("awards:judging", args=[panel.edition.slug]),
        actor=actor,
    )


def _check_step(panel, step: str) -> None:
    if step not in PANEL_STEPS.get(panel.kind, ()):
        refuse("step", _("This panel does not score this step."))


def remind_judges(*, actor, panel: Panel, step: str, now=None) -> tuple[int, int]:
    """Remind the judges of ``panel`` with work open at ``step``; (reminded, skipped because
    reminded less than a day ago). Organisers only; audited."""
    check(permissions.can_organise(actor, panel.edition.competition))
    _check_step(panel, step)
    now = now or timezone.now()
    recent = set(
        JudgeReminder.objects.filter(
            panel=panel, step=step, sent_at__gte=now - MANUAL_GAP
        ).values_list("judge_id", flat=True)
    )
    due = due_on(panel.edition, step)
    sent = skipped = 0
    with transaction.atomic():
        for judge, count in open_work(panel, step):
            if judge.pk in recent or not judge.is_active:
                skipped += 1
                continue
            reminder = JudgeReminder.objects.create(
                panel=panel, judge=judge, step=step, open_count=count, due_on=due, sent_by=actor
            )
            audit_record(
                actor=actor,
                action=AuditEntry.Action.CREATE,
                obj=reminder,
                after={"judge": judge.username, "step": step, "open": count},
            )
            _send(panel, step, judge, count, due, actor)
            sent += 1
    return sent, skipped


def last_reminders(panels) -> dict[int, dict[tuple[str, int], datetime.datetime]]:
    """When each judge of each of ``panels`` was last reminded: per panel id, per (step,
    judge id); one query."""
    last: dict[int, dict] = {panel.pk: {} for panel in panels}
    rows = JudgeReminder.objects.filter(panel__in=[p.pk for p in panels]).order_by()
    for panel_id, step, judge_id, sent_at in rows.values_list(
        "panel_id", "step", "judge_id", "sent_at"
    ):
        key = (step, judge_id)
        last[panel_id][key] = max(sent_at, last[panel_id].get(key, sent_at))
    return last


def _remind_due(panel, step: str, due) -> int:
    sent = 0
    for judge, count in open_work(panel, step):
        if not judge.is_active:
            continue
        try:
            with transaction.atomic():
                JudgeReminder.objects.create(
                    panel=panel, judge=judge, step=step, open_count=count, due_on=due
                )
                _send(panel, step, judge, count, due)
        except IntegrityError:  # this judge heard of this date already
            continue
        sent += 1
    return sent


def send_due_reminders(today=None) -> int:
    """Remind the judges of steps whose date comes within ``DUE_WITHIN_DAYS`` days; the
    number of reminders sent."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=DUE_WITHIN_DAYS)
    sent = 0
    for step, field in STEP_DATE.items():
        editions = Edition.objects.filter(**{f"{field}__gte": today, f"{field}__lte": until})
        panels = Panel.objects.filter(edition__in=editions).select_related("edition")
        for panel in panels:
            if step in PANEL_STEPS.get(panel.kind, ()):
                sent += _remind_due(panel, step, getattr(panel.edition, field))
    return sent


@task(JOB, next_run=next_digest_at)
def judge_reminders() -> None:
    send_due_reminders()
    enqueue(JOB, run_after=next_digest_at())
