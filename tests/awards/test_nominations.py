"""Nominating (oneself or another organisation), consent, contacts, the submission per
criterion, submitting and withdrawing; each refusal in Dutch with nothing half-saved."""

import datetime

import pytest
from django.utils import timezone, translation

from proeftuin.accounts.models import Role
from proeftuin.awards.models import Nomination
from proeftuin.awards.services_nominations import (
    consent_decide,
    contact_add,
    nomination_create,
    nomination_withdraw,
    submission_save,
    submission_submit,
)
from proeftuin.core.service import (
    AuditEntry,
    ConflictError,
    DuplicateError,
    NotAllowed,
    ValidationFailed,
)
from tests.awards.factories import make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def fresh(nomination):
    return Nomination.objects.get(pk=nomination.pk)


def refusal(call, error=ValidationFailed) -> str:
    with translation.override("nl"), pytest.raises(error) as caught:
        call()
    exc = caught.value
    return " ".join([str(exc.message), *(str(m) for ms in exc.field_errors.values() for m in ms)])


@pytest.fixture
def edition():
    return make_edition()


@pytest.fixture
def nominee():
    return OrganisationFactory()


def test_a_self_nomination_has_consent_and_its_maker_as_contact(edition, nominee):
    editor = member(nominee)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=nominee, source="self"
    )
    assert (nomination.consent, nomination.stage.key) == ("given", "nominated")
    assert list(nomination.contacts.all()) == [editor]
    entry = AuditEntry.objects.get(object_uuid=nomination.uuid)
    assert (entry.actor, entry.action) == (editor, "create")


def test_only_editors_nominate_their_own_organisation(edition, nominee):
    viewer = member(nominee, Role.VIEWER)
    message = refusal(
        lambda: nomination_create(
            actor=viewer, edition=edition, organisation=nominee, source="self"
        ),
        NotAllowed,
    )
    assert "redacteuren en beheerders" in message
    assert not Nomination.objects.exists()


def test_another_party_nominates_and_the_nominee_decides_on_consent(edition, nominee):
    outsider, editor = UserFactory(), member(nominee)
    nomination = nomination_create(
        actor=outsider,
        edition=edition,
        organisation=nominee,
        source="other",
        motivation="Zij maakten de wachtlijst korter.",
    )
    assert nomination.consent == "pending" and not nomination.contacts.exists()
    refusal(lambda: consent_decide(actor=outsider, nomination=nomination, give=True), NotAllowed)
    consent_decide(actor=editor, nomination=fresh(nomination), give=True)
    nomination = fresh(nomination)
    assert (nomination.consent, nomination.consent_by) == ("given", editor)
    assert list(nomination.contacts.all()) == [editor]
    assert "al besloten" in refusal(
        lambda: consent_decide(actor=editor, nomination=fresh(nomination), give=False)
    )


def test_a_refused_consent_withdraws_the_nomination(edition, nominee):
    nomination = nomination_create(
        actor=UserFactory(),
        edition=edition,
        organisation=nominee,
        source="other",
        motivation="Goed",
    )
    consent_decide(actor=member(nominee), nomination=nomination, give=False)
    nomination = fresh(nomination)
    assert (nomination.consent, nomination.stage.key) == ("refused", "withdrawn")


def test_a_nomination_by_another_party_needs_a_motivation(edition, nominee):
    message = refusal(
        lambda: nomination_create(
            actor=UserFactory(), edition=edition, organisation=nominee, source="other"
        )
    )
    assert "waarom u deze organisatie nomineert" in message
    assert not Nomination.objects.exists()


def test_a_duplicate_nomination_is_refused(edition, nominee):
    nomination_create(actor=member(nominee), edition=edition, organisation=nominee, source="self")
    message = refusal(
        lambda: nomination_create(
            actor=UserFactory(),
            edition=edition,
            organisation=nominee,
            source="other",
            motivation="x",
        ),
        DuplicateError,
    )
    assert "al genomineerd" in message and Nomination.objects.count() == 1


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"published": False}, "niet open voor nominaties"),
        ({"nominations_open": timezone.now() + datetime.timedelta(days=1)}, "Nominaties openen op"),
        (
            {
                "nominations_open": timezone.now() - datetime.timedelta(days=9),
                "nominations_close": timezone.now() - datetime.timedelta(days=1),
            },
            "gesloten op",
        ),
    ],
)
def test_nominations_only_while_open(fields, expected, nominee):
    from tests.awards.factories import make_competition

    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]), **fields)
    actor = organiser if not fields.get("published", True) else member(nominee)
    message = refusal(
        lambda: nomination_create(
            actor=actor, edition=edition, organisation=nominee, source="self"
        ),
        NotAllowed,
    )
    assert expected in message and not Nomination.objects.exists()


def test_the_submission_per_criterion_and_submitting(edition, nominee):
    editor = member(nominee)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=nominee, source="self"
    )
    innovation, impact = edition.criteria.all()
    submission_save(
        actor=editor, nomination=nomination, answers={innovation.pk: "Een nieuw loket."}
    )
    message = refusal(lambda: submission_submit(actor=editor, nomination=fresh(nomination)))
    assert "“Impact”" in message and fresh(nomination).stage.key == "nominated"
    submission_save(
        actor=editor, nomination=fresh(nomination), answers={str(impact.pk): "Minder wachten."}
    )
    submission_submit(actor=editor, nomination=fresh(nomination))
    nomination = fresh(nomination)
    assert nomination.stage.key == "submitted" and nomination.submitted_at
    assert "kan niet meer veranderen" in refusal(
        lambda: submission_save(actor=editor, nomination=nomination, answers={impact.pk: "x"}),
        NotAllowed,
    )


def test_submission_refusals(edition, nominee):
    editor = member(nominee)
    nomination = nomination_create(
        actor=UserFactory(), edition=edition, organisation=nominee, source="other", motivation="x"
    )
    criterion = edition.criteria.first()
    assert "nog geen toestemming" in refusal(
        lambda: submission_save(actor=editor, nomination=nomination, answers={criterion.pk: "x"}),
        NotAllowed,
    )
    consent_decide(actor=editor, nomination=nomination, give=True)
    assert "geen criterium van deze editie" in refusal(
        lambda: submission_save(actor=editor, nomination=fresh(nomination), answers={999999: "x"})
    )
    stale = refusal(
        lambda: submission_save(
            actor=editor,
            nomination=fresh(nomination),
            answers={criterion.pk: "x"},
            expected_version=1,
        ),
        ConflictError,
    )
    assert stale and not fresh(nomination).answers.exists()
    rival = member(OrganisationFactory())
    refusal(
        lambda: submission_save(
            actor=rival, nomination=fresh(nomination), answers={criterion.pk: "x"}
        ),
        NotAllowed,
    )
    edition.submissions_close = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()
    assert "verstreken" in refusal(
        lambda: submission_save(
            actor=editor, nomination=fresh(nomination), answers={criterion.pk: "x"}
        ),
        NotAllowed,
    )


def test_contacts_are_members_of_the_nominee(edition, nominee):
    editor = member(nominee)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=nominee, source="self"
    )
    colleague = member(nominee, Role.CONTRIBUTOR)
    contact_add(actor=editor, nomination=nomination, user=colleague)
    assert set(fresh(nomination).contacts.all()) == {editor, colleague}
    stranger = member(OrganisationFactory())
    assert "lid zijn van de genomineerde organisatie" in refusal(
        lambda: contact_add(actor=editor, nomination=fresh(nomination), user=stranger)
    )


def test_withdrawing_needs_a_reason_and_the_nominee_or_an_organiser(edition, nominee):
    editor = member(nominee)
    nomination = nomination_create(
        actor=editor, edition=edition, organisation=nominee, source="self"
    )
    assert "waarom" in refusal(
        lambda: nomination_withdraw(actor=editor, nomination=nomination, reason=" ")
    )
    refusal(
        lambda: nomination_withdraw(actor=UserFactory(), nomination=fresh(nomination), reason="x"),
        NotAllowed,
    )
    nomination_withdraw(actor=editor, nomination=fresh(nomination), reason="Geen tijd dit jaar")
    assert fresh(nomination).stage.key == "withdrawn"
