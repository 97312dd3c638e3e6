"""The matches as pages and the API serve them: computed once for every viewer who sees the
same initiatives, cases and adoptions (core's ``viewer_cached``), kept until a write to
adoptions, organisations, initiatives or cases and for at most ``SECONDS``. The ranking
itself is ``matching.adopter_matches`` and ``matching_proven.innovation_matches``."""

from __future__ import annotations

from proeftuin.cases.service import Case
from proeftuin.core.service import viewer_cached
from proeftuin.diffusion import matching, matching_proven
from proeftuin.diffusion.innovations import innovation_key
from proeftuin.diffusion.models import Adoption
from proeftuin.portfolio.service import Initiative

SECONDS = 600
DEPENDS_ON = ("diffusion", "organisations", "initiatives", "cases")


def _seen_through() -> tuple:
    return (Initiative.objects.all(), Case.objects.all(), Adoption.objects.all())


def adopter_matches(innovation, *, user, limit: int = matching.LIMIT) -> list:
    """``matching.adopter_matches`` of a visible innovation (the caller checks)."""
    return viewer_cached(
        "diffusion.adopter_matches.1",  # the shape of what is kept: bump when it changes
        (innovation_key(innovation), limit),
        lambda: matching.adopter_matches(innovation, user=user, limit=limit),
        user=user,
        rule=_seen_through(),
        depends_on=DEPENDS_ON,
        timeout=SECONDS,
    )


def innovation_matches(organisation, *, user, limit: int = matching.LIMIT) -> list:
    """``matching_proven.innovation_matches`` for ``organisation`` (a public record)."""
    return viewer_cached(
        "diffusion.innovation_matches.1",
        (organisation.pk, limit),
        lambda: matching_proven.innovation_matches(organisation, user=user, limit=limit),
        user=user,
        rule=_seen_through(),
        depends_on=DEPENDS_ON,
        timeout=SECONDS,
    )
