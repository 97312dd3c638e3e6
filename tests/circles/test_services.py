import pytest

from proeftuin.circles import services
from proeftuin.circles.models import Circle, CircleMember, Invitation, JoinRequest
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import DuplicateError, NotAllowed, ValidationFailed
from proeftuin.notifications.models import Notification


def test_create_makes_the_actor_host_for_the_innovations_owner(circle, host, home, pilot):
    (member,) = circle.members.all()
    assert (member.user, member.organisation, member.role) == (host, home, "host")
    assert circle.initiative == pilot and circle.case is None and circle.owner == home
    assert AuditEntry.objects.filter(object_uuid=circle.uuid, action="create").exists()


def test_only_who_may_change_the_innovation_starts_a_group(pilot, adopter):
    with pytest.raises(NotAllowed):
        services.circle_create(actor=adopter, innovation=pilot, title="X", kind="learning_circle")
    assert not Circle.objects.exists()


def test_a_group_has_exactly_one_innovation(circle, home):
    from django.db import IntegrityError, transaction

    from tests.factories import make_case

    circle.case = make_case(organisations=[home])
    with pytest.raises(IntegrityError), transaction.atomic():
        circle.save()


def test_bad_kind_and_empty_title_are_refused_in_dutch(host, pilot):
    with pytest.raises(ValidationFailed) as refused:
        services.circle_create(actor=host, innovation=pilot, title=" ", kind="learning_circle")
    assert "titel" in str(refused.value.message)
    with pytest.raises(ValidationFailed):
        services.circle_create(actor=host, innovation=pilot, title="Kring", kind="club")
    assert not Circle.objects.exists()


def test_request_and_approval_make_a_member_and_notify(circle, host, adopter):
    join = services.request_join(actor=adopter, circle=circle, message="Wij willen dit ook")
    assert Notification.objects.filter(recipient=host, event="circle.request").exists()
    services.request_decide(actor=host, join_request=join, approve=True)
    assert circle.members.filter(user=adopter, role="member").exists()
    assert Notification.objects.filter(recipient=adopter, event="circle.request_decided").exists()


def test_joining_twice_is_refused(circle, joined, adopter):
    with pytest.raises(DuplicateError) as refused:
        services.request_join(actor=adopter, circle=circle)
    assert "al lid" in str(refused.value.message)


def test_asking_twice_while_pending_is_refused(circle, adopter):
    services.request_join(actor=adopter, circle=circle)
    with pytest.raises(DuplicateError):
        services.request_join(actor=adopter, circle=circle)
    assert JoinRequest.objects.count() == 1


def test_refused_before_may_not_ask_a_closed_group_again(circle, host, adopter):
    join = services.request_join(actor=adopter, circle=circle)
    services.request_decide(actor=host, join_request=join, approve=False)
    with pytest.raises(NotAllowed) as refused:
        services.request_join(actor=adopter, circle=circle)
    assert "afgewezen" in str(refused.value.message)
    assert not circle.members.filter(user=adopter).exists()


def test_refused_before_may_ask_an_open_group_again(circle, host, adopter):
    services.circle_update(actor=host, circle=circle, openness="signed_in")
    join = services.request_join(actor=adopter, circle=circle)
    services.request_decide(actor=host, join_request=join, approve=False)
    assert services.request_join(actor=adopter, circle=circle).state == "pending"


def test_only_hosts_decide_and_a_decision_is_final(circle, host, adopter, stranger):
    join = services.request_join(actor=adopter, circle=circle)
    with pytest.raises(NotAllowed):
        services.request_decide(actor=stranger, join_request=join, approve=True)
    services.request_decide(actor=host, join_request=join, approve=True)
    with pytest.raises(ValidationFailed):
        services.request_decide(actor=host, join_request=join, approve=False)
    assert CircleMember.objects.filter(user=adopter).count() == 1


def test_inviting_a_member_is_refused(circle, joined, host, adopter):
    with pytest.raises(DuplicateError) as refused:
        services.invite(actor=host, circle=circle, user=adopter)
    assert "al lid" in str(refused.value.message)
    assert Invitation.objects.filter(state="pending").count() == 0


def test_an_invitation_is_answered_only_by_the_invitee(circle, host, adopter, stranger):
    invitation = services.invite(actor=host, circle=circle, user=adopter)
    note = Notification.objects.get(recipient=adopter, event="circle.invitation")
    assert note.subject_id == invitation.pk  # the invitee cannot read the closed group yet
    with pytest.raises(NotAllowed):
        services.invitation_answer(actor=stranger, invitation=invitation, accept=True)
    services.invitation_answer(actor=adopter, invitation=invitation, accept=False)
    assert not circle.members.filter(user=adopter).exists()
    with pytest.raises(ValidationFailed):
        services.invitation_answer(actor=adopter, invitation=invitation, accept=True)


def test_a_member_sets_their_own_status_but_not_anothers(circle, joined, host, adopter):
    services.member_update(actor=adopter, member=joined, status="implementing", status_note="Start")
    joined.refresh_from_db()
    assert (joined.status, joined.status_note) == ("implementing", "Start")
    hosting = circle.members.get(user=host)
    with pytest.raises(NotAllowed):
        services.member_update(actor=adopter, member=hosting, status="stopped")
    with pytest.raises(ValidationFailed):
        services.member_update(actor=adopter, member=joined, status="klaar")


def test_the_last_host_cannot_leave(circle, host):
    with pytest.raises(ValidationFailed):
        services.member_remove(actor=host, member=circle.members.get(user=host))
    assert circle.members.count() == 1


def test_a_member_whose_role_is_revoked_loses_the_group(circle, joined, adopter):
    from proeftuin.accounts.models import Membership

    assert Circle.objects.visible_to(adopter).filter(pk=circle.pk).exists()
    Membership.objects.filter(user=adopter).delete()
    adopter.__dict__.pop("_proeftuin_roles", None)
    assert not Circle.objects.visible_to(adopter).exists()
