"""The patents' section of "Mijn werk": claims to decide, for programme managers."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from proeftuin.core.service import WorkItem, format_number, register_work, work_section
from proeftuin.organisations.service import programmes_managed
from proeftuin.patents.selectors import claims_to_decide


def _claim_item(claim) -> WorkItem:
    return WorkItem(
        title=claim.patent.title,
        url=reverse("patents:detail", args=[claim.patent.uuid]) + f"#vergoeding-{claim.uuid}",
        detail=_("%(adopter)s · EUR %(amount)s · %(status)s")
        % {
            "adopter": claim.adopter.name,
            "amount": format_number(claim.amount),
            "status": claim.get_status_display(),
        },
    )


@register_work("patents.claims", order=32)
def claims_to_answer(user):
    """Only for programme managers (``None``: the section does not apply)."""
    if not programmes_managed(user).exists():
        return None
    title, empty = _("Patent rewards to decide"), _("No patent reward is waiting for you.")
    return work_section(
        "patent-claims",
        title,
        empty,
        claims_to_decide(user),
        _claim_item,
        more_url=reverse("patents:list"),
    )
