"""The audience prize: one vote per account, only while the vote is open, only for the top
ten or later, and a flood from one network refused."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from proeftuin.awards.models import Nomination, Vote
from proeftuin.awards.services_decisions import panel_decide
from proeftuin.awards.services_judging import panel_get_or_create
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.awards.services_votes import (
    VOTES_PER_NETWORK_PER_HOUR,
    vote_cast,
    vote_counts,
)
from proeftuin.core.service import DuplicateError, NotAllowed, TooManyRequests
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def refusal(call, error) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    return str(caught.value.message)


@pytest.fixture
def world():
    cache.clear()
    organiser = UserFactory()
    edition = make_edition(
        make_competition(organisers=[organiser]),
        vote_opens=NOW - datetime.timedelta(hours=1),
        vote_closes=NOW + datetime.timedelta(days=1),
    )
    entries = []
    for _ in range(3):
        organisation = OrganisationFactory()
        editor = member(organisation)
        n = nomination_create(
            actor=editor, edition=edition, organisation=organisation, source="self"
        )
        submission_save(
            actor=editor, nomination=n, answers={c.pk: "T" for c in edition.criteria.all()}
        )
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
        entries.append(n)
    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    panel_decide(actor=organiser, panel=panel, decision="long_list", chosen=entries)
    panel_decide(actor=organiser, panel=panel, decision="top_ten", chosen=entries[:2])
    return edition, [Nomination.objects.get(pk=n.pk) for n in entries]


def test_one_vote_per_account(world):
    _edition, (first, second, _out) = world
    voter = UserFactory()
    vote_cast(actor=voter, nomination=first, network="10.0.0.1")
    assert "al gestemd" in refusal(
        lambda: vote_cast(actor=voter, nomination=second), DuplicateError
    )
    assert Vote.objects.count() == 1


def test_only_the_top_ten_signed_in_and_while_open(world):
    edition, (first, _second, out) = world
    assert "top tien" in refusal(lambda: vote_cast(actor=UserFactory(), nomination=out), NotAllowed)
    assert "Log in" in refusal(lambda: vote_cast(actor=None, nomination=first), NotAllowed)
    edition.vote_closes = NOW - datetime.timedelta(minutes=1)
    edition.save()
    first = Nomination.objects.get(pk=first.pk)
    assert "open van" in refusal(
        lambda: vote_cast(actor=UserFactory(), nomination=first), NotAllowed
    )
    assert not Vote.objects.exists()


def test_a_flood_from_one_network_is_refused(world):
    edition, (first, second, _out) = world
    for _ in range(VOTES_PER_NETWORK_PER_HOUR):
        vote_cast(actor=UserFactory(), nomination=first, network="192.0.2.7")
    assert (
        "te veel stemmen"
        in refusal(
            lambda: vote_cast(actor=UserFactory(), nomination=second, network="192.0.2.7"),
            TooManyRequests,
        ).lower()
    )
    vote_cast(actor=UserFactory(), nomination=second, network="192.0.2.8")
    assert [(n.pk, count) for n, count in vote_counts(edition)] == [
        (first.pk, VOTES_PER_NETWORK_PER_HOUR),
        (second.pk, 1),
    ]
