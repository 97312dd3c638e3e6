"""Every actor below the needed role tries to change A's things: refused, nothing changed,
nothing revealed. Then one who holds the role does it (the positive control)."""

import pytest

from tests.security.awards_casebooks import CASEBOOK_WRITES
from tests.security.awards_manage import AWARD_MANAGE_WRITES
from tests.security.awards_setup import AWARD_SETUP_WRITES
from tests.security.awards_writes import AWARD_WRITES
from tests.security.barriers import BARRIER_WRITES
from tests.security.circles_writes import CIRCLE_WRITES
from tests.security.diffusion import DIFFUSION_WRITES
from tests.security.funding_writes import FUNDING_WRITES
from tests.security.patents_writes import PATENT_WRITES
from tests.security.portfolio import PORTFOLIO_WRITES
from tests.security.probes import leaks
from tests.security.writes import REFUSED, WRITES

pytestmark = pytest.mark.django_db


ALL_WRITES = [
    *WRITES,
    *PORTFOLIO_WRITES,
    *DIFFUSION_WRITES,
    *BARRIER_WRITES,
    *CIRCLE_WRITES,
    *PATENT_WRITES,
    *FUNDING_WRITES,
    *AWARD_WRITES,
    *AWARD_MANAGE_WRITES,
    *AWARD_SETUP_WRITES,
    *CASEBOOK_WRITES,
]


@pytest.mark.parametrize("write", ALL_WRITES, ids=[w.name for w in ALL_WRITES])
def test_writes(world, client_for, write):
    before = write.state(world)
    problems = []
    for actor in write.tried_by(world):
        response = write.attempt(world, client_for(actor))
        # what the attacker sent (the address, a document key) may be echoed back
        body = response.content.decode().replace(response.request["PATH_INFO"], "")
        body = body.replace(world.source.document.key, "")
        if response.status_code not in REFUSED:
            problems.append(f"{actor}: status {response.status_code}")
        if write.state(world) != before:
            problems.append(f"{actor}: changed it")
            before = write.state(world)
        problems += [f"{actor}: {p}" for p in leaks(world, actor, body)]
    if write.check_done:
        response = write.attempt(world, client_for(write.allowed_actor))
        if write.state(world) == before:
            problems.append(f"{write.allowed_actor} could not: {response.status_code}")
    assert not problems, "\n".join(problems)
