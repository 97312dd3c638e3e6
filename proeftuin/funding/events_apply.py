"""The notification events of applying and screening (registered when the app is ready)
and who hears of them: a submitted application goes to the fund's managers and
screeners; a question or a screening decision goes to the applicants."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.funding.choices import FundRole
from proeftuin.notifications.service import notify, register_event

SUBMITTED = "funding.application_submitted"
INFO_REQUESTED = "funding.info_requested"
SCREENED = "funding.application_screened"

register_event(
    SUBMITTED, gettext_lazy("An application was submitted in a fund you screen or manage")
)
register_event(INFO_REQUESTED, gettext_lazy("More information is asked about your application"))
register_event(SCREENED, gettext_lazy("Your application was screened"))


def screeners_and_managers(application) -> list:
    fund = application.round.fund
    managers = list(fund.programme.managers.all())
    screeners = [m.user for m in fund.members.filter(role=FundRole.SCREENER).select_related("user")]
    return list(dict.fromkeys(managers + screeners))


def applicants(application) -> list:
    people = list(application.team.all())
    if application.created_by is not None:
        people.insert(0, application.created_by)
    return list(dict.fromkeys(people))


def _url(application) -> str:
    from proeftuin.funding.services_applications import application_url

    return application_url(application)


def announce_submitted(actor, application, *, resubmitted: bool) -> None:
    title = (
        _("Application resubmitted with the information asked: %(title)s")
        if resubmitted
        else _("Application submitted: %(title)s")
    ) % {"title": application.title}
    notify(
        recipients=screeners_and_managers(application),
        event=SUBMITTED,
        title=title,
        url=_url(application),
        subject=application,
        actor=actor,
    )


def announce_info_requested(actor, application) -> None:
    notify(
        recipients=applicants(application),
        event=INFO_REQUESTED,
        title=_("More information is asked about your application: %(title)s")
        % {"title": application.title},
        url=_url(application),
        subject=application,
        actor=actor,
    )


def announce_screened(actor, application, *, eligible: bool) -> None:
    title = (
        _("Your application is eligible and goes to review: %(title)s")
        if eligible
        else _("Your application is not eligible: %(title)s")
    ) % {"title": application.title}
    notify(
        recipients=applicants(application),
        event=SCREENED,
        title=title,
        url=_url(application),
        subject=application,
        actor=actor,
    )
