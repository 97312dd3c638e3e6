"""The report per authority as a file (CSV zip, XLSX, ODS: the portfolio's writers), made
on the worker: a request stores what to export and queues ``barriers.authority_export``;
the job builds the report over what the requester may see when it runs. Only the requester
sees or downloads it, for ``EXPORT_HOURS``."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.barriers.models import AuthorityReportExport
from proeftuin.barriers.patterns import authority_report, authority_table
from proeftuin.core.jobs import enqueue, task
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record
from proeftuin.portfolio.service import EXPORT_WRITERS

EXPORT_HOURS = 24
JOB = "barriers.authority_export"
FILES = {
    "csv": ("application/zip", "zip"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
}


@transaction.atomic
def authority_export_request(*, actor, authority, fmt: str) -> AuthorityReportExport:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise NotAllowed(_("Sign in to export a report."))
    if fmt not in FILES:
        message = _("Choose CSV, XLSX or ODS.")
        raise ValidationFailed(message, field_errors={"format": [message]})
    export = AuthorityReportExport.objects.create(
        requester=actor,
        authority=authority,
        format=fmt,
        expires_at=timezone.now() + datetime.timedelta(hours=EXPORT_HOURS),
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=export,
        after={"authority": authority.slug, "format": fmt},
    )
    enqueue(JOB, export.pk)
    return export


def export_for(*, user, uuid) -> AuthorityReportExport:
    if not user.is_authenticated:
        raise AuthorityReportExport.DoesNotExist
    return (
        AuthorityReportExport.objects.defer("data")
        .select_related("authority")
        .get(uuid=uuid, requester=user)
    )


def export_file(export: AuthorityReportExport) -> tuple[bytes, str, str]:
    if export.expires_at <= timezone.now():
        raise ValidationFailed(_("This export has expired; make a new one."))
    if export.state != AuthorityReportExport.State.DONE:
        raise ValidationFailed(_("This export is not ready yet."))
    data = AuthorityReportExport.objects.values_list("data", flat=True).get(pk=export.pk)
    content_type, extension = FILES[export.format]
    return bytes(data), content_type, f"knelpunten-{export.authority.slug}.{extension}"


def _fail(export_id: int, error=None) -> None:
    AuthorityReportExport.objects.filter(pk=export_id).exclude(state="done").update(
        state="failed", error=_("The export could not be made. Try again later.")
    )


@task(JOB, on_failure=lambda export_id, error=None: _fail(export_id, error))
def make_authority_export(export_id: int) -> None:
    export = (
        AuthorityReportExport.objects.select_related("requester", "authority")
        .filter(pk=export_id)
        .first()
    )
    if export is None or export.state == AuthorityReportExport.State.DONE:
        return
    rows = AuthorityReportExport.objects.filter(pk=export.pk)
    if not export.requester.is_active:
        rows.update(state="failed", error=_("Your account is no longer active."))
        return
    rows.update(state="running")
    table = authority_table(authority_report(user=export.requester, authority=export.authority))
    rows.update(state="done", data=EXPORT_WRITERS[export.format]([table]))
