"""The applying part's sections of "Mijn werk": for applicants their drafts and the
applications they are asked to complete; for screeners and managers what waits for
screening."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.core.service import WorkItem, register_work, work_section
from proeftuin.funding import selectors_apply


def _item(application) -> WorkItem:
    return WorkItem(
        title=application.title,
        url=reverse("funding:apply_detail", args=[application.uuid]),
        detail=_("%(round)s · %(stage)s")
        % {"round": application.round.title, "stage": application.stage.label()},
    )


@register_work("funding.apply", order=40)
def applications_to_write(user):
    """Drafts and applications with a question, for their applicants (``None``: the
    section does not apply to someone without any)."""
    if not selectors_apply.work_flags(user)[0]:
        return None
    rows = selectors_apply.applications_to_write(user)
    return work_section(
        "funding-apply",
        _("Applications to complete"),
        _("No application waits for you."),
        rows,
        _item,
        more_url=reverse("funding:apply_mine"),
    )


@register_work("funding.screen", order=41)
def applications_to_screen(user):
    """Submitted applications waiting for screening, for screeners and managers."""
    if not selectors_apply.screens_anything(user):
        return None
    return work_section(
        "funding-screen",
        _("Applications to screen"),
        _("No application waits for screening."),
        selectors_apply.applications_to_screen(user),
        _item,
        more_url=reverse("funding:apply_screening_list"),
    )
