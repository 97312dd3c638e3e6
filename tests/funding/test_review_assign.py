import pytest

from proeftuin.core.models import AuditEntry
from proeftuin.core.service import ConflictError, NotAllowed, ValidationFailed
from proeftuin.funding import conflicts, services_reviews
from proeftuin.funding.models import FundMember, ReviewAssignment
from proeftuin.notifications.models import Notification
from tests.funding.factories import make_application, make_round
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")


def assign(world, reviewer, application=None):
    return services_reviews.assignment_create(
        actor=world.manager, application=application or world.application, reviewer=reviewer
    )


def test_manager_assigns_by_hand_audited_and_notified(world):
    assignment = assign(world, world.expert)
    assert assignment.status == "assigned" and assignment.assigned_by == world.manager
    assert AuditEntry.objects.filter(object_uuid=assignment.uuid, action="create").exists()
    notice = Notification.objects.get(event="funding.review_assigned")
    assert notice.recipient == world.expert


def test_only_managers_assign(world):
    with pytest.raises(NotAllowed):
        services_reviews.assignment_create(
            actor=world.expert, application=world.application, reviewer=world.second
        )
    assert not ReviewAssignment.objects.exists()


def test_only_reviewers_of_the_fund(world, outsider):
    with pytest.raises(ValidationFailed) as refused:
        assign(world, outsider)
    assert "reviewer" in refused.value.field_errors
    FundMember.objects.create(fund=world.fund, user=outsider, role="screener")
    with pytest.raises(ValidationFailed):
        assign(world, outsider)


def test_only_applications_in_review(world):
    screening = make_application(world.round, world.elsewhere, stage="screening")
    with pytest.raises(ValidationFailed):
        assign(world, world.expert, screening)
    assert not ReviewAssignment.objects.exists()


def test_two_stage_sketch_review_can_be_assigned(world):
    two_stage = make_round(world.fund, two_stage=True)
    sketch = make_application(two_stage, world.elsewhere, stage="sketch_review")
    assert assign(world, world.second, sketch).application == sketch
    proposal = make_application(two_stage, world.elsewhere, stage="proposal")
    with pytest.raises(ValidationFailed):
        assign(world, world.second, proposal)


def test_own_organisation_blocked_and_the_attempt_audited(world):
    with pytest.raises(ValidationFailed) as refused:
        assign(world, world.insider)
    assert "Gemeente Aanvrager" in str(refused.value.message)
    assert not ReviewAssignment.objects.exists()
    entry = AuditEntry.objects.get(action=services_reviews.REFUSED)
    assert entry.object_uuid == world.application.uuid
    assert entry.actor == world.manager
    assert entry.changes["reviewer"] == "insider"


def test_own_partner_organisation_blocked(world, make_member):
    member = make_member(world.partner)
    FundMember.objects.create(fund=world.fund, user=member, role="reviewer")
    with pytest.raises(ValidationFailed):
        assign(world, member)
    assert AuditEntry.objects.filter(action=services_reviews.REFUSED).count() == 1


def test_declared_conflict_blocked(world):
    conflicts.conflict_declare(actor=world.second, organisation=world.partner, reason="familie")
    with pytest.raises(ValidationFailed) as refused:
        assign(world, world.second)
    assert "familie" in str(refused.value.message)
    assert not ReviewAssignment.objects.exists()
    assert AuditEntry.objects.filter(action=services_reviews.REFUSED).exists()


def test_assigning_twice_is_refused(world):
    assign(world, world.expert)
    with pytest.raises(ConflictError):
        assign(world, world.expert)
    assert ReviewAssignment.objects.count() == 1


def test_maximum_per_round_by_hand(world):
    FundMember.objects.filter(user=world.third).update(max_assignments=1)
    assign(world, world.third)
    other = make_application(world.round, world.elsewhere)
    with pytest.raises(ValidationFailed) as refused:
        assign(world, world.third, other)
    assert "maximum" in str(refused.value.field_errors["reviewer"][0])


def test_recusal_needs_a_reason(world):
    assignment = assign(world, world.expert)
    with pytest.raises(ValidationFailed) as refused:
        services_reviews.assignment_recuse(actor=world.expert, assignment=assignment, reason=" ")
    assert "reason" in refused.value.field_errors
    assignment.refresh_from_db()
    assert assignment.status == "assigned"


def test_recusal_frees_the_slot_and_is_audited(world):
    FundMember.objects.filter(user=world.third).update(max_assignments=1)
    assignment = assign(world, world.third)
    services_reviews.assignment_recuse(
        actor=world.third, assignment=assignment, reason="Ik ken de projectleider."
    )
    assignment.refresh_from_db()
    assert assignment.status == "recused"
    assert assignment.recusal_reason == "Ik ken de projectleider."
    entry = AuditEntry.objects.get(object_uuid=assignment.uuid, action="update")
    assert entry.changes["status"] == ["assigned", "recused"]
    assert services_reviews.load_in_round(world.round).get(world.third.pk, 0) == 0
    assign(world, world.third, make_application(world.round, world.elsewhere))


def test_only_the_reviewer_recuses(world):
    assignment = assign(world, world.expert)
    with pytest.raises(NotAllowed):
        services_reviews.assignment_recuse(
            actor=world.manager, assignment=assignment, reason="namens"
        )


def test_manager_withdraws_an_assignment(world):
    assignment = assign(world, world.expert)
    services_reviews.assignment_remove(actor=world.manager, assignment=assignment)
    assert not ReviewAssignment.objects.exists()
    assert AuditEntry.objects.filter(object_uuid=assignment.uuid, action="delete").exists()
    again = assign(world, world.expert)
    with pytest.raises(NotAllowed):
        services_reviews.assignment_remove(actor=world.expert, assignment=again)


def test_by_expertise_best_match_first_skipping_conflicts(world):
    result = services_reviews.assign_by_expertise(
        actor=world.manager, round_=world.round, per_application=2
    )
    # insider's expertise matches too, but works at the lead; only the expert matches
    assert [(a.application, a.reviewer) for a in result.made] == [(world.application, world.expert)]
    assert [(u.application, u.missing) for u in result.unfilled] == [(world.application, 1)]


def test_by_expertise_respects_the_maximum(world):
    FundMember.objects.filter(user=world.expert).update(max_assignments=1)
    second = make_application(world.round, world.third_party, title="Schuldhulp in de wijk")
    result = services_reviews.assign_by_expertise(
        actor=world.manager, round_=world.round, per_application=1
    )
    # both match the expert (klantreis, schuldhulp); the oldest submission gets their
    # one slot; the second goes to the insider, who has no conflict with its lead
    made = {(a.application, a.reviewer) for a in result.made}
    assert made == {(world.application, world.expert), (second, world.insider)}
    assert result.unfilled == []


def test_by_expertise_per_application_must_be_sane(world):
    with pytest.raises(ValidationFailed):
        services_reviews.assign_by_expertise(
            actor=world.manager, round_=world.round, per_application=0
        )


def test_round_robin_spreads_evenly_within_the_maximum(world):
    others = [make_application(world.round, world.third_party) for _ in range(2)]
    result = services_reviews.assign_round_robin(
        actor=world.manager, round_=world.round, per_application=2, maximum=2
    )
    loads = services_reviews.load_in_round(world.round)
    assert len(result.made) == 6
    assert sorted(loads.values()) == [1, 1, 2, 2]  # six slots over four reviewers
    assert not world.application.assignments.filter(reviewer=world.insider).exists()
    assert result.unfilled == []
    assert all(a.assignments.count() == 2 for a in [world.application, *others])


def test_round_robin_maximum_respected_and_shortfall_reported(world):
    others = [make_application(world.round, world.third_party) for _ in range(2)]
    result = services_reviews.assign_round_robin(
        actor=world.manager, round_=world.round, per_application=2, maximum=1
    )
    loads = services_reviews.load_in_round(world.round)
    assert max(loads.values()) == 1
    assert len(result.made) == 4  # four reviewers, one each
    assert sum(u.missing for u in result.unfilled) == 2
    assert {u.application for u in result.unfilled} <= {world.application, *others}


def test_round_robin_skips_conflicts(world):
    conflicts.conflict_declare(actor=world.second, organisation=world.partner, reason="familie")
    services_reviews.assign_round_robin(actor=world.manager, round_=world.round, per_application=4)
    reviewers = set(world.application.assignments.values_list("reviewer__username", flat=True))
    assert reviewers == {"expert", "derde"}


def test_round_robin_maximum_must_be_positive(world):
    with pytest.raises(ValidationFailed):
        services_reviews.assign_round_robin(
            actor=world.manager, round_=world.round, per_application=2, maximum=0
        )
