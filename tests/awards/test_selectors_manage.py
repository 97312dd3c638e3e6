"""The management page's cached aggregates: kept between requests, and computed anew after
every write they depend on (a scorecard, a recusal, a declared relation, a membership, a
decision), so an organiser never reads a stale count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.accounts.models import Role
from proeftuin.accounts.services import membership_revoke, membership_set
from proeftuin.awards.selectors_manage import figures
from proeftuin.awards.services_judging import (
    panel_get_or_create,
    panel_member_add,
    recuse,
    scorecard_save,
)
from proeftuin.funding.conflicts import conflict_declare
from tests.awards.factories import make_competition, make_edition, make_submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
OPEN = [("long_list", "submitted")]


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    first, second = make_submitted(edition), make_submitted(edition)
    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    judge = UserFactory(first_name="Anna", last_name="Jansen")
    panel_member_add(actor=organiser, panel=panel, user=judge, chair=True)
    return edition, panel, judge, first, second


def counts(panel) -> tuple:
    found = figures(edition=panel.edition, panels=[panel], open_decisions=OPEN)
    [(_step, [row])] = found["progress"][panel.pk]
    return row["name"], row["to_score"], row["submitted"], row["blocked"]


def ranked(edition, open_decisions=OPEN) -> dict:
    return figures(edition=edition, panels=[], open_decisions=open_decisions)["ranked"]


def scores(edition, value=7):
    return {c.pk: (value, "") for c in edition.criteria.all()}


def test_the_progress_is_kept_until_a_scorecard_a_recusal_or_a_conflict(world):
    edition, panel, judge, first, second = world
    assert counts(panel) == ("Anna Jansen", 2, 0, 0)
    with CaptureQueriesContext(connection) as kept:
        assert counts(panel) == ("Anna Jansen", 2, 0, 0)
    assert len(kept) == 1  # the content generations only
    scorecard_save(
        actor=judge,
        panel=panel,
        nomination=first,
        step="submission",
        scores=scores(edition),
        submit=True,
    )
    assert counts(panel) == ("Anna Jansen", 2, 1, 0)
    recuse(actor=judge, panel=panel, nomination=second, reason="Ken de directeur")
    assert counts(panel) == ("Anna Jansen", 1, 1, 1)
    conflict_declare(actor=judge, organisation=first.owner, reason="Oud-collega")
    assert counts(panel) == ("Anna Jansen", 0, 0, 2)


def test_a_membership_of_the_nominee_counts_at_once_and_its_end_too(world):
    _edition, panel, judge, first, _second = world
    assert counts(panel) == ("Anna Jansen", 2, 0, 0)
    membership = membership_set(user=judge, organisation=first.owner, role=Role.VIEWER)
    assert counts(panel) == ("Anna Jansen", 1, 0, 1)
    membership_revoke(actor=None, membership=membership)
    assert counts(panel) == ("Anna Jansen", 2, 0, 0)


def test_the_ranking_follows_the_scores(world):
    edition, panel, judge, _first, second = world
    found = ranked(edition)["long_list"]
    assert [c.mean for c in found] == [None, None]
    scorecard_save(
        actor=judge,
        panel=panel,
        nomination=second,
        step="submission",
        scores=scores(edition, 9),
        submit=True,
    )
    found = ranked(edition)["long_list"]
    assert (found[0].uuid, found[0].mean, found[0].cards) == (str(second.uuid), 9.0, 1)
    assert found[1].mean is None


def test_nothing_at_a_stage_is_an_empty_list(world):
    edition, *_rest = world
    assert ranked(edition, [("winner", "finalist")]) == {"winner": []}
