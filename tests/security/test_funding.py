"""The funding part of the hostile-user suite (issue 13): every actor of ``funding_world``
reads every page, file and API route of applications, reviews and decisions, and tries
every change (``funding_*.py``)."""

import pytest

from tests.security.funding_apply import APPLY_READS
from tests.security.funding_decide import DECIDE_READS
from tests.security.funding_review import REVIEW_READS
from tests.security.funding_world import FUNDING_ACTORS

pytestmark = pytest.mark.django_db

FUNDING_READ_GROUPS = {"apply": APPLY_READS, "review": REVIEW_READS, "decide": DECIDE_READS}


@pytest.mark.parametrize("group", sorted(FUNDING_READ_GROUPS))
def test_funding_reads(funding, client_for, group):
    problems = []
    for actor in FUNDING_ACTORS:
        client = client_for(actor)
        for probe in FUNDING_READ_GROUPS[group]:
            problems += [f"{actor}: {p}" for p in probe.run(funding, client, actor)]
    assert not problems, "\n".join(problems)
