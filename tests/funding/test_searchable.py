"""Funding in search: a published round is found by the words of its description and a
granted experiment by its public summary, by whoever may see the round; an unpublished
round, a rejected or undecided application and a round of a programme one may not see are
never found; both are reindexed by the registry's jobs after the write commits."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from proeftuin.core.service import searchables
from proeftuin.funding.services_decisions import decision_make
from proeftuin.funding.services_rounds import round_update
from proeftuin.search.selectors import search
from tests.factories import UserFactory
from tests.funding.decide_support import make_world

pytestmark = pytest.mark.django_db


def found(user, query: str) -> set[tuple[str, str]]:
    return {(g.kind, g.title) for g in search(user=user, query=query, mode="keyword").cases}


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run


@pytest.fixture
def world():
    return make_world()


@translation.override("nl")
def test_rounds_and_experiments_are_registered_kinds():
    labels = {
        key: (searchables[key].model, str(searchables[key].label))
        for key in ("round", "experiment")
    }
    assert labels == {
        "round": ("funding.Round", "Subsidieronde"),
        "experiment": ("funding.Application", "Gefinancierd experiment"),
    }


def test_a_published_round_is_found_by_its_description(world, indexed):
    indexed(
        round_update,
        actor=world.manager,
        round_=world.round,
        title="Experimenten met wijkbudgetten",
        description="Risicokapitaal voor proeven met buurtbegrotingen.",
    )
    assert found(AnonymousUser(), "buurtbegrotingen") == {
        ("round", "Experimenten met wijkbudgetten")
    }
    hit = search(user=AnonymousUser(), query="buurtbegrotingen", mode="keyword").cases[0]
    assert hit.url == f"/subsidies/rondes/{world.round.slug}/"


def test_an_unpublished_round_is_not_found_and_unpublishing_removes_it(world, indexed):
    round_ = indexed(
        round_update, actor=world.manager, round_=world.round, description="Kwelderbeheer."
    )
    assert found(AnonymousUser(), "kwelderbeheer")
    indexed(round_update, actor=world.manager, round_=round_, published=False)
    assert found(AnonymousUser(), "kwelderbeheer") == set()
    assert found(world.manager, "kwelderbeheer") == set()


def test_a_granted_experiment_is_found_by_its_public_summary_only(world, indexed):
    granted = world.application(title="Klantreis Noord", public_summary="Een proef met zorgrobots.")
    rejected = world.application(title="Afgewezen plan", public_summary="Een proef met drones.")
    undecided = world.application(title="Nog open", public_summary="Een proef met hologrammen.")
    indexed(
        decision_make, actor=world.manager, application=granted, outcome="granted", amount="30000"
    )
    indexed(
        decision_make,
        actor=world.manager,
        application=rejected,
        outcome="rejected",
        reasons="Elders al beproefd.",
    )
    visitor = UserFactory()
    assert found(visitor, "zorgrobots") == {("experiment", "Klantreis Noord")}
    assert found(visitor, "drones") == set() and found(visitor, "hologrammen") == set()
    assert found(world.manager, "drones") == set() and undecided.pk
    # the problem and idea texts stay with the applicants, reviewers and managers
    assert found(visitor, "wachten") - {("round", world.round.title)} == set()
    hit = search(user=visitor, query="zorgrobots", mode="keyword").cases[0]
    assert hit.url == f"/subsidies/rondes/{world.round.slug}/resultaten/"


def test_an_experiment_of_a_round_that_is_withdrawn_from_view_disappears(world, indexed):
    granted = world.application(public_summary="Een proef met kwelderschapen.")
    indexed(
        decision_make, actor=world.manager, application=granted, outcome="granted", amount="30000"
    )
    assert found(AnonymousUser(), "kwelderschapen")
    indexed(round_update, actor=world.manager, round_=world.round, published=False)
    # the visibility rule hides it at once, whatever the index still holds
    assert found(AnonymousUser(), "kwelderschapen") == set()
