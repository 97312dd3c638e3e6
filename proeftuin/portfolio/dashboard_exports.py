"""Dashboard exports on the worker: a request records what to export (the scope as the
requester chose it on the page) and queues ``portfolio.dashboard_export``; the job counts
the dashboard over what the requester may see *when it runs*, writes CSV (zip), XLSX or
ODS, and reports its progress on the row. Only the requester may see or download it, for
``EXPORT_HOURS``; the daily ``portfolio.dashboard_exports_purge`` removes expired ones."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.jobs import enqueue, task
from proeftuin.core.service import AuditEntry, NotAllowed, ValidationFailed, audit_record
from proeftuin.notifications.service import next_digest_at
from proeftuin.organisations.service import Organisation, Programme, programme_visible
from proeftuin.portfolio.dashboard import dashboard, initiatives_in_scope
from proeftuin.portfolio.exports import FORMATS, to_csv_zip, to_ods, to_xlsx
from proeftuin.portfolio.models import DashboardExport

logger = logging.getLogger("proeftuin.portfolio")
EXPORT_HOURS = 24
ALL = "all"
WRITERS = {"csv": to_csv_zip, "xlsx": to_xlsx, "ods": to_ods}
FILES = {
    "csv": ("application/zip", "zip"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
}
JOB = "portfolio.dashboard_export"


def _scope_rows(user, scope: str):
    """(title, initiatives) of ``scope`` for ``user``; ``LookupError`` when it is gone or
    no longer visible."""
    if scope == ALL:
        return _("All initiatives you may see"), initiatives_in_scope(user)
    kind, _sep, slug = scope.partition(":")
    if kind == "organisation":
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise LookupError(scope)
        return organisation.name, initiatives_in_scope(user, [organisation.pk])
    if kind == "programme":
        try:
            programme = programme_visible(user=user, slug=slug)
        except Programme.DoesNotExist as exc:
            raise LookupError(scope) from exc
        return programme.name, initiatives_in_scope(user, programme.members.values("pk"))
    raise LookupError(scope)


@transaction.atomic
def dashboard_export_request(*, actor, scope: str, fmt: str) -> DashboardExport:
    """Ask for the dashboard of ``scope`` as a ``fmt`` file; it is made on the worker."""
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise NotAllowed(_("Sign in to export a dashboard."))
    if fmt not in FORMATS:
        raise ValidationFailed(
            _("Choose CSV, XLSX or ODS."), field_errors={"format": [_("Choose CSV, XLSX or ODS.")]}
        )
    try:
        title, _rows = _scope_rows(actor, scope)
    except LookupError as exc:
        raise ValidationFailed(_("This overview does not exist or is not visible to you.")) from exc
    export = DashboardExport.objects.create(
        requester=actor,
        scope=scope,
        title=title[:250],
        format=fmt,
        expires_at=timezone.now() + datetime.timedelta(hours=EXPORT_HOURS),
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=export,
        after={"scope": scope, "format": fmt},
    )
    enqueue(JOB, export.pk)
    return export


def export_for(*, user, uuid) -> DashboardExport:
    """The export ``uuid`` if ``user`` asked for it (``DoesNotExist`` otherwise)."""
    if not user.is_authenticated:
        raise DashboardExport.DoesNotExist
    return DashboardExport.objects.defer("data").get(uuid=uuid, requester=user)


def export_file(export: DashboardExport) -> tuple[bytes, str, str]:
    """(content, content type, file name) of a finished, unexpired export."""
    if export.expires_at <= timezone.now():
        raise ValidationFailed(_("This export has expired; make a new one."))
    if export.state != DashboardExport.State.DONE:
        raise ValidationFailed(_("This export is not ready yet."))
    data = DashboardExport.objects.values_list("data", flat=True).get(pk=export.pk)
    content_type, extension = FILES[export.format]
    stamp = export.created_at.strftime("%Y-%m-%d")
    return bytes(data), content_type, f"portfolio-overzicht-{stamp}.{extension}"


def _progress(export: DashboardExport, **fields) -> None:
    DashboardExport.objects.filter(pk=export.pk).update(**fields)


def _fail(export_id: int, error: Exception | None = None) -> None:
    message = _("The export could not be made. Try again later.")
    DashboardExport.objects.filter(pk=export_id).exclude(state="done").update(
        state=DashboardExport.State.FAILED, error=message
    )


@task(JOB, on_failure=lambda export_id, error=None: _fail(export_id, error))
def make_dashboard_export(export_id: int) -> None:
    export = DashboardExport.objects.select_related("requester").filter(pk=export_id).first()
    if export is None or export.state == DashboardExport.State.DONE:
        return
    user = export.requester
    if not user.is_active:  # deactivated since: nothing is written for them
        _progress(export, state="failed", error=_("Your account is no longer active."))
        return
    _progress(export, state="running", progress=10, error="")
    try:
        _title, rows = _scope_rows(user, export.scope)
    except LookupError:
        message = _("This overview does not exist or is not visible to you.")
        _progress(export, state="failed", error=message)
        return
    charts = dashboard(rows)["charts"]
    _progress(export, progress=60)
    data = WRITERS[export.format](charts)
    _progress(export, state="done", progress=100, data=data)
    logger.info("dashboard export %s: %s bytes", export.pk, len(data))


@task("portfolio.dashboard_exports_purge", next_run=next_digest_at)
def purge_expired_exports() -> int:
    """Remove expired exports (their files go with them), then queue the next run."""
    removed, _detail = DashboardExport.objects.filter(expires_at__lte=timezone.now()).delete()
    enqueue("portfolio.dashboard_exports_purge", run_after=next_digest_at())
    return removed
