"""Who sees an edition, a nomination and its submission."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.awards.selectors import editions_visible, nominations_visible, submission_of
from proeftuin.awards.services_nominations import (
    consent_decide,
    nomination_create,
    nomination_withdraw,
    submission_save,
)
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


class Anonymous:
    is_authenticated = False
    is_active = False


def test_an_unpublished_edition_only_for_its_organisers():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]), published=False)
    assert list(editions_visible(user=organiser)) == [edition]
    assert not editions_visible(user=UserFactory()).exists()
    assert not editions_visible(user=Anonymous()).exists()


def test_a_members_only_programmes_edition_is_hidden_from_outsiders():
    edition = make_edition(make_competition(visibility="organisation"))
    assert not editions_visible(user=Anonymous()).exists()
    member_org = OrganisationFactory()
    edition.competition.programme.members.add(member_org)
    assert list(editions_visible(user=member(member_org, Role.VIEWER))) == [edition]


def test_a_nomination_is_public_only_with_consent_and_not_withdrawn():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    nominee, rival = OrganisationFactory(), OrganisationFactory()
    nominator = UserFactory()
    nomination = nomination_create(
        actor=nominator, edition=edition, organisation=nominee, source="other", motivation="x"
    )
    rival_member, nominee_viewer = member(rival), member(nominee, Role.VIEWER)
    for user in (Anonymous(), rival_member):
        assert not nominations_visible(user=user).exists()
    for user in (nominator, nominee_viewer, organiser):
        assert list(nominations_visible(user=user)) == [nomination]
    consent_decide(actor=member(nominee), nomination=nomination, give=True)
    assert list(nominations_visible(user=Anonymous())) == [nomination]
    nomination.refresh_from_db()
    nomination_withdraw(actor=organiser, nomination=nomination, reason="Fusie")
    assert not nominations_visible(user=Anonymous()).exists()
    assert nominations_visible(user=organiser).count() == 1


def test_the_submission_is_for_the_nominee_and_the_organisers_only():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    nominee = OrganisationFactory()
    editor = member(nominee)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=nominee, source="self"
    )
    criterion = edition.criteria.first()
    submission_save(actor=editor, nomination=nomination, answers={criterion.pk: "Ons verhaal"})
    for user in (editor, member(nominee, Role.VIEWER), organiser):
        assert [a.text for a in submission_of(user=user, nomination=nomination)] == ["Ons verhaal"]
    for user in (Anonymous(), UserFactory(), member(OrganisationFactory())):
        assert submission_of(user=user, nomination=nomination) is None
