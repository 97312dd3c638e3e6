"""Writing a review: the assigned reviewer saves a draft (any scores so far) and submits
it once (a score 0-5 on every criterion of the round, an overall recommendation). The
version check refuses a save over a newer one (two tabs, two devices); a submitted review
no longer changes. When the last review of an application is in, its managers hear."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    NotAllowed,
    ValidationFailed,
    audit_record,
)
from proeftuin.funding import events_review as events
from proeftuin.funding.choices import SCORE_MAX, SCORE_MIN, AssignmentStatus, Recommendation
from proeftuin.funding.common import changed, locked
from proeftuin.funding.models import Application, Review, ReviewAssignment, ReviewScore
from proeftuin.funding.querysets import active
from proeftuin.funding.services_reviews import counting, in_review
from proeftuin.notifications.service import notify

MAX_COMMENT = 10000


def score_field(criterion) -> str:
    """The name under which a criterion's score is sent and its error reported."""
    return f"score_{criterion.pk}"


def _as_score(value):
    """``None`` for no score, an ``int`` for a whole number, ``False`` for anything else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return False
    try:
        number = int(str(value).strip())
    except ValueError:
        return False
    return number


def _parse_scores(criteria, scores: dict, errors: dict) -> dict:
    """``{criterion: int | None}`` from ``scores`` keyed by criterion or its id."""
    by_id = {c.pk: c for c in criteria}
    parsed = {c: None for c in criteria}
    for key, value in (scores or {}).items():
        criterion_id = getattr(key, "pk", key)
        try:
            criterion = by_id[int(criterion_id)]
        except (KeyError, TypeError, ValueError):
            errors.setdefault("scores", []).append(
                _("This criterion does not belong to the round: %(key)s.") % {"key": key}
            )
            continue
        number = _as_score(value)
        if number is False or (number is not None and not SCORE_MIN <= number <= SCORE_MAX):
            errors[score_field(criterion)] = [
                _("The score for “%(criterion)s” must be a whole number from %(min)s to %(max)s.")
                % {"criterion": criterion.name, "min": SCORE_MIN, "max": SCORE_MAX}
            ]
            continue
        parsed[criterion] = number
    return parsed


def _check_complete(parsed: dict, recommendation: str, errors: dict) -> None:
    for criterion, number in parsed.items():
        if number is None and score_field(criterion) not in errors:
            errors[score_field(criterion)] = [
                _("Give a score for “%(criterion)s”.") % {"criterion": criterion.name}
            ]
    if not recommendation:
        errors.setdefault("recommendation", []).append(
            _("Choose your recommendation: yes, maybe or no.")
        )


def _parse(assignment, scores, recommendation, comment, submit) -> dict:
    errors: dict[str, list] = {}
    criteria = list(assignment.application.round.criteria.all())
    parsed = _parse_scores(criteria, scores, errors)
    if recommendation not in ("", *Recommendation.values):
        errors["recommendation"] = [_("Choose your recommendation: yes, maybe or no.")]
    if len(comment) > MAX_COMMENT:
        errors["comment"] = [_("The comment is too long (at most 10,000 characters).")]
    if submit:
        _check_complete(parsed, recommendation, errors)
    if errors:
        message = (
            _("The review cannot be submitted yet:") if submit else _("The review was not saved:")
        )
        raise ValidationFailed(message, field_errors=errors)
    return parsed


def _writable(actor, assignment) -> ReviewAssignment:
    if not active(actor) or assignment.reviewer_id != actor.pk:
        raise NotAllowed(_("Only the assigned reviewer can write this review."))
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("application__stage", "application__round")
        .get(pk=assignment.pk)
    )
    if assignment.status == AssignmentStatus.RECUSED:
        raise ConflictError(_("You recused yourself from this application."))
    if assignment.status == AssignmentStatus.SUBMITTED:
        raise ConflictError(_("This review has already been submitted; it can no longer change."))
    readable = Application.objects.visible_to(actor).filter(pk=assignment.application_id)
    if not readable.exists():
        raise NotAllowed(_("You have a conflict of interest with this application."))
    if not in_review(assignment.application):
        raise ValidationFailed(_("The review of this application has closed."))
    return assignment


def review_snapshot(review) -> dict:
    scores = {s.criterion.name: [s.score, s.comment] for s in review.scores.all()}
    return {
        "recommendation": review.recommendation,
        "comment": review.comment,
        "submitted_at": review.submitted_at.isoformat() if review.submitted_at else None,
        "scores": scores,
    }


def _review_row(assignment, version):
    review = Review.objects.filter(assignment=assignment).first()
    if review is None:
        if version not in (None, "", 0, "0"):
            raise ConflictError()
        return Review(assignment=assignment, version=0), {}
    review = locked(Review, review, None if version in (None, "") else version)
    return review, review_snapshot(review)


def _store_scores(review, parsed: dict, score_comments: dict) -> None:
    for criterion, number in parsed.items():
        note = (score_comments or {}).get(criterion.pk, "") or ""
        if number is None:
            review.scores.filter(criterion=criterion).delete()
            continue
        ReviewScore.objects.update_or_create(
            review=review, criterion=criterion, defaults={"score": number, "comment": note.strip()}
        )


@transaction.atomic
def review_save(
    *,
    actor,
    assignment,
    scores: dict,
    recommendation: str = "",
    comment: str = "",
    score_comments: dict | None = None,
    version=None,
    submit: bool = False,
) -> Review:
    """Save the review of ``assignment`` as a draft, or submit it (``submit``): scores
    ``{criterion or its id: 0-5}``, comments per criterion ``{criterion id: text}``, an
    overall comment and recommendation. ``version``: the version the form was opened
    with (a newer save in between is a ``ConflictError``)."""
    assignment = _writable(actor, assignment)
    recommendation, comment = (recommendation or "").strip(), (comment or "").strip()
    parsed = _parse(assignment, scores, recommendation, comment, submit)
    review, before = _review_row(assignment, version)
    review.recommendation, review.comment = recommendation, comment
    review.version += 1
    if submit:
        review.submitted_at = timezone.now()
    review.save()
    _store_scores(review, parsed, score_comments)
    action = AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE
    after = review_snapshot(review)
    audit_record(actor=actor, action=action, obj=review, before=before, after=after)
    if submit:
        assignment.status = AssignmentStatus.SUBMITTED
        assignment.save(update_fields=["status", "updated_at"])
        _tell_managers_when_complete(actor, assignment.application)
    changed()
    return review


def review_submit(**kwargs) -> Review:
    return review_save(submit=True, **kwargs)


def _tell_managers_when_complete(actor, application) -> None:
    holding = counting(application.assignments.all())
    if holding.exclude(status=AssignmentStatus.SUBMITTED).exists():
        return
    notify(
        recipients=list(application.round.fund.programme.managers.all()),
        event=events.ALL_IN,
        title=_("All reviews are in: %(title)s") % {"title": application.title},
        url=reverse("funding:review_summary", args=[application.uuid]),
        subject=application,
        actor=actor,
    )
