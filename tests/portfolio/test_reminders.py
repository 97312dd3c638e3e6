"""Due reminders: gate and reflection reminders once per due date, none for stopped
initiatives, none to people who left the organisations; the job queues its next run."""

import datetime

import pytest
from django.core.management import call_command

from proeftuin.accounts.models import Membership, Role
from proeftuin.core.models import BackgroundJob
from proeftuin.core.service import Stage
from proeftuin.notifications.models import Notification
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.reminders import send_due_reminders
from proeftuin.portfolio.services import team_member_add

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def team(initiative, editor, make_member, lead):
    gatekeeper = make_member(lead, Role.VIEWER)
    member = make_member(lead, Role.VIEWER)
    team_member_add(actor=editor, initiative=initiative, user=gatekeeper, role="gatekeeper")
    team_member_add(actor=editor, initiative=initiative, user=member, role="team")
    return {"owner": initiative.created_by, "gatekeeper": gatekeeper, "member": member}


def _due(initiative, **dates):
    Initiative.objects.filter(pk=initiative.pk).update(**dates)


def _told(event) -> set:
    return set(Notification.objects.filter(event=event).values_list("recipient", flat=True))


def _gate_stage(initiative) -> bool:
    return initiative.stage.transitions_out.filter(is_gate=True).exists()


def test_gate_due_tells_gatekeeper_and_owner_once(initiative, team):
    if not _gate_stage(initiative):  # the initial stage of the default pipeline
        stage = Stage.objects.filter(
            workflow=initiative.workflow, transitions_out__is_gate=True, category="open"
        ).first()
        Initiative.objects.filter(pk=initiative.pk).update(stage=stage)
    _due(initiative, evaluation_date=TODAY - datetime.timedelta(days=2), reflection_due=None)
    assert send_due_reminders(TODAY) == 1
    assert _told("initiative.gate_due") == {team["owner"].pk, team["gatekeeper"].pk}
    assert send_due_reminders(TODAY) == 0  # a rerun repeats nothing
    assert Notification.objects.filter(event="initiative.gate_due").count() == 2


def test_reflection_due_tells_the_team_but_not_who_left(initiative, team):
    Membership.objects.filter(user=team["member"]).delete()  # revoked
    _due(initiative, reflection_due=TODAY, evaluation_date=None)
    assert send_due_reminders(TODAY) == 1
    assert _told("initiative.reflection_due") == {team["owner"].pk, team["gatekeeper"].pk}
    assert send_due_reminders(TODAY + datetime.timedelta(days=1)) == 0
    _due(initiative, reflection_due=TODAY + datetime.timedelta(days=30))  # a new due date
    assert send_due_reminders(TODAY + datetime.timedelta(days=30)) == 1


def test_no_reminder_for_a_stopped_initiative(initiative, team):
    stopped = Stage.objects.filter(workflow=initiative.workflow, category="closed_stopped").first()
    Initiative.objects.filter(pk=initiative.pk).update(stage=stopped)
    _due(initiative, reflection_due=TODAY, evaluation_date=TODAY)
    assert send_due_reminders(TODAY) == 0
    assert not Notification.objects.exists()


def test_the_command_sends_and_queues_the_daily_job(initiative, team):
    _due(initiative, reflection_due=datetime.date.today() - datetime.timedelta(days=1))
    call_command("portfolio_due_reminders")
    assert _told("initiative.reflection_due")
    assert BackgroundJob.objects.filter(name="portfolio.due_reminders", state="queued").count() == 1


def test_the_worker_schedules_the_daily_job_at_its_start(db):
    from django.utils import timezone

    call_command("worker", "--burst")
    call_command("worker", "--burst")  # a second start adds no second waiting run
    jobs = BackgroundJob.objects.filter(name="portfolio.due_reminders", state="queued")
    assert jobs.count() == 1
    assert jobs.get().run_after > timezone.now()  # at the digest hour, not at once


def test_every_new_event_is_on_the_preferences_page(signed_in, contributor):
    body = signed_in(contributor).get("/meldingen/voorkeuren/").content.decode()
    for label in ("U bent genoemd in een reactie", "Iemand reageerde op een initiatief"):
        assert label in body
    assert "initiative.gate_due" in body and "initiative.reflection_due" in body


def _to_gate_stage(initiative):
    if not _gate_stage(initiative):
        stage = Stage.objects.filter(
            workflow=initiative.workflow, transitions_out__is_gate=True, category="open"
        ).first()
        Initiative.objects.filter(pk=initiative.pk).update(stage=stage)


def test_mijn_werk_shows_gates_and_reflections_due_soon(signed_in, initiative, team):
    _to_gate_stage(initiative)
    soon = datetime.date.today() + datetime.timedelta(days=5)
    _due(initiative, evaluation_date=soon, reflection_due=soon)
    body = signed_in(team["gatekeeper"]).get("/mijn-werk/").content.decode()
    assert "Poorten aan de beurt" in body and "Reflecties te schrijven" in body
    assert body.count(initiative.title) >= 2  # in both sections
    later = datetime.date.today() + datetime.timedelta(days=30)
    _due(initiative, evaluation_date=later, reflection_due=later)
    body = signed_in(team["gatekeeper"]).get("/mijn-werk/").content.decode()
    assert "Er is de komende week geen poort aan de beurt." in body
    assert "De komende week staat geen reflectie gepland." in body


def test_gates_due_leave_out_who_left_and_plain_members(signed_in, initiative, team):
    _to_gate_stage(initiative)
    _due(initiative, evaluation_date=datetime.date.today())
    from proeftuin.portfolio.reminders import gates_due_soon

    assert list(gates_due_soon(team["gatekeeper"])) == [Initiative.objects.get(pk=initiative.pk)]
    assert not gates_due_soon(team["member"]).exists()  # not a gatekeeper or owner
    Membership.objects.filter(user=team["gatekeeper"]).delete()
    gatekeeper = type(team["gatekeeper"]).objects.get(pk=team["gatekeeper"].pk)  # roles anew
    assert not gates_due_soon(gatekeeper).exists()
