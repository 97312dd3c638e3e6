"""The pages ``funding.py`` measures: who asks, and the URLs asked for.

Each page is a ``Page(who, urls)``: ``who`` is "manager" (the programme's manager),
"reviewer" (the reviewer with the median number of assignments) or "applicant" (the
applicant with the median number of applications); ``urls(rng, users, n)`` runs with
Django set up against the generated database and returns ``n`` URLs. To measure another
page, add a URL maker and a row to ``PAGES``: ``funding.py`` and ``funding_prepare.py``
take everything from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    who: str  # "manager", "reviewer" or "applicant"
    urls: Callable  # (rng, {who: user}, n) -> list[str]


def _rounds(rng, n: int) -> list[str]:
    from proeftuin.funding.models import Round

    slugs = list(Round.objects.order_by("pk").values_list("slug", flat=True))
    return [rng.choice(slugs) for _n in range(n)]


def round_urls(rng, users, n: int) -> list[str]:
    return [f"/subsidies/rondes/{slug}/" for slug in _rounds(rng, n)]


def decisions_urls(rng, users, n: int) -> list[str]:
    return [f"/subsidies/rondes/{slug}/besluiten/" for slug in _rounds(rng, n)]


def assignments_urls(rng, users, n: int) -> list[str]:
    return [f"/subsidies/rondes/{slug}/toewijzingen/" for slug in _rounds(rng, n)]


def queue_urls(rng, users, n: int) -> list[str]:
    return ["/subsidies/beoordelingen/"] * n


def _applications(rng, n: int, **filters) -> list[str]:
    from proeftuin.funding.models import Application

    uuids = list(Application.objects.filter(**filters).values_list("uuid", flat=True))
    return [str(rng.choice(uuids)) for _n in range(n)]


def application_manager_urls(rng, users, n: int) -> list[str]:
    rows = _applications(rng, n, submitted_at__isnull=False)
    return [f"/subsidies/aanvragen/{uuid}/" for uuid in rows]


def application_applicant_urls(rng, users, n: int) -> list[str]:
    rows = _applications(rng, n, created_by=users["applicant"])
    return [f"/subsidies/aanvragen/{uuid}/" for uuid in rows]


def decide_application_urls(rng, users, n: int) -> list[str]:
    rows = _applications(rng, n, stage__key__in=["decision", "granted", "rejected"])
    return [f"/subsidies/aanvragen/{uuid}/besluit/" for uuid in rows]


PAGES: dict[str, Page] = {
    "round (manager)": Page("manager", round_urls),
    "decisions (manager)": Page("manager", decisions_urls),
    "assignments (manager)": Page("manager", assignments_urls),
    "review queue (reviewer)": Page("reviewer", queue_urls),
    "application (manager)": Page("manager", application_manager_urls),
    "application (applicant)": Page("applicant", application_applicant_urls),
    "decide_application (manager)": Page("manager", decide_application_urls),
}
