"""notify(): stored in the caller's transaction, for who may see the subject, on the
channels each recipient chose; mail only from background jobs."""

from datetime import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from proeftuin.accounts.models import Membership, Role
from proeftuin.core.models import BackgroundJob
from proeftuin.notifications.models import Notification, NotificationPreference
from proeftuin.notifications.service import EmailFrequency, UnknownEvent, notify
from proeftuin.notifications.services import next_digest_at
from proeftuin.notifications.tasks import daily_digest
from tests.factories import OrganisationFactory, UserFactory, make_case
from tests.notification_support import CASE_CHANGED, DIGESTED

pytestmark = pytest.mark.django_db


def _notify(recipients, **extra):
    data = {"event": CASE_CHANGED, "title": "Casus gewijzigd", "url": "/casussen/x/"}
    return notify(recipients=recipients, **{**data, **extra})


def test_each_recipient_once_without_the_actor_or_inactive_users():
    a, b, actor = UserFactory(), UserFactory(), UserFactory()
    inactive = UserFactory(is_active=False)
    rows = _notify([a, b, a, actor, inactive, None], actor=actor)
    assert sorted(r.recipient_id for r in rows) == sorted([a.pk, b.pk])
    stored = Notification.objects.get(recipient=a)
    assert (stored.actor, stored.in_platform, stored.email) == (actor, True, "never")
    assert stored.read_at is None and stored.emailed_at is None


def test_an_unknown_event_fails():
    with pytest.raises(UnknownEvent):
        _notify([UserFactory()], event="test.bestaat_niet")


@pytest.mark.parametrize("url", ["https://elders.example/", "//elders.example/", "javascript:x"])
def test_a_link_stays_on_the_site(url):
    with pytest.raises(ValueError):
        _notify([UserFactory()], url=url)


def test_nothing_is_stored_or_queued_when_the_write_rolls_back():
    user = UserFactory()
    NotificationPreference.objects.create(user=user, event=CASE_CHANGED, email="immediately")
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify([user])
        raise RuntimeError
    assert not Notification.objects.exists()
    assert not BackgroundJob.objects.exists()


def test_who_may_not_see_the_subject_is_left_out(make_member):
    org = OrganisationFactory()
    case = make_case(organisations=[org], status="draft", visibility="organisation")
    contributor = make_member(org, Role.CONTRIBUTOR)
    revoked = make_member(org, Role.CONTRIBUTOR)
    viewer = make_member(org, Role.VIEWER)  # sees published cases only
    outsider = UserFactory()
    Membership.objects.filter(user=revoked).delete()
    rows = _notify([contributor, revoked, viewer, outsider], subject=case)
    assert [r.recipient for r in rows] == [contributor]
    assert rows[0].subject == case


def test_a_subject_without_visibility_rule_reaches_everyone():
    user, other = UserFactory(), UserFactory()
    assert [r.recipient for r in _notify([user], subject=other)] == [user]


def test_preferences_decide_the_channels():
    off, mail_only, both = UserFactory(), UserFactory(), UserFactory()
    NotificationPreference.objects.create(user=off, event=CASE_CHANGED, in_platform=False)
    NotificationPreference.objects.create(
        user=mail_only, event=CASE_CHANGED, in_platform=False, email="immediately"
    )
    NotificationPreference.objects.create(user=both, event=CASE_CHANGED, email="daily")
    rows = {r.recipient: r for r in _notify([off, mail_only, both])}
    assert off not in rows
    assert (rows[mail_only].in_platform, rows[mail_only].email) == (False, "immediately")
    assert (rows[both].in_platform, rows[both].email) == (True, "daily")


def test_an_immediate_mail_is_sent_by_a_job_after_the_commit(
    django_capture_on_commit_callbacks,
):
    user = UserFactory(email="lid@example.nl")
    NotificationPreference.objects.create(user=user, event=CASE_CHANGED, email="immediately")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        (row,) = _notify([user], title="Casus Wijkteams gewijzigd")
    assert mail.outbox == []  # not in the request
    job = BackgroundJob.objects.get(name="notifications.email")
    assert job.args == [row.pk]
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["lid@example.nl"]]
    assert "Casus Wijkteams gewijzigd" in mail.outbox[0].subject
    assert "http://localhost:8000/casussen/x/" in mail.outbox[0].body
    row.refresh_from_db()
    assert row.emailed_at is not None


def test_the_mail_job_checks_visibility_again(django_capture_on_commit_callbacks, make_member):
    org = OrganisationFactory()
    case = make_case(organisations=[org], visibility="organisation")
    member = make_member(org, Role.VIEWER)
    NotificationPreference.objects.create(user=member, event=CASE_CHANGED, email="immediately")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _notify([member], subject=case)
    Membership.objects.filter(user=member).delete()
    member.__dict__.pop("_proeftuin_roles", None)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_the_daily_digest_collects_a_days_notifications(settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    user, other = UserFactory(email="a@example.nl"), UserFactory(email="b@example.nl")
    notify(recipients=[user, other], event=DIGESTED, title="Eerste melding", url="/")
    notify(recipients=[user], event=DIGESTED, title="Tweede melding", url="/")
    jobs = BackgroundJob.objects.filter(name="notifications.digest", state="queued")
    assert jobs.count() == 1  # one waiting digest, however many notifications
    assert jobs.get().run_after == next_digest_at()
    assert mail.outbox == []
    assert daily_digest() == 2
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Eerste melding" in bodies["a@example.nl"] and "Tweede melding" in bodies["a@example.nl"]
    assert "Tweede melding" not in bodies["b@example.nl"]
    assert daily_digest() == 0 and len(mail.outbox) == 2


def test_the_digest_command_sends_what_waits(settings):
    from django.core.management import call_command

    notify(recipients=[UserFactory(email="c@example.nl")], event=DIGESTED, title="M", url="/")
    call_command("notifications_digest")
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "now, expected",
    [
        (datetime(2026, 3, 2, 6, 30), datetime(2026, 3, 2, 7, 0)),
        (datetime(2026, 3, 2, 7, 0), datetime(2026, 3, 3, 7, 0)),
        (datetime(2026, 3, 2, 23, 0), datetime(2026, 3, 3, 7, 0)),
    ],
)
def test_the_next_digest_is_at_the_configured_hour(settings, now, expected):
    settings.NOTIFICATIONS_DIGEST_HOUR = 7
    zone = timezone.get_current_timezone()
    at = next_digest_at(timezone.make_aware(now, zone))
    assert timezone.localtime(at).replace(tzinfo=None) == expected


def test_email_choices_are_the_three_of_the_issue():
    assert EmailFrequency.values == ["never", "immediately", "daily"]
