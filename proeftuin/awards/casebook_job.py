"""The background job that writes a casebook: ``awards.casebook`` with the casebook's id.

It reads the casebook's cases as its creator may see them now, and makes a new
``CasebookVersion`` (PDF/A and ODT) unless the latest version already used exactly these
case versions (so a job that runs again after its worker died, or a case save that changed
nothing, adds nothing). Progress is kept on the casebook (0-100) for its page. A passing
failure is retried (three attempts, with the queue's backoff); a missing Pango library fails
at once with a message saying so; after the last attempt the casebook shows the error."""

from __future__ import annotations

import dataclasses
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proeftuin.awards.casebook_content import book_content, cases_for_book
from proeftuin.awards.casebook_files import PdfUnavailable, to_odt, to_pdf
from proeftuin.awards.models import Casebook, CasebookStatus, CasebookVersion
from proeftuin.awards.services_casebooks import JOB
from proeftuin.cases.service import case_visible
from proeftuin.core.jobs import PermanentFailure, task

logger = logging.getLogger("proeftuin.awards")


def _progress(casebook_id: int, percent: int, **fields) -> None:
    Casebook.objects.filter(pk=casebook_id).update(progress=percent, **fields)


def case_versions(cases) -> dict[str, dict]:
    return {
        str(case.pk): {"version": case.version, "updated": case.updated_at.isoformat()}
        for case in cases
    }


def _failed(casebook_id: int, error=None) -> None:
    logger.error("casebook %s could not be made: %s", casebook_id, error)
    Casebook.objects.filter(pk=casebook_id).update(
        status=CasebookStatus.FAILED, error=str(error or "")[:2000]
    )


def _cases(casebook):
    chosen = casebook.cases.values("pk")
    visible = case_visible(casebook.created_by).filter(pk__in=chosen)
    return cases_for_book(visible.values_list("pk", flat=True))


def _files(casebook, cases, number: int) -> tuple[bytes, bytes, int, list]:
    with translation.override("nl"):
        now = timezone.now()
        book = book_content(
            title=casebook.title,
            theme_set=casebook.theme_set,
            cases=cases,
            progress=lambda percent: _progress(casebook.pk, percent),
        )
        created = _("Version %(number)d, %(date)s") % {
            "number": number,
            "date": date_format(timezone.localtime(now), "j F Y"),
        }
        pdf, pages = to_pdf(book, created=created, moment=now.replace(microsecond=0).isoformat())
        _progress(casebook.pk, 75)
        odt = to_odt(book, created=created)
        _progress(casebook.pk, 90)
    return pdf, odt, pages, [dataclasses.asdict(theme) for theme in book.analysis]


def _save(casebook, used: dict, files: tuple) -> CasebookVersion:
    pdf, odt, pages, analysis = files
    with transaction.atomic():
        locked = Casebook.objects.select_for_update().get(pk=casebook.pk)
        latest = locked.latest
        number = (latest.number if latest else 0) + 1
        version = CasebookVersion(
            casebook=locked, number=number, pages=pages, case_versions=used, analysis=analysis
        )
        stem = f"casebook-{locked.uuid}-v{number}"
        version.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
        version.odt.save(f"{stem}.odt", ContentFile(odt), save=False)
        version.save()
        _progress(locked.pk, 100, status=CasebookStatus.READY, error="")
    return version


@task(JOB, max_attempts=3, on_failure=_failed)
def make_casebook(casebook_id: int) -> None:
    casebook = Casebook.objects.select_related("theme_set", "created_by").filter(pk=casebook_id)
    casebook = casebook.first()
    if casebook is None:
        return
    cases = _cases(casebook)
    if not cases:
        raise PermanentFailure(
            _("None of the casebook's cases is visible to its creator any more.")
        )
    used = case_versions(cases)
    latest = casebook.latest
    if latest is not None and latest.case_versions == used and latest.pdf and latest.odt:
        _progress(casebook.pk, 100, status=CasebookStatus.READY, error="")
        return
    _progress(casebook.pk, 5, status=CasebookStatus.RUNNING, error="")
    try:
        files = _files(casebook, cases, (latest.number if latest else 0) + 1)
    except PdfUnavailable as error:
        raise PermanentFailure(str(error)) from error
    version = _save(casebook, used, files)
    logger.info(
        "casebook %s version %s: %s cases, %s pages",
        casebook.pk,
        version.number,
        len(cases),
        version.pages,
    )
