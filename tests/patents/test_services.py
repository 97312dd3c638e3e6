"""Awarding a patent, recording meetings, claiming and deciding rewards: who may, what
counts, and bad input refused with a clear Dutch message and nothing lost."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from proeftuin.accounts.models import Role
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import ConflictError, DuplicateError, NotAllowed, ValidationFailed
from proeftuin.diffusion.service import innovation_is_proven
from proeftuin.notifications.models import Notification
from proeftuin.patents import services, services_claims
from proeftuin.patents.models import InnovationPatent, PatentClaim
from tests.diffusion.factories import make_adoption
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_a_manager_awards_a_patent_to_a_proven_innovation(editor, patent, innovator):
    assert patent.innovator == innovator
    assert patent.reward_per_adopter == Decimal("1000.00")
    assert patent.title == "Kwijtschelding via de SVB"
    assert AuditEntry.objects.filter(object_uuid=patent.uuid, action="create").exists()
    notified = Notification.objects.get(event="patent.awarded")
    assert notified.recipient == editor


def test_only_managers_award(programme, innovation, editor, make_member, innovator):
    for actor in (editor, make_member(innovator, Role.ORGANISATION_ADMIN)):
        with pytest.raises(NotAllowed):
            services.patent_award(actor=actor, programme=programme, innovation=innovation)
    assert not InnovationPatent.objects.exists()


def test_a_platform_admin_may_award(programme, innovation, platform_admin):
    services.patent_award(actor=platform_admin, programme=programme, innovation=innovation)
    assert InnovationPatent.objects.count() == 1


def test_an_unproven_innovation_gets_no_patent(programme, manager, innovator, adopter):
    fresh = make_initiative(innovator, status="published", visibility="public")
    make_adoption(fresh, adopter, status="piloting")
    assert not innovation_is_proven(fresh)
    with pytest.raises(ValidationFailed) as refused:
        services.patent_award(actor=manager, programme=programme, innovation=fresh)
    assert "bewezen" in str(refused.value.field_errors["innovation"][0])
    assert not InnovationPatent.objects.exists()


def test_its_own_adoption_does_not_prove_an_innovation(innovator):
    own = make_initiative(innovator)
    make_adoption(own, innovator, status="adopted")
    assert not innovation_is_proven(own)


@pytest.mark.parametrize("reward", ["0", "-5", "abc", "99999999"])
def test_a_bad_reward_is_refused(programme, manager, innovation, reward):
    with pytest.raises(ValidationFailed) as refused:
        services.patent_award(
            actor=manager, programme=programme, innovation=innovation, reward_per_adopter=reward
        )
    assert refused.value.field_errors["reward_per_adopter"]
    assert not InnovationPatent.objects.exists()


def test_a_programme_awards_an_innovation_once(patent, programme, manager, innovation):
    with pytest.raises(DuplicateError) as refused:
        services.patent_award(actor=manager, programme=programme, innovation=innovation)
    assert "al een innovatiepatent" in str(refused.value.message)
    assert InnovationPatent.objects.get() == patent


def test_a_claim_counts_after_a_meeting(patent, met, editor, adopter, manager):
    claim = services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    assert claim.status == "owed" and claim.amount == Decimal("1000.00")
    assert "introductiegesprek" in claim.reason
    assert Notification.objects.get(event="patent.claim_requested").recipient == manager


def test_a_reward_claimed_twice_for_one_adopter_is_refused(patent, met, editor, adopter):
    first = services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    with pytest.raises(DuplicateError) as refused:
        services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    assert "al een vergoeding geclaimd" in str(refused.value.message)
    assert list(PatentClaim.objects.all()) == [first]
    first.refresh_from_db()
    assert first.status == "owed" and first.version == 1


def test_without_a_meeting_nothing_is_owed(patent, editor, adopter):
    with pytest.raises(ValidationFailed) as refused:
        services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    assert "introductiegesprek" in str(refused.value.field_errors["adopter"][0])
    assert not PatentClaim.objects.exists()


def test_an_adoption_under_way_does_not_count(patent, editor, bystander):
    make_adoption(patent.initiative, bystander, status="piloting")
    services.meeting_record(actor=editor, patent=patent, adopters=[bystander])
    with pytest.raises(ValidationFailed) as refused:
        services_claims.claim_request(actor=editor, patent=patent, adopter=bystander)
    assert "telt nog niet" in str(refused.value.field_errors["adopter"][0])


def test_without_an_adoption_nothing_is_owed(patent, editor, bystander):
    services.meeting_record(actor=editor, patent=patent, adopters=[bystander])
    with pytest.raises(ValidationFailed):
        services_claims.claim_request(actor=editor, patent=patent, adopter=bystander)


def test_the_innovator_cannot_introduce_or_claim_for_itself(patent, editor, innovator):
    with pytest.raises(ValidationFailed):
        services.meeting_record(actor=editor, patent=patent, adopters=[innovator])
    with pytest.raises(ValidationFailed):
        services_claims.claim_request(actor=editor, patent=patent, adopter=innovator)


def test_meetings_need_an_organisation_and_no_future_date(patent, editor, adopter):
    with pytest.raises(ValidationFailed):
        services.meeting_record(actor=editor, patent=patent, adopters=[])
    future = datetime.date.today() + datetime.timedelta(days=10)
    with pytest.raises(ValidationFailed):
        services.meeting_record(actor=editor, patent=patent, date=future, adopters=[adopter])
    assert not patent.meetings.exists()


def test_only_the_innovators_editors_record_and_claim(patent, met, adopter, make_member):
    from proeftuin.accounts.models import Role as R

    viewer = make_member(patent.innovator, R.CONTRIBUTOR)
    outsider_editor = make_member(adopter, R.EDITOR)
    for actor in (viewer, outsider_editor):
        with pytest.raises(NotAllowed):
            services.meeting_record(actor=actor, patent=patent, adopters=[adopter])
        with pytest.raises(NotAllowed):
            services_claims.claim_request(actor=actor, patent=patent, adopter=adopter)


@pytest.fixture
def claim(patent, met, editor, adopter):
    return services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)


def test_a_claim_is_approved_then_paid(claim, manager, editor):
    services_claims.claim_decide(actor=manager, claim=claim, decision="approve")
    paid = services_claims.claim_decide(
        actor=manager, claim=claim, decision="pay", paid_on=datetime.date(2025, 6, 1)
    )
    assert paid.status == "paid" and paid.paid_on == datetime.date(2025, 6, 1)
    assert paid.version == 3
    assert Notification.objects.filter(event="patent.claim_decided", recipient=editor).exists()
    assert AuditEntry.objects.filter(object_uuid=claim.uuid, action="update").count() == 2


def test_a_paid_claim_stays_paid(claim, manager):
    services_claims.claim_decide(actor=manager, claim=claim, decision="pay")
    with pytest.raises(ConflictError):
        services_claims.claim_decide(actor=manager, claim=claim, decision="reject", reason="x")
    claim.refresh_from_db()
    assert claim.status == "paid"


def test_a_rejection_needs_a_reason(claim, manager):
    with pytest.raises(ValidationFailed) as refused:
        services_claims.claim_decide(actor=manager, claim=claim, decision="reject")
    assert refused.value.field_errors["reason"]
    claim.refresh_from_db()
    assert claim.status == "owed"
    rejected = services_claims.claim_decide(
        actor=manager, claim=claim, decision="reject", reason="Geen echte invoering."
    )
    assert rejected.rejected_reason == "Geen echte invoering."


def test_a_stale_version_is_a_conflict(claim, manager):
    services_claims.claim_decide(actor=manager, claim=claim, decision="approve")
    with pytest.raises(ConflictError):
        services_claims.claim_decide(actor=manager, claim=claim, decision="pay", version=1)


def test_only_managers_decide(claim, editor, make_member, adopter):
    for actor in (editor, make_member(adopter, Role.ORGANISATION_ADMIN)):
        with pytest.raises(NotAllowed):
            services_claims.claim_decide(actor=actor, claim=claim, decision="pay")
    claim.refresh_from_db()
    assert claim.status == "owed"


def test_an_ended_patent_takes_no_new_meetings_or_claims(patent, met, manager, editor, adopter):
    services.patent_end(actor=manager, patent=patent)
    with pytest.raises(ValidationFailed):
        services.meeting_record(actor=editor, patent=patent, adopters=[adopter])
    with pytest.raises(ValidationFailed):
        services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    with pytest.raises(ValidationFailed):
        services.patent_end(actor=manager, patent=patent)


def test_a_claim_that_slips_past_the_check_still_meets_the_constraint(
    patent, met, editor, adopter, monkeypatch
):
    """Two requests at once: the second passes the check before the first is stored; the
    unique constraint refuses it with the same message and the first claim stays."""
    first = services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    monkeypatch.setattr(services_claims, "claimed", lambda patent, adopter: False)
    with pytest.raises(DuplicateError) as refused:
        services_claims.claim_request(actor=editor, patent=patent, adopter=adopter)
    assert "al een vergoeding geclaimd" in str(refused.value.message)
    assert list(PatentClaim.objects.all()) == [first]
    assert AuditEntry.objects.filter(object_type="patents.patentclaim").count() == 1
