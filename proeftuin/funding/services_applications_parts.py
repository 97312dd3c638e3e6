"""Writes of the parts of an application the applicants add and remove: partner
organisations (never the lead itself), co-applicants (members of the lead or a partner)
and attachments (answers to the form's file questions, within the size and type limits).
Each bumps the application's version and is audited on the application."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import AuditEntry, audit_record
from proeftuin.core.service import require as check
from proeftuin.funding import permissions
from proeftuin.funding.answers_apply import attachment_problem
from proeftuin.funding.choices import QuestionKind
from proeftuin.funding.common import changed, locked
from proeftuin.funding.models import Application, ApplicationPartner, Attachment
from proeftuin.funding.services_applications import bump, refuse

MAX_PARTNERS = 50


def _editable(actor, application, expected_version):
    check(permissions.can_edit_application(actor, application))
    row = locked(Application, application, expected_version)
    check(permissions.can_edit_application(actor, row))
    return row


def _record(actor, application, before: dict, after: dict) -> None:
    bump(application, [])
    audit_record(
        actor=actor, action=AuditEntry.Action.UPDATE, obj=application, before=before, after=after
    )
    changed()


def _partner_names(application) -> list[str]:
    return sorted(p.organisation.name for p in application.partners.select_related("organisation"))


@transaction.atomic
def partner_add(
    *, actor, application, organisation, contribution: str = "", expected_version=None
) -> ApplicationPartner:
    """Add ``organisation`` as a partner; the lead organisation cannot be its own partner."""
    row = _editable(actor, application, expected_version)
    if organisation is None:
        refuse("organisation", _("Choose an organisation registered on the platform."))
    if organisation.pk == row.owner_id:
        refuse(
            "organisation",
            _(
                "The lead organisation cannot also be a partner: add the other organisations "
                "that take part."
            ),
        )
    if row.partners.filter(organisation=organisation).exists():
        refuse("organisation", _("This organisation is already a partner."))
    if row.partners.count() >= MAX_PARTNERS:
        refuse("organisation", _("At most %(n)d partners.") % {"n": MAX_PARTNERS})
    before = {"partners": _partner_names(row)}
    partner = ApplicationPartner.objects.create(
        application=row, organisation=organisation, contribution=(contribution or "").strip()[:300]
    )
    _record(actor, row, before, {"partners": _partner_names(row)})
    return partner


@transaction.atomic
def partner_remove(*, actor, application, organisation, expected_version=None) -> None:
    row = _editable(actor, application, expected_version)
    partner = row.partners.filter(organisation=organisation).first()
    if partner is None:
        refuse("organisation", _("This organisation is not a partner of this application."))
    before = {"partners": _partner_names(row)}
    partner.delete()
    _record(actor, row, before, {"partners": _partner_names(row)})


def _team_names(application) -> list[str]:
    return sorted(u.username for u in application.team.all())


def _member_of(user, application) -> bool:
    organisations = {application.owner_id} | set(
        application.partners.values_list("organisation_id", flat=True)
    )
    return bool(organisations & set(roles_by_organisation(user)))


@transaction.atomic
def co_applicant_add(*, actor, application, user, expected_version=None) -> None:
    """Add ``user`` as a co-applicant: they must belong to the lead or a partner."""
    row = _editable(actor, application, expected_version)
    if user is None or not user.is_active:
        refuse("user", _("This person was not found on the platform."))
    if user.pk == row.created_by_id or row.team.filter(pk=user.pk).exists():
        refuse("user", _("This person is already an applicant."))
    if not _member_of(user, row):
        refuse(
            "user",
            _("A co-applicant must be a member of the lead organisation or of a partner."),
        )
    before = {"team": _team_names(row)}
    row.team.add(user)
    _record(actor, row, before, {"team": _team_names(row)})


@transaction.atomic
def co_applicant_remove(*, actor, application, user, expected_version=None) -> None:
    row = _editable(actor, application, expected_version)
    if not row.team.filter(pk=user.pk).exists():
        refuse("user", _("This person is not a co-applicant."))
    before = {"team": _team_names(row)}
    row.team.remove(user)
    _record(actor, row, before, {"team": _team_names(row)})


@transaction.atomic
def attachment_add(
    *, actor, application, question_key: str, upload, expected_version=None
) -> Attachment:
    """Attach ``upload`` (an uploaded file) as the answer to the file question
    ``question_key``; refused with a Dutch message when too big or of a kind not allowed."""
    row = _editable(actor, application, expected_version)
    question = row.round.questions.filter(key=question_key, kind=QuestionKind.FILE).first()
    if question is None:
        refuse("question", _("Choose a question of this round that asks for a file."))
    if upload is None:
        refuse("file", _("Choose a file."))
    name = (getattr(upload, "name", "") or "bestand").rsplit("/", 1)[-1][:255]
    problem = attachment_problem(name, upload.size, getattr(upload, "content_type", ""))
    if problem:
        refuse("file", problem)
    attachment = Attachment(
        application=row,
        question_key=question.key,
        name=name,
        size=upload.size,
        content_type=(getattr(upload, "content_type", "") or "")[:120],
        uploaded_by=actor,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    _record(actor, row, {}, {"attachment": f"{question.key}: {name}"})
    return attachment


@transaction.atomic
def attachment_remove(*, actor, application, attachment, expected_version=None) -> None:
    row = _editable(actor, application, expected_version)
    if attachment.application_id != row.pk:
        refuse("attachment", _("This file is not part of this application."))
    before = {"attachment": f"{attachment.question_key}: {attachment.name}"}
    storage, path = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(path))
    _record(actor, row, before, {})
