"""The pages of one's own that name applications: "Mijn werk" (what to write, screen,
review and decide) and the notifications (of submissions, decisions, reviews): each
names only what its reader may read."""

from __future__ import annotations

from tests.security.funding_probes import SIGNED_IN, Read, Target, titles
from tests.security.funding_world import FundingWorld

# what "Mijn werk" must name for whom (the reviewer of B submitted theirs: nothing to do)
WORK = {
    "applicant": ["adraft"],
    "co_applicant": ["adraft"],
    "b_contributor": ["bdraft"],
    "screener": ["asubmitted"],
    "a_viewer": ["breview"],
    "fund_manager": ["adecide"],
}


def _pages(fw: FundingWorld) -> list[Target]:
    return [
        Target("/mijn-werk/", SIGNED_IN, shows=lambda fw, actor: titles(WORK.get(actor, []))),
        Target("/meldingen/", SIGNED_IN),
    ]


MINE_READS = [Read("my work, notifications", ("mywork:page", "notifications:list"), _pages)]
