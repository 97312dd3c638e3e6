"""Reminders to judges: an organiser reminds the judges with scores open (once a day per
judge and step), the daily job reminds before the step's date (once per date), judges with
nothing left to score or blocked by a conflict hear nothing; the management page shows when
each judge was last reminded, and only organisers may remind."""

import datetime

import pytest
from django.utils import timezone, translation

from proeftuin.awards.models import JudgeReminder, Nomination
from proeftuin.awards.reminders import remind_judges, send_due_reminders
from proeftuin.awards.services_judging import (
    panel_get_or_create,
    panel_member_add,
    scorecard_save,
)
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.core.service import AuditEntry, NotAllowed
from proeftuin.notifications.service import Notification
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
EVENT = "awards.judge_reminder"


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(make_competition(organisers=[organiser]))
    nominees = [OrganisationFactory(), OrganisationFactory()]
    for organisation in nominees:
        editor = member(organisation)
        n = nomination_create(
            actor=editor, edition=edition, organisation=organisation, source="self"
        )
        submission_save(
            actor=editor, nomination=n, answers={c.pk: "Tekst" for c in edition.criteria.all()}
        )
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
    panel = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    done, lagging, insider = UserFactory(), UserFactory(), member(nominees[0])
    for judge in (done, lagging, insider):
        panel_member_add(actor=organiser, panel=panel, user=judge)
    scores = {c.pk: (7, "") for c in edition.criteria.all()}
    for nomination in edition.nominations.all():
        scorecard_save(
            actor=done,
            panel=panel,
            nomination=nomination,
            step="submission",
            scores=scores,
            submit=True,
        )
    return organiser, edition, panel, done, lagging, insider


def reminded(user) -> list[str]:
    return list(
        Notification.objects.filter(event=EVENT, recipient=user).values_list("title", flat=True)
    )


def test_an_organiser_reminds_only_the_judges_with_scores_open(world):
    organiser, _edition, panel, done, lagging, insider = world
    with translation.override("nl"):
        sent, skipped = remind_judges(actor=organiser, panel=panel, step="submission")
    assert (sent, skipped) == (2, 0)
    assert reminded(done) == []
    assert reminded(lagging) and "2 nominaties" in reminded(lagging)[0]
    # the insider may score only the other nominee's entry: one open
    assert "1 nominatie " in reminded(insider)[0]
    rows = JudgeReminder.objects.filter(panel=panel)
    assert {(r.judge_id, r.open_count, r.sent_by_id) for r in rows} == {
        (lagging.pk, 2, organiser.pk),
        (insider.pk, 1, organiser.pk),
    }
    audited = AuditEntry.objects.filter(object_type="awards.judgereminder", actor=organiser)
    assert audited.count() == 2


def test_a_second_reminder_the_same_day_reminds_nobody_twice(world):
    organiser, _edition, panel, _done, lagging, _insider = world
    remind_judges(actor=organiser, panel=panel, step="submission")
    assert remind_judges(actor=organiser, panel=panel, step="submission") == (0, 2)
    later = timezone.now() + datetime.timedelta(days=1)
    assert remind_judges(actor=organiser, panel=panel, step="submission", now=later) == (2, 0)
    assert len(reminded(lagging)) == 2


def test_only_organisers_remind_and_only_steps_the_panel_scores(world):
    _organiser, _edition, panel, done, _lagging, _insider = world
    with pytest.raises(NotAllowed):
        remind_judges(actor=done, panel=panel, step="submission")
    organiser = world[0]
    with translation.override("nl"), pytest.raises(Exception) as caught:
        remind_judges(actor=organiser, panel=panel, step="pitch")
    assert "stap" in str(caught.value.message)
    assert not JudgeReminder.objects.exists()


def test_the_daily_job_reminds_once_per_date_before_the_selection(world):
    _organiser, edition, _panel, done, lagging, _insider = world
    today = datetime.date(2026, 5, 1)
    edition.selection_on = today + datetime.timedelta(days=5)
    edition.save(update_fields=["selection_on"])
    assert send_due_reminders(today) == 0  # too early
    edition.selection_on = today + datetime.timedelta(days=2)
    edition.save(update_fields=["selection_on"])
    with translation.override("nl"):
        assert send_due_reminders(today) == 2
    assert send_due_reminders(today + datetime.timedelta(days=1)) == 0  # once per date
    assert "03-05-2026" in reminded(lagging)[0] and reminded(done) == []
    assert JudgeReminder.objects.filter(sent_by__isnull=True).count() == 2
    assert send_due_reminders(today + datetime.timedelta(days=3)) == 0  # the date has passed


def test_the_management_page_shows_the_last_reminder_and_the_button(client, world):
    organiser, edition, _panel, _done, lagging, _insider = world
    client.force_login(organiser)
    url = f"/prijzen/{edition.slug}/beheer/herinneren/selection/submission/"
    with translation.override("nl"):
        response = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 200
    page = response.content.decode()
    assert "2 juryleden zijn herinnerd" in page
    assert "Laatst herinnerd" in page and url in page
    assert JudgeReminder.objects.filter(judge=lagging).count() == 1


def test_a_judge_may_not_post_a_reminder(client, world):
    _organiser, edition, _panel, _done, lagging, _insider = world
    client.force_login(lagging)
    url = f"/prijzen/{edition.slug}/beheer/herinneren/selection/submission/"
    assert client.post(url).status_code == 403
    assert client.post(f"/prijzen/{edition.slug}/beheer/herinneren/jury/x/").status_code == 404
    assert not JudgeReminder.objects.exists()
