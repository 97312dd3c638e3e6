"""Competitions and editions: organisers only, dates and scale checked, criteria sets per
edition, a duplicate year refused."""

import datetime

import pytest
from django.utils import timezone, translation

from proeftuin.awards.models import Edition
from proeftuin.awards.services_competitions import (
    category_add,
    competition_create,
    criterion_add,
    criterion_remove,
    edition_create,
    edition_update,
)
from proeftuin.awards.services_nominations import nomination_create, submission_save
from proeftuin.core.service import DuplicateError, NotAllowed, ValidationFailed
from tests.awards.factories import award_workflow, make_competition, member
from tests.factories import OrganisationFactory, UserFactory
from tests.funding.factories import make_programme

pytestmark = pytest.mark.django_db


def refusal(call, error=ValidationFailed) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    exc = caught.value
    return " ".join([str(exc.message), *(str(m) for ms in exc.field_errors.values() for m in ms)])


def dates(**shift):
    now = timezone.now()
    return {
        "nominations_open": now - datetime.timedelta(days=1),
        "nominations_close": now + datetime.timedelta(days=shift.get("close", 10)),
        "submissions_close": now + datetime.timedelta(days=shift.get("submit", 20)),
    }


@pytest.fixture
def organiser():
    award_workflow()
    return UserFactory()


def test_an_organiser_creates_a_competition_and_an_edition(organiser):
    programme = make_programme(managers=[organiser])
    competition = competition_create(actor=organiser, programme=programme, name="Beste organisatie")
    edition = edition_create(
        actor=organiser, competition=competition, year=2017, title="Verkiezing 2017", **dates()
    )
    assert edition.workflow.kind == "award" and edition.slug.startswith("beste-organisatie-2017")
    criterion_add(actor=organiser, edition=edition, name="Vernieuwing", weight=2)
    edition.refresh_from_db()
    category_add(actor=organiser, edition=edition, name="Gemeenten")
    edition.refresh_from_db()
    assert edition.version == 3
    assert "al een editie in 2017" in refusal(
        lambda: edition_create(
            actor=organiser, competition=competition, year=2017, title="x", **dates()
        ),
        DuplicateError,
    )
    assert "al" in refusal(
        lambda: competition_create(actor=organiser, programme=programme, name="beste ORGANISATIE"),
        DuplicateError,
    )


def test_only_organisers(organiser):
    competition = make_competition(organisers=[organiser])
    refusal(
        lambda: edition_create(
            actor=UserFactory(), competition=competition, year=2018, title="x", **dates()
        ),
        NotAllowed,
    )
    refusal(
        lambda: competition_create(actor=UserFactory(), programme=competition.programme, name="x"),
        NotAllowed,
    )
    assert not Edition.objects.exists()


@pytest.mark.parametrize(
    "values, expected",
    [
        ({"title": " "}, "titel"),
        ({**dates(close=-2)}, "sluiten nadat ze openen"),
        ({**dates(close=10, submit=5)}, "niet voor het sluiten van de nominaties"),
        ({"score_min": 5, "score_max": 5}, "schaal"),
        ({"score_max": 1000}, "schaal"),
        ({"finalists": 11, "top_size": 10}, "finalist"),
    ],
)
def test_bad_editions_are_refused(organiser, values, expected):
    competition = make_competition(organisers=[organiser])
    data = {"title": "Editie", **dates(), **values}
    message = refusal(
        lambda: edition_create(actor=organiser, competition=competition, year=2019, **data)
    )
    assert expected in message and not Edition.objects.exists()


def test_an_edition_update_checks_the_version(organiser):
    competition = make_competition(organisers=[organiser])
    edition = edition_create(
        actor=organiser, competition=competition, year=2020, title="E", **dates()
    )
    edition_update(actor=organiser, edition=edition, title="Editie 2020")
    from proeftuin.core.service import ConflictError

    refusal(lambda: edition_update(actor=organiser, edition=edition, title="Oud"), ConflictError)
    assert Edition.objects.get(pk=edition.pk).title == "Editie 2020"


def test_a_criterion_with_texts_stays(organiser):
    competition = make_competition(organisers=[organiser])
    edition = edition_create(
        actor=organiser, competition=competition, year=2021, title="E", published=True, **dates()
    )
    criterion = criterion_add(actor=organiser, edition=edition, name="Impact")
    nominee = OrganisationFactory()
    editor = member(nominee)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=nominee, source="self"
    )
    submission_save(actor=editor, nomination=nomination, answers={criterion.pk: "Veel"})
    edition.refresh_from_db()
    assert "blijft" in refusal(
        lambda: criterion_remove(actor=organiser, edition=edition, criterion=criterion)
    )
    assert "al dit criterium" in refusal(
        lambda: criterion_add(actor=organiser, edition=edition, name="Impact"), DuplicateError
    )
