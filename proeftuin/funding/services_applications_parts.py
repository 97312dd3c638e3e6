"""Writes of the parts of an application the applicants add and remove: partner
organisations (never the lead itself), co-applicants (members of the lead or a partner),
KPIs (what the experiment will measure; carried over to the initiative on a grant) and
attachments (answers to the form's file questions, within the size and type limits).
Each bumps the application's version and is audited on the application."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from proeftuin.accounts.service import roles_by_organisation
from proeftuin.core.service import AuditEntry, audit_record
from proeftuin.core.service import require as check
from proeftuin.funding import permissions
from proeftuin.funding.answers_apply import attachment_problem
from proeftuin.funding.choices import QuestionKind
from proeftuin.funding.common import changed, locked
from proeftuin.funding.models import Application, ApplicationKpi, ApplicationPartner, Attachment
from proeftuin.funding.services_applications import bump, refuse
from proeftuin.portfolio.service import KpiDirection, KpiUnit

MAX_PARTNERS = 50
MAX_KPIS = 12
KPI_LIMIT = Decimal("1e10")  # the columns hold 12 digits, two after the comma


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


def _kpi_names(application) -> list[str]:
    return [k.measure for k in application.kpis.all()]


def _kpi_problems(measure: str, unit: str, direction: str, numbers: dict) -> None:
    if not measure:
        refuse("measure", _("Say what is measured."))
    if unit not in KpiUnit.values:
        refuse("unit", _("Choose a unit."))
    if direction not in KpiDirection.values:
        refuse("direction", _("Choose whether higher or lower is better."))
    for name, value in numbers.items():
        if value is None:
            continue
        if not (-KPI_LIMIT < value < KPI_LIMIT):
            refuse(name, _("This number is too large."))
        if unit == KpiUnit.PERCENT and not (0 <= value <= 100):
            refuse(name, _("A percentage lies between 0 and 100."))


@transaction.atomic
def kpi_add(
    *,
    actor,
    application,
    measure: str,
    unit: str,
    direction: str,
    baseline: Decimal | None = None,
    target: Decimal | None = None,
    expected_version=None,
) -> ApplicationKpi:
    """Add what the experiment will measure, in ``unit``, from ``baseline`` towards
    ``target`` (``direction``: whether higher or lower is better)."""
    row = _editable(actor, application, expected_version)
    measure = (measure or "").strip()[:250]
    _kpi_problems(measure, unit, direction, {"baseline": baseline, "target": target})
    if row.kpis.count() >= MAX_KPIS:
        refuse("measure", _("At most %(n)d KPIs.") % {"n": MAX_KPIS})
    if row.kpis.filter(measure__iexact=measure).exists():
        refuse("measure", _("This KPI is already part of the application."))
    before = {"kpis": _kpi_names(row)}
    last = row.kpis.aggregate(last=Max("order"))["last"]
    kpi = ApplicationKpi.objects.create(
        application=row,
        measure=measure,
        unit=unit,
        direction=direction,
        baseline=baseline,
        target=target,
        order=0 if last is None else last + 1,
    )
    _record(actor, row, before, {"kpis": _kpi_names(row)})
    return kpi


@transaction.atomic
def kpi_remove(*, actor, application, kpi, expected_version=None) -> None:
    row = _editable(actor, application, expected_version)
    if kpi is None or kpi.application_id != row.pk:
        refuse("kpi", _("This KPI is not part of this application."))
    before = {"kpis": _kpi_names(row)}
    kpi.delete()
    _record(actor, row, before, {"kpis": _kpi_names(row)})
