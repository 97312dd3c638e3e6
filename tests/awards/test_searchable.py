"""Awards in search: a published edition is found by its description by whoever may see
it; an unpublished one, or one of a members-only programme, by nobody else."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from proeftuin.awards.services_competitions import edition_create, edition_update
from proeftuin.core.service import searchables
from proeftuin.search.selectors import search
from tests.awards.factories import award_workflow, make_competition
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def found(user, query: str) -> set[tuple[str, str]]:
    return {(g.kind, g.title) for g in search(user=user, query=query, mode="keyword").cases}


@translation.override("nl")
def test_editions_are_a_registered_kind():
    entry = searchables["edition"]
    assert (entry.model, str(entry.label)) == ("awards.Edition", "Editie van een prijs")


def test_a_published_edition_is_found_and_an_unpublished_one_is_not(
    django_capture_on_commit_callbacks,
):
    award_workflow()
    organiser = UserFactory()
    competition = make_competition(organisers=[organiser])
    now = timezone.now()
    dates = {
        "nominations_open": now,
        "nominations_close": now + datetime.timedelta(days=5),
        "submissions_close": now + datetime.timedelta(days=9),
    }
    with django_capture_on_commit_callbacks(execute=True):
        edition = edition_create(
            actor=organiser,
            competition=competition,
            year=2017,
            title="Verkiezing 2017",
            description="Wie werkt het meest wendbaar samen met inwoners?",
            **dates,
        )
    assert found(AnonymousUser(), "wendbaar") == set()
    with django_capture_on_commit_callbacks(execute=True):
        edition_update(actor=organiser, edition=edition, published=True)
    assert found(AnonymousUser(), "wendbaar") == {("edition", "Verkiezing 2017")}
    competition.programme.visibility = "organisation"
    competition.programme.save()
    assert found(AnonymousUser(), "wendbaar") == set()
    assert found(organiser, "wendbaar") == {("edition", "Verkiezing 2017")}
