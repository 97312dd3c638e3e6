import pytest

from proeftuin.barriers.models import Barrier
from proeftuin.barriers.services import barrier_create, barrier_move, barrier_update
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import ConflictError, NotAllowed, ValidationFailed
from proeftuin.notifications.models import Notification
from tests.factories import UserFactory


def test_create_records_audits_and_tells_the_authority(make_barrier, ministry):
    contact = UserFactory()
    ministry.contacts.add(contact)
    barrier = make_barrier()
    assert barrier.state == "new"
    assert AuditEntry.objects.filter(object_uuid=barrier.uuid, action="create").exists()
    assert Notification.objects.filter(recipient=contact, event="barrier.routed").exists()


def test_create_refuses_an_outsider(alpha, outsider):
    with pytest.raises(NotAllowed):
        barrier_create(actor=outsider, owner=alpha, data={"title": "x"})
    assert not Barrier.objects.exists()


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://wetten.overheid.nl/BWBR0040940/2024-01-01#Artikel5", True),
        ("https://wetten.overheid.nl/zoeken", False),
        ("http://wetten.overheid.nl/BWBR0040940", False),
        ("https://eur-lex.europa.eu/eli/reg/2016/679/oj", True),
    ],
)
def test_rule_url_is_validated(make_barrier, url, ok):
    if ok:
        assert make_barrier(rule_url=url).rule_url == url
    else:
        with pytest.raises(ValidationFailed) as exc:
            make_barrier(rule_url=url)
        assert "rule_url" in exc.value.field_errors
        assert not Barrier.objects.exists()


def test_missing_fields_are_refused_in_dutch(make_barrier):
    with pytest.raises(ValidationFailed) as exc:
        make_barrier(title=" ")
    assert "title" in exc.value.field_errors


def test_update_checks_version(make_barrier, editor):
    barrier = make_barrier()
    barrier_update(actor=editor, barrier=barrier, data={"title": "Nieuw"}, version=1)
    with pytest.raises(ConflictError):
        barrier_update(actor=editor, barrier=barrier, data={"title": "Ouder"}, version=1)
    assert Barrier.objects.get(pk=barrier.pk).title == "Nieuw"


def test_moves_follow_the_transitions(make_barrier, editor):
    barrier = make_barrier()
    with pytest.raises(ValidationFailed):
        barrier_move(actor=editor, barrier=barrier, state="resolved", resolution="x")
    barrier_move(actor=editor, barrier=barrier, state="confirmed")
    with pytest.raises(ValidationFailed) as exc:
        barrier_move(actor=editor, barrier=barrier, state="assumed")
    assert "resolution" in exc.value.field_errors
    barrier_move(actor=editor, barrier=barrier, state="assumed", resolution="De AVG staat het toe.")
    barrier.refresh_from_db()
    assert (barrier.state, barrier.resolution) == ("assumed", "De AVG staat het toe.")


def test_authority_contact_may_move_but_not_edit(make_barrier, ministry):
    contact = UserFactory()
    ministry.contacts.add(contact)
    barrier = make_barrier()
    barrier_move(actor=contact, barrier=barrier, state="confirmed")
    with pytest.raises(NotAllowed):
        barrier_update(actor=contact, barrier=barrier, data={"title": "Anders"})


def test_status_change_notifies_the_recorder(make_barrier, ministry, alpha, make_member):
    barrier = make_barrier()
    contact = UserFactory()
    ministry.contacts.add(contact)
    barrier_move(actor=contact, barrier=barrier, state="confirmed")
    assert Notification.objects.filter(recipient=barrier.created_by, event="barrier.state").exists()
