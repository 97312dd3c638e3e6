"""The funding part of the hostile-user suite (issue 13): every actor of ``funding_world``
(A's and B's roles, an outsider, a revoked and a deactivated user, anonymous, a platform
administrator, the programme's manager, a screener, an assigned and a conflicted reviewer,
an applicant and a co-applicant) reads every page, file, count, search hit and API route of
applications, reviews and decisions, and tries every change (``funding_groups.py``)."""

import pytest

from tests.security.funding_groups import READ_GROUPS, WRITE_GROUPS
from tests.security.funding_world import FUNDING_ACTORS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("group", sorted(READ_GROUPS))
def test_funding_reads(funding, client_for, group):
    problems = []
    for actor in FUNDING_ACTORS:
        client = client_for(actor)
        for probe in READ_GROUPS[group]:
            problems += [f"{actor}: {p}" for p in probe.run(funding, client, actor)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("group", sorted(WRITE_GROUPS))
def test_funding_writes(funding, client_for, group):
    problems = [p for change in WRITE_GROUPS[group] for p in change.run(funding, client_for)]
    assert not problems, "\n".join(problems)
