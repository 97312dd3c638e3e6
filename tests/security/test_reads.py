"""Every actor reads every page and API route: nothing of organisation A leaks to who may
not see it, and what they may see is there."""

import pytest

from tests.security.awards_casebooks import CASEBOOK_READS
from tests.security.awards_manage import AWARD_MANAGE_READS
from tests.security.awards_setup import AWARD_SETUP_READS
from tests.security.awards_writes import AWARD_READS
from tests.security.barriers import BARRIER_READS
from tests.security.circles_writes import CIRCLE_READS
from tests.security.diffusion import DIFFUSION_READS
from tests.security.funding_writes import FUNDING_READS
from tests.security.matching import MATCHING_READS
from tests.security.patents_writes import PATENT_READS
from tests.security.portfolio import PORTFOLIO_READS
from tests.security.probes import READS
from tests.security.world import ACTORS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actor", ACTORS)
def test_reads(world, client_for, actor):
    client = client_for(actor)
    problems = [
        p
        for probe in [
            *READS,
            *PORTFOLIO_READS,
            *DIFFUSION_READS,
            *BARRIER_READS,
            *CIRCLE_READS,
            *MATCHING_READS,
            *PATENT_READS,
            *FUNDING_READS,
            *AWARD_READS,
            *AWARD_MANAGE_READS,
            *AWARD_SETUP_READS,
            *CASEBOOK_READS,
        ]
        for p in probe.run(world, client, actor)
    ]
    assert not problems, "\n".join(problems)
