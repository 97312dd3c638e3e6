"""One demo application the whole way through the funding services (see funding.py): the
applicant applies (with the prior-cases check kept on the application), the screener finds
it eligible, the manager assigns two reviewers (a conflicted reviewer is refused, and the
refusal stays in the audit history), the reviewers score it; after the decision the
manager pays the tranches, turns a grant into an initiative and, for a Rakeling, the
applicant stops it with lessons and it becomes a case in the library."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from proeftuin.core.service import Move, ValidationFailed, workflow_move
from proeftuin.demo.portfolio import Library, publish_case
from proeftuin.funding.service import (
    Application,
    Obligation,
    Round,
    application_save,
    application_start,
    application_submit,
    assignment_create,
    grant_to_initiative,
    obligation_fulfil,
    partner_add,
    review_submit,
    screening_decide,
    screening_start,
    tranche_pay,
    tranche_plan,
)
from proeftuin.portfolio.service import Initiative, initiative_update


class Actors:
    """The demo accounts of the fund by username, and its manager."""

    def __init__(self, library: Library, manager):
        self.library, self.manager = library, manager

    def user(self, username: str):
        return self.library.user(username)

    def screener(self, round_: Round):
        return round_.fund.members.filter(role="screener").first().user

    def after_decision(self, application: Application, item: dict) -> None:
        """Tranches, the initiative and the obligations of a granted application."""
        if application.outcome != "granted":
            return
        for tranche in item.get("tranches") or []:
            paid_on = datetime.date.fromisoformat(tranche["paid_on"])
            planned = tranche_plan(
                actor=self.manager,
                application=application,
                milestone=tranche["milestone"],
                amount=tranche["amount"],
                due_on=paid_on,
            )
            tranche_pay(actor=self.manager, tranche=planned, paid_on=paid_on)
        initiative, _skipped = grant_to_initiative(actor=self.manager, application=application)
        if item.get("initiative"):
            self._stop_with_lessons(application, initiative, item["initiative"])

    def _stop_with_lessons(self, application, initiative, spec: dict) -> None:
        """The Rakeling: the applicant stops the experiment with its lessons; it becomes a
        case in the library, which fulfils the transfer, and every report is in."""
        applicant = application.created_by
        initiative = initiative_update(
            actor=applicant,
            initiative=initiative,
            lessons=" ".join(spec["lessons"].split()),
            status="published",
            visibility="public",
        )
        move = workflow_move(
            actor=applicant, subject=initiative, to_stage="stopped", reason=spec["reason"]
        )
        ended = application.decided_at + datetime.timedelta(days=120)
        Move.objects.filter(pk=move.pk).update(at=ended)
        Initiative.objects.filter(pk=initiative.pk).update(stage_entered_at=ended)
        case = publish_case(Initiative.objects.get(pk=initiative.pk))
        for obligation in application.obligations.order_by("due_on"):
            evidence = (
                f"Casus in de bibliotheek: {case.title}"
                if obligation.kind == "transfer"
                else "Ingeleverd; de lessen staan in de casus in de bibliotheek."
            )
            obligation_fulfil(actor=applicant, obligation=obligation, evidence=evidence)


def date_obligations(application: Application) -> None:
    """The obligations were planned from the day of loading; move them back to the day of
    the (dated) decision."""
    planned_on = timezone.localdate()
    shift = planned_on - timezone.localdate(application.decided_at)
    for obligation in Obligation.objects.filter(application=application):
        Obligation.objects.filter(pk=obligation.pk).update(due_on=obligation.due_on - shift)


def _apply(round_: Round, item: dict, actors: Actors) -> Application:
    applicant = actors.user(item["applicant"])
    owner = actors.library.organisation(item["owner"])
    application = application_start(actor=applicant, round=round_, owner=owner, title=item["title"])
    application = application_save(
        actor=applicant,
        application=application,
        problem=" ".join(item["problem"].split()),
        idea=" ".join(item["idea"].split()),
        public_summary=" ".join(item["public_summary"].split()),
        amount_requested=Decimal(str(item["amount"])),
        total_cost=Decimal(str(item["total_cost"])),
        duration_months=item["months"],
        answers=item.get("answers") or {},
    )
    for key in item.get("partners") or []:
        partner_add(
            actor=applicant,
            application=application,
            organisation=actors.library.organisation(key),
        )
        application.refresh_from_db()
    return application_submit(actor=applicant, application=application)


def _assign(application: Application, item: dict, actors: Actors) -> None:
    for username in item.get("conflicted") or []:
        try:
            assignment_create(
                actor=actors.manager, application=application, reviewer=actors.user(username)
            )
        except ValidationFailed:
            continue  # refused, as it should be: the refusal is in the audit history
        raise RuntimeError(f"{username} was assigned to {application.title!r} despite a conflict")
    criteria = list(application.round.criteria.order_by("order", "pk"))
    for review in item["reviews"]:
        reviewer = actors.user(review["by"])
        assignment = assignment_create(
            actor=actors.manager, application=application, reviewer=reviewer
        )
        review_submit(
            actor=reviewer,
            assignment=assignment,
            scores={c.pk: s for c, s in zip(criteria, review["scores"], strict=True)},
            recommendation=review["recommendation"],
            comment=review["comment"],
        )


def run_application(round_: Round, item: dict, actors: Actors) -> Application:
    """Apply, screen, assign and review ``item``; the application ends in review."""
    application = _apply(round_, item, actors)
    screener = actors.screener(round_)
    application = screening_start(actor=screener, application=application)
    application = screening_decide(
        actor=screener, application=application, eligible=True, reasons=item["screening"]
    )
    _assign(application, item, actors)
    return Application.objects.get(pk=application.pk)
