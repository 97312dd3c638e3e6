"""The report per programme: its patents (as far as the viewer may see them), meetings,
counted adoptions and the amounts owed, approved and paid; as a page and as CSV (small,
so made in the request like the case library's export)."""

from __future__ import annotations

import csv
from decimal import Decimal

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proeftuin.patents import permissions, selectors
from proeftuin.patents.views import visible_programme

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _euro(value) -> str:
    return f"{Decimal(value):.2f}"


def _cell(value) -> str:
    """A CSV cell that spreadsheet programs will not run as a formula."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


@require_GET
def programme_report(request, slug: str):
    programme = visible_programme(request, slug)
    report = selectors.programme_report(user=request.user, programme=programme)
    context = {
        "report": report,
        "programme": programme,
        "may_award": permissions.can_award_patent(request.user, programme)[0],
    }
    return render(request, "patents/report.html", context)


@require_GET
def programme_report_csv(request, slug: str):
    programme = visible_programme(request, slug)
    report = selectors.programme_report(user=request.user, programme=programme)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="patenten-{programme.slug}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("patent"),
            _("innovator"),
            _("status"),
            _("awarded on"),
            _("reward per adopting organisation (EUR)"),
            _("introduction meetings"),
            _("counted adoptions"),
            _("owed (EUR)"),
            _("approved (EUR)"),
            _("paid (EUR)"),
        ]
    )
    for patent in report.patents:
        row = [
            patent.title,
            patent.innovator.name,
            patent.get_status_display(),
            patent.awarded_on.isoformat(),
            _euro(patent.reward_per_adopter),
            patent.meeting_count,
            patent.counted,
            _euro(patent.owed_total),
            _euro(patent.approved_total),
            _euro(patent.paid_total),
        ]
        writer.writerow([_cell(value) for value in row])
    amounts = [_euro(total) for total in (report.owed, report.approved, report.paid)]
    totals = [report.meetings, report.counted, *amounts]
    writer.writerow([_("total"), "", "", "", "", *totals])
    return response
