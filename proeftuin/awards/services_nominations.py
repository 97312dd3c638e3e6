"""Writes to nominations: nominating (oneself or another organisation), the nominee's
consent, its contacts, the written submission per criterion, submitting and withdrawing.
Each write is atomic, permission-checked and audited; stage changes go through core's
``workflow_move``."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.accounts.service import role_in
from proeftuin.awards import events, permissions
from proeftuin.awards.choices import Consent, NominationSource
from proeftuin.awards.common import changed, refuse
from proeftuin.awards.models import Edition, Nomination, SubmissionAnswer
from proeftuin.core.service import (
    AuditEntry,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
    audit_record,
    locked,
    workflow_initial_stage,
    workflow_move,
)
from proeftuin.core.service import require as check

MAX_MOTIVATION = 5000
MAX_ANSWER = 12000
INITIAL, SUBMITTED, WITHDRAWN = "nominated", "submitted", "withdrawn"


def nominations_closed_message(edition) -> str | None:
    """Why ``edition`` takes no nominations now (Dutch), ``None`` when it does."""
    now = timezone.now()
    if not edition.published:
        return _("This edition is not open for nominations.")
    if now < edition.nominations_open:
        return _("Nominations open on %(date)s.") % {
            "date": timezone.localtime(edition.nominations_open).strftime("%d-%m-%Y %H:%M")
        }
    if now > edition.nominations_close:
        return _("Nominations for this edition closed on %(date)s.") % {
            "date": timezone.localtime(edition.nominations_close).strftime("%d-%m-%Y %H:%M")
        }
    return None


def _visible_edition(actor, edition) -> Edition:
    if not Edition.objects.visible_to(actor).filter(pk=edition.pk).exists():
        raise NotAllowed(_("This edition does not exist or is not visible to you."))
    return edition


def _nomination_checks(actor, edition, organisation, source, motivation, category) -> str:
    """The nomination's input, each problem refused in Dutch; the cleaned motivation."""
    if organisation is None:
        refuse("organisation", _("Choose the organisation you nominate."))
    if source not in NominationSource.values:
        refuse("source", _("Say whether you nominate your own organisation or another one."))
    if source == NominationSource.SELF:
        check(permissions.can_self_nominate(actor, organisation))
    motivation = (motivation or "").strip()
    if source == NominationSource.OTHER and not motivation:
        refuse("motivation", _("Say why you nominate this organisation."))
    if len(motivation) > MAX_MOTIVATION:
        refuse("motivation", _("Write at most %(n)d characters.") % {"n": MAX_MOTIVATION})
    if category is not None and category.edition_id != edition.pk:
        refuse("category", _("Choose a category of this edition."))
    if category is None and edition.categories.exists():
        refuse("category", _("Choose a category."))
    return motivation


@transaction.atomic
def nomination_create(
    *, actor, edition, organisation, source: str, motivation: str = "", category=None
) -> Nomination:
    """``actor`` nominates ``organisation`` for ``edition``: itself (``source="self"``,
    consent given at once) or as another party (the nominee is asked for consent first)."""
    check(permissions.can_nominate(actor))
    _visible_edition(actor, edition)
    closed = nominations_closed_message(edition)
    if closed:
        raise NotAllowed(closed)
    motivation = _nomination_checks(actor, edition, organisation, source, motivation, category)
    own = source == NominationSource.SELF
    nomination = Nomination(
        edition=edition,
        owner=organisation,
        category=category,
        source=source,
        nominated_by=actor,
        motivation=motivation,
        consent=Consent.GIVEN if own else Consent.PENDING,
        consent_by=actor if own else None,
        consent_at=timezone.now() if own else None,
        workflow=edition.workflow,
        stage=workflow_initial_stage(edition.workflow),
    )
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError as exc:
        message = _("%(organisation)s is already nominated for this edition.") % {
            "organisation": organisation.name
        }
        raise DuplicateError(message, field_errors={"organisation": [message]}) from exc
    if own:
        nomination.contacts.add(actor)
    else:
        events.consent_asked(nomination, actor)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=nomination,
        after={"nominee": organisation.name, "source": source, "consent": nomination.consent},
    )
    changed()
    return nomination


@transaction.atomic
def consent_decide(*, actor, nomination, give: bool, reason: str = "", expected_version=None):
    """The nominee gives or refuses consent to a nomination by another party; a refused
    nomination is withdrawn and never becomes public."""
    check(permissions.can_consent(actor, nomination))
    row = locked(Nomination, nomination, expected_version)
    if row.consent != Consent.PENDING:
        refuse("consent", _("Consent for this nomination was already decided."))
    before = {"consent": row.consent}
    row.consent = Consent.GIVEN if give else Consent.REFUSED
    row.consent_by, row.consent_at = actor, timezone.now()
    row.version += 1
    row.save(update_fields=["consent", "consent_by", "consent_at", "version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=row,
        before=before,
        after={"consent": row.consent},
    )
    if give:
        row.contacts.add(actor)
    else:
        reason = (reason or "").strip() or _("The nominee did not give consent.")
        workflow_move(actor=actor, subject=row, to_stage=WITHDRAWN, reason=reason)
    changed()
    return row


@transaction.atomic
def contact_add(*, actor, nomination, user, expected_version=None) -> None:
    """Add ``user`` (a member of the nominee organisation) as a contact of the nomination."""
    check(permissions.can_edit_submission(actor, nomination))
    row = locked(Nomination, nomination, expected_version)
    if user is None or not user.is_active:
        refuse("user", _("This person was not found on the platform."))
    if role_in(user, row.owner_id) is None:
        refuse("user", _("A contact must be a member of the nominated organisation."))
    if row.contacts.filter(pk=user.pk).exists():
        refuse("user", _("This person is already a contact."))
    before = {"contacts": sorted(row.contacts.values_list("username", flat=True))}
    row.contacts.add(user)
    _bump(actor, row, before, {"contacts": sorted(row.contacts.values_list("username", flat=True))})


def _writable(actor, nomination, expected_version):
    check(permissions.can_edit_submission(actor, nomination))
    row = locked(Nomination, nomination, expected_version)
    if row.consent != Consent.GIVEN:
        raise NotAllowed(_("The nominee has not given consent yet."))
    if row.stage.key != INITIAL:
        raise NotAllowed(_("The submission has been sent in and can no longer change."))
    if timezone.now() > row.edition.submissions_close:
        raise NotAllowed(
            _("The deadline for submissions passed on %(date)s.")
            % {"date": timezone.localtime(row.edition.submissions_close).strftime("%d-%m-%Y %H:%M")}
        )
    return row


def _answers(row) -> dict[str, str]:
    return {a.criterion.name: a.text for a in row.answers.select_related("criterion")}


@transaction.atomic
def submission_save(*, actor, nomination, answers: dict, expected_version=None) -> Nomination:
    """Save the texts per criterion (``{criterion id: text}``); an empty text removes one."""
    row = _writable(actor, nomination, expected_version)
    criteria = {c.pk: c for c in row.edition.criteria.all()}
    errors: dict[str, list[str]] = {}
    for key, text in answers.items():
        criterion = criteria.get(_int(key))
        if criterion is None:
            errors[str(key)] = [_("This is not a criterion of this edition.")]
        elif len(text or "") > MAX_ANSWER:
            errors[str(key)] = [_("Write at most %(n)d characters.") % {"n": MAX_ANSWER}]
    if errors:
        raise ValidationFailed(field_errors=errors)
    before = _answers(row)
    for key, text in answers.items():
        criterion, text = criteria[_int(key)], (text or "").strip()
        if text:
            SubmissionAnswer.objects.update_or_create(
                nomination=row, criterion=criterion, defaults={"text": text}
            )
        else:
            SubmissionAnswer.objects.filter(nomination=row, criterion=criterion).delete()
    _bump(actor, row, before, _answers(row))
    return row


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def submission_problems(nomination) -> list[str]:
    """What the submission still lacks (Dutch), one message per criterion without text."""
    answered = set(nomination.answers.values_list("criterion_id", flat=True))
    return [
        _("Write about the criterion “%(criterion)s”.") % {"criterion": c.name}
        for c in nomination.edition.criteria.all()
        if c.pk not in answered
    ]


@transaction.atomic
def submission_submit(*, actor, nomination, expected_version=None) -> Nomination:
    row = _writable(actor, nomination, expected_version)
    problems = submission_problems(row)
    if not row.edition.criteria.exists():
        problems.append(_("The organisers have not set the criteria of this edition yet."))
    if problems:
        raise ValidationFailed(problems[0], field_errors={"answers": problems})
    row.submitted_at = timezone.now()
    row.version += 1
    row.save(update_fields=["submitted_at", "version", "updated_at"])
    workflow_move(actor=actor, subject=row, to_stage=SUBMITTED)
    changed()
    return row


@transaction.atomic
def nomination_withdraw(*, actor, nomination, reason: str, expected_version=None) -> Nomination:
    row = locked(Nomination, nomination, expected_version)
    reason = (reason or "").strip()
    if not reason:
        refuse("reason", _("Say why the nomination is withdrawn."))
    workflow_move(actor=actor, subject=row, to_stage=WITHDRAWN, reason=reason)
    row.refresh_from_db()
    row.version += 1
    row.save(update_fields=["version", "updated_at"])
    changed()
    return row


def _bump(actor, row, before, after) -> None:
    row.version += 1
    row.save(update_fields=["version", "updated_at"])
    audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=row, before=before, after=after)
    changed()
