"""After a grant: the experiment in the portfolio, its obligations and its payments.

- ``grant_to_initiative``: in one step the granted application becomes an initiative of
  the lead organisation (problem, the idea as intended result, partners, the applicants as
  its team, the grant and the co-financing as budget lines, the application's KPIs), or,
  when the application started from an initiative, the grant is added to that one. Only through
  ``proeftuin.portfolio.service``; the portfolio writes are made in the name of the lead
  applicant (who becomes the initiative's owner), the manager's step is audited on the
  application.
- obligations, planned when the grant is decided: a progress report at the round's
  interval (``Round.report_every_months``), a reflection halfway, the final report at the end
  of the duration and the transfer into the case library a month later (brought forward when the
  experiment stops early); fulfilled by the managers or the applicants.
- tranches against milestones, planned and marked paid by the managers; together never more
  than the amount granted."""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.service import AuditEntry, DomainError, NotAllowed, audit_record
from proeftuin.core.service import require as check
from proeftuin.funding import permissions
from proeftuin.funding.choices import DecisionOutcome, ObligationKind, TrancheStatus
from proeftuin.funding.common import changed, snapshot
from proeftuin.funding.models import Application, Obligation, Tranche
from proeftuin.funding.services_decisions import euros, parse_amount, refuse
from proeftuin.portfolio.service import (
    InnovationKind,
    TeamRole,
    budget_line_save,
    initiative_create,
    kpi_save,
    team_member_add,
)

DEFAULT_DURATION_MONTHS = 12
TRANSFER_AFTER_DAYS = 30
DESCRIPTIONS = {
    ObligationKind.PROGRESS_REPORT: "Voortgangsrapportage na %(months)s maanden",
    ObligationKind.REFLECTION: "Reflectie halverwege het experiment",
    ObligationKind.FINAL_REPORT: "Eindrapportage",
    ObligationKind.TRANSFER: "Overdracht: het experiment als casus in de bibliotheek",
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def obligations_plan(application: Application) -> list[Obligation]:
    """The obligations of a grant just decided (inside the decision's transaction)."""
    start = timezone.localdate(application.decided_at or timezone.now())
    duration = application.duration_months or DEFAULT_DURATION_MONTHS
    end = add_months(start, duration)
    every = application.round.report_every_months
    rows = [
        (ObligationKind.PROGRESS_REPORT, add_months(start, months), {"months": months})
        for months in range(every, duration, every)
    ]
    rows.append((ObligationKind.REFLECTION, add_months(start, max(1, duration // 2)), {}))
    rows.append((ObligationKind.FINAL_REPORT, end, {}))
    transfer = end + datetime.timedelta(days=TRANSFER_AFTER_DAYS)
    rows.append((ObligationKind.TRANSFER, transfer, {}))
    return Obligation.objects.bulk_create(
        Obligation(
            application=application, kind=kind, due_on=due, description=DESCRIPTIONS[kind] % values
        )
        for kind, due, values in rows
    )


def obligations_bring_forward(application: Application, *, actor=None) -> int:
    """The experiment stopped early: the final report and the transfer are due within
    ``TRANSFER_AFTER_DAYS``; progress reports and reflections still open lapse."""
    due = timezone.localdate() + datetime.timedelta(days=TRANSFER_AFTER_DAYS)
    open_rows = Obligation.objects.filter(application=application, fulfilled_at__isnull=True)
    final = (ObligationKind.FINAL_REPORT, ObligationKind.TRANSFER)
    moved = open_rows.filter(kind__in=final, due_on__gt=due).update(due_on=due)
    lapsed = open_rows.exclude(kind__in=final).filter(due_on__gt=due)
    lapsed.delete()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=application,
        after={"obligations_brought_forward_to": due.isoformat()},
    )
    changed()
    return moved


def may_fulfil(user, obligation: Obligation) -> tuple[bool, str]:
    application = obligation.application
    if permissions.is_manager(user, application.round.fund):
        return True, ""
    if permissions.is_applicant(user, application):
        return True, ""
    return False, _("Only the applicants and the fund's managers can fulfil this obligation.")


@transaction.atomic
def obligation_fulfil(*, actor, obligation: Obligation, evidence: str) -> Obligation:
    check(may_fulfil(actor, obligation))
    row = Obligation.objects.select_for_update().get(pk=obligation.pk)
    if row.fulfilled_at is not None:
        refuse("evidence", _("This obligation has already been fulfilled."))
    evidence = (evidence or "").strip()
    if not evidence:
        refuse("evidence", _("Describe how the obligation was fulfilled (a link or a summary)."))
    row.fulfilled_at, row.fulfilled_by, row.evidence = timezone.now(), actor, evidence
    row.save(update_fields=["fulfilled_at", "fulfilled_by", "evidence", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=row,
        after=snapshot(row, ("kind", "due_on", "fulfilled_at", "evidence")),
    )
    changed()
    return row


# --- tranches ---


def _granted(actor, application: Application) -> Application:
    check(permissions.can_manage_fund(actor, application.round.fund))
    row = Application.objects.select_for_update().get(pk=application.pk)
    if row.outcome != DecisionOutcome.GRANTED:
        refuse("amount", _("Only a granted application has payments."))
    return row


@transaction.atomic
def tranche_plan(*, actor, application: Application, milestone: str, amount, due_on=None):
    """A payment at ``milestone``; all tranches together stay within the grant."""
    row = _granted(actor, application)
    milestone = (milestone or "").strip()
    if not milestone:
        refuse("milestone", _("Name the milestone at which this tranche is paid."))
    amount = parse_amount(amount)
    if amount is None or amount <= 0:
        refuse("amount", _("Enter the amount of the tranche (more than EUR 0)."))
    planned = row.tranches.aggregate(total=Sum("amount"))["total"] or Decimal("0")
    if planned + amount > row.granted_amount:
        refuse(
            "amount",
            _(
                "The tranches together would exceed the amount granted (%(granted)s); "
                "%(left)s is left to plan."
            )
            % {"granted": euros(row.granted_amount), "left": euros(row.granted_amount - planned)},
        )
    tranche = Tranche.objects.create(
        application=row, milestone=milestone, amount=amount, due_on=due_on
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=tranche,
        after=snapshot(tranche, ("milestone", "amount", "due_on")),
    )
    changed()
    return tranche


@transaction.atomic
def tranche_pay(*, actor, tranche: Tranche, paid_on=None) -> Tranche:
    check(permissions.can_manage_fund(actor, tranche.application.round.fund))
    row = Tranche.objects.select_for_update().get(pk=tranche.pk)
    if row.status == TrancheStatus.PAID:
        refuse("paid_on", _("This tranche has already been paid."))
    paid_on = paid_on or timezone.localdate()
    if paid_on > timezone.localdate():
        refuse("paid_on", _("The payment date cannot be in the future."))
    before = snapshot(row, ("status", "paid_on"))
    row.status, row.paid_on, row.paid_by = TrancheStatus.PAID, paid_on, actor
    row.save(update_fields=["status", "paid_on", "paid_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=row,
        before=before,
        after=snapshot(row, ("status", "paid_on")),
    )
    changed()
    return row


# --- into the portfolio ---


def funding_source(application: Application) -> str:
    return f"{application.round.fund.name}: {application.round.title}"[:200]


def _creator(application: Application):
    person = application.created_by
    if person is None or not person.is_active:
        raise NotAllowed(
            _("The lead applicant has no active account; the initiative cannot be made for them.")
        )
    return person


def _new_initiative(creator, application: Application, kind: str):
    try:
        initiative = initiative_create(
            actor=creator,
            owner=application.owner,
            title=application.title,
            problem=application.problem or application.title,
            intended_result=application.idea,
            kind=kind,
            partners=[p.organisation for p in application.partners.all()],
            started_on=timezone.localdate(application.decided_at or timezone.now()),
        )
    except NotAllowed as exc:
        raise NotAllowed(
            _("%(name)s can no longer start an initiative for %(organisation)s: %(reason)s")
            % {
                "name": creator.get_full_name() or creator.username,
                "organisation": application.owner.name,
                "reason": exc.message,
            }
        ) from exc
    skipped = []
    for person in application.team.exclude(pk=creator.pk):
        try:
            team_member_add(actor=creator, initiative=initiative, user=person, role=TeamRole.TEAM)
        except DomainError:  # no longer in the lead or a partner organisation
            skipped.append(person.get_full_name() or person.username)
    return initiative, skipped


def _budget(creator, application: Application, initiative) -> None:
    year = timezone.localdate(application.decided_at or timezone.now()).year
    grant = application.granted_amount
    lines = [(funding_source(application), grant, grant)]
    co_financing = (application.total_cost or Decimal("0")) - grant
    if co_financing > 0:
        lines.append((f"Cofinanciering {application.owner.name}"[:200], co_financing, 0))
    for source, planned, committed in lines:
        budget_line_save(
            actor=creator,
            initiative=initiative,
            year=year,
            funding_source=source,
            planned=planned,
            committed=committed,
            spent=Decimal("0"),
        )


def _kpis(creator, application: Application, initiative) -> None:
    """The application's KPIs become the initiative's; one it already measures (by the same
    name) is left as it is."""
    present = {m.casefold() for m in initiative.kpis.values_list("measure", flat=True)}
    for kpi in application.kpis.all():
        if kpi.measure.casefold() in present:
            continue
        kpi_save(
            actor=creator,
            initiative=initiative,
            measure=kpi.measure,
            unit=kpi.unit,
            baseline=kpi.baseline,
            target=kpi.target,
            direction=kpi.direction,
        )


@transaction.atomic
def grant_to_initiative(
    *, actor, application: Application, kind: str = InnovationKind.SERVICE
) -> tuple[object, list[str]]:
    """(the initiative, names of co-applicants who could not join its team)."""
    check(permissions.can_manage_fund(actor, application.round.fund))
    row = Application.objects.select_for_update().get(pk=application.pk)
    if row.outcome != DecisionOutcome.GRANTED:
        refuse("initiative", _("Only a granted application becomes an initiative."))
    if kind not in InnovationKind.values:
        refuse("kind", _("Choose the kind of innovation."))
    creator = _creator(row)
    initiative, skipped = row.initiative, []
    if (
        initiative is not None
        and initiative.budget.filter(funding_source=funding_source(row)).exists()
    ):
        refuse("initiative", _("This grant is already in the initiative's budget."))
    if initiative is None:
        initiative, skipped = _new_initiative(creator, row, kind)
    try:
        _budget(creator, row, initiative)
        _kpis(creator, row, initiative)
    except NotAllowed as exc:
        raise NotAllowed(
            _("The lead applicant cannot change initiative “%(title)s”: %(reason)s")
            % {"title": initiative.title, "reason": exc.message}
        ) from exc
    before = snapshot(row, ("initiative",))
    row.initiative, row.version = initiative, row.version + 1
    row.save(update_fields=["initiative", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=row,
        before=before,
        after={"initiative": initiative.slug, "funding_source": funding_source(row)},
    )
    changed()
    return initiative, skipped
