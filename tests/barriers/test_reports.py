import pytest
from django.core import mail

from proeftuin.accounts.service import platform_role_grant
from proeftuin.barriers.models import Barrier, BarrierReport
from proeftuin.barriers.reports import (
    REPORTS_PER_HOUR,
    report_moderate,
    report_submit,
    reports_mark_spam,
    sender_key,
)
from proeftuin.core.jobs import run_task
from proeftuin.core.service import NotAllowed, ValidationFailed
from tests.factories import UserFactory

REPORT = {
    "rule": "Participatiewet, artikel 8",
    "description": "De regel dwingt gemeenten om iedere maand alle bewijsstukken op te vragen.",
    "email": "burger@example.org",
}


@pytest.fixture
def steward(db, platform_admin):
    return platform_admin


def test_the_public_form_stores_and_hides_until_moderated(client, db):
    response = client.post("/regel-melden/", REPORT)
    report = BarrierReport.objects.get()
    assert response.status_code == 302 and str(report.uuid) in response["Location"]
    assert report.status == "pending" and not Barrier.objects.exists()
    status_page = client.get(response["Location"]).content.decode()
    assert REPORT["rule"] in status_page
    assert REPORT["rule"] not in client.get("/knelpunten/").content.decode()


def test_anonymous_reports_keep_no_name(db):
    report = report_submit(data={**REPORT, "name": "Piet", "anonymous": True}, sender="s")
    assert report.name == ""


def test_a_flood_is_rate_limited_and_loses_nothing_stored(client, db):
    for _n in range(REPORTS_PER_HOUR):
        assert client.post("/regel-melden/", REPORT).status_code == 302
    response = client.post("/regel-melden/", REPORT)
    assert response.status_code == 429
    assert BarrierReport.objects.count() == REPORTS_PER_HOUR
    other = client.post("/regel-melden/", REPORT, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302  # someone else still gets through


def test_the_honeypot_marks_spam_without_losing_it(client, db):
    client.post("/regel-melden/", {**REPORT, "website": "http://spam.example"})
    assert BarrierReport.objects.get().status == "spam"


def test_moderation_accepts_into_the_register_and_mails(steward, db):
    report = report_submit(data=REPORT, sender=sender_key("1.2.3.4"))
    report = report_moderate(
        actor=steward, report=report, decision="accepted", category="legal", answer="Dank!"
    )
    assert report.barrier.rule == REPORT["rule"] and report.barrier.status == "published"
    run_task("barriers.report_mail", report.pk)
    assert mail.outbox and str(report.uuid) in mail.outbox[0].body


def test_rejecting_needs_an_answer(steward, db):
    report = report_submit(data=REPORT, sender="x")
    with pytest.raises(ValidationFailed):
        report_moderate(actor=steward, report=report, decision="rejected")
    assert BarrierReport.objects.get().status == "pending"


def test_only_stewards_moderate(db, platform_admin):
    reviewer, other = UserFactory(), UserFactory()
    platform_role_grant(actor=platform_admin, user=reviewer, role="reviewer")
    report = report_submit(data=REPORT, sender="x")
    with pytest.raises(NotAllowed):
        report_moderate(actor=other, report=report, decision="spam")
    report_moderate(actor=reviewer, report=report, decision="spam")


def test_spam_of_one_sender_is_marked_at_once(steward, db):
    for _n in range(3):
        report_submit(data=REPORT, sender="flood")
    real = report_submit(data=REPORT, sender="real")
    assert reports_mark_spam(actor=steward, sender="flood") == 3
    assert BarrierReport.objects.get(pk=real.pk).status == "pending"
