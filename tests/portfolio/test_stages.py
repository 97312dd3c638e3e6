"""Initiatives in their workflow: the start stage, the "Fase wijzigen" page (moves, gates,
refusals with nothing saved, conflicts), the history, notifications and Mijn werk."""

import datetime

import pytest

from proeftuin.accounts.models import Role
from proeftuin.core.models import Move
from proeftuin.core.service import (
    GateQuestion,
    Transition,
    work_for,
    workflow_copy_default,
    workflow_move,
)
from proeftuin.notifications.models import Notification
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.services import initiative_update, team_member_add
from tests.factories import UserFactory, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def gatekeeper(make_member, lead):
    return make_member(lead, Role.VIEWER)


@pytest.fixture
def team(initiative, editor, gatekeeper, make_member, lead):
    """The contributor owns the initiative; a viewer of the lead keeps its gates."""
    member = make_member(lead, Role.VIEWER)
    team_member_add(actor=editor, initiative=initiative, user=gatekeeper, role="gatekeeper")
    team_member_add(actor=editor, initiative=initiative, user=member, role="team")
    return {"owner": initiative.created_by, "gatekeeper": gatekeeper, "member": member}


def _url(initiative) -> str:
    return f"/initiatieven/{initiative.slug}/fase/"


def _transition(initiative, to: str, gate: bool = False) -> Transition:
    initiative.refresh_from_db()
    return Transition.objects.get(
        workflow=initiative.workflow, from_stage=initiative.stage, to_stage__key=to, is_gate=gate
    )


def _post(client, initiative, to: str, gate: bool = False, version=None, **fields):
    transition = _transition(initiative, to, gate)
    prefix = f"move-{transition.pk}-"
    data = {"transition": str(transition.pk)}
    data[prefix + "expected_version"] = str(
        initiative.stage_version if version is None else version
    )
    data.update({prefix + name: value for name, value in fields.items()})
    return client.post(_url(initiative), data)


def _answers(initiative) -> dict[str, str]:
    initiative.refresh_from_db()
    questions = GateQuestion.objects.filter(stage=initiative.stage)
    return {f"answer_{q.pk}": f"Antwoord op {q.pk}" for q in questions}


def _stage(initiative) -> str:
    return Initiative.objects.get(pk=initiative.pk).stage.key


def test_a_new_initiative_starts_in_the_initial_stage(initiative):
    assert initiative.workflow.kind == "initiative" and initiative.workflow.owner is None
    assert initiative.stage.key == "idea" and initiative.stage_version == 0


def test_through_the_default_pipeline_by_the_right_people(client, initiative, team):
    client.force_login(team["owner"])
    assert _post(client, initiative, "exploration").status_code == 302
    assert _stage(initiative) == "exploration"
    client.force_login(team["gatekeeper"])
    body = client.get(_url(initiative)).content.decode()
    assert "Poortbesluit: door" in body and "Zijn de risico" in body
    for to in ("pilot", "evaluation", "scaling"):
        fields = {"reason": "Goed onderbouwd", "evidence": "Rapport", **_answers(initiative)}
        response = _post(client, initiative, to, gate=True, **fields)
        assert response.status_code == 302, response.content.decode()
        assert _stage(initiative) == to
    client.force_login(team["owner"])
    assert _post(client, initiative, "standard").status_code == 302
    assert _stage(initiative) == "standard"
    moves = Move.objects.filter(object_id=initiative.pk)
    assert moves.count() == 5
    assert set(moves.exclude(decision="").values_list("decision", flat=True)) == {"go"}


def test_a_move_by_someone_not_allowed_is_refused(client, initiative, team):
    client.force_login(team["member"])
    assert client.get(_url(initiative)).status_code == 403
    response = _post(client, initiative, "exploration")
    assert response.status_code == 403
    assert "Deze stap is alleen voor" in response.content.decode()
    assert _stage(initiative) == "idea"
    assert not Move.objects.exists()


def test_a_gate_by_someone_who_is_not_gatekeeper_is_refused(client, initiative, team, editor):
    workflow_move(actor=team["owner"], subject=initiative, to_stage="exploration")
    client.force_login(editor)  # may edit the initiative, but does not keep its gates
    fields = {"reason": "Snel door", **_answers(initiative)}
    response = _post(client, initiative, "pilot", gate=True, **fields)
    assert response.status_code == 403
    assert "de poortwachter" in response.content.decode()
    assert _stage(initiative) == "exploration"


def test_gate_without_answers_names_each_missing_answer(client, initiative, team):
    workflow_move(actor=team["owner"], subject=initiative, to_stage="exploration")
    client.force_login(team["gatekeeper"])
    response = _post(client, initiative, "pilot", gate=True)
    body = response.content.decode()
    assert response.status_code == 400
    assert body.count("Beantwoord deze vraag.") >= 3 and "Zijn de risico" in body
    assert "Het formulier kon niet worden opgeslagen" in body
    assert _stage(initiative) == "exploration"


def test_stop_without_lessons_is_refused_and_nothing_saved(client, initiative, team):
    client.force_login(team["owner"])
    response = _post(client, initiative, "stopped", reason="Geen budget meer")
    assert response.status_code == 400
    assert "Schrijf de geleerde lessen op." in response.content.decode()
    assert _stage(initiative) == "idea"
    assert not Move.objects.exists() and not Notification.objects.exists()
    initiative_update(initiative=initiative, actor=team["owner"], lessons="Eerst draagvlak.")
    assert _post(client, initiative, "stopped", reason="Geen budget meer").status_code == 302
    assert _stage(initiative) == "stopped"


def test_a_stale_version_is_a_conflict(client, initiative, team, editor):
    stale = initiative.stage_version
    workflow_move(actor=editor, subject=initiative, to_stage="exploration")
    initiative.refresh_from_db()
    client.force_login(team["owner"])
    response = _post(client, initiative, "parked", version=stale, reason="Even wachten")
    assert response.status_code == 409
    assert "Iemand anders heeft" in response.content.decode()
    assert _stage(initiative) == "exploration"
    assert Move.objects.count() == 1


def test_the_team_is_notified_of_a_move(initiative, team, editor):
    workflow_move(actor=team["owner"], subject=initiative, to_stage="exploration")
    told = set(Notification.objects.values_list("recipient", flat=True))
    assert told == {team["gatekeeper"].pk, team["member"].pk}  # not the actor
    assert Notification.objects.filter(event="initiative.stage_changed").count() == 2
    assert "Verkenning" in Notification.objects.first().title


def test_history_on_the_initiative_page(client, initiative, team):
    workflow_move(actor=team["owner"], subject=initiative, to_stage="exploration")
    answers = {a.split("_")[1]: text for a, text in _answers(initiative).items()}
    workflow_move(
        actor=team["gatekeeper"],
        subject=initiative,
        to_stage="exploration",
        decision="adjust",
        reason="Doelgroep scherper",
        answers=answers,
    )
    client.force_login(team["member"])
    body = client.get(f"/initiatieven/{initiative.slug}/").content.decode()
    assert "Fase: Verkenning" in body and "Idee → Verkenning" in body
    assert "bijstellen" in body and "Doelgroep scherper" in body
    assert "Antwoord op" in body and "Zijn de risico" in body
    assert "Fase wijzigen" not in body  # a team member makes no moves


def test_list_shows_and_filters_the_stage(client, lead, editor):
    first = make_initiative(lead, title="Eerste idee", status="published")
    other = make_initiative(lead, title="Al verkend", status="published")
    workflow_move(actor=editor, subject=other, to_stage="exploration")
    body = client.get("/initiatieven/").content.decode()
    assert "Verkenning" in body and "Alle fasen" in body
    body = client.get("/initiatieven/?fase=exploration").content.decode()
    assert other.title in body and first.title not in body


def test_overdue_evaluation_is_flagged_and_in_mijn_werk(client, initiative, team):
    past = datetime.date.today() - datetime.timedelta(days=3)
    initiative_update(initiative=initiative, actor=team["owner"], evaluation_date=past)
    client.force_login(team["owner"])
    assert "evaluatie verlopen" in client.get(f"/initiatieven/{initiative.slug}/").content.decode()
    sections = {s.key: s for s in work_for(team["owner"])}
    assert sections["decisions"].count == 1
    assert "evaluatie verlopen" in sections["decisions"].items[0].detail
    assert {s.key: s for s in work_for(team["member"])}["decisions"].count == 0


def test_gates_to_decide_in_mijn_werk(initiative, team):
    keeper = team["gatekeeper"]
    assert {s.key: s for s in work_for(keeper)}["decisions"].count == 0  # Idee has no gate
    workflow_move(actor=team["owner"], subject=initiative, to_stage="exploration")
    section = {s.key: s for s in work_for(keeper)}["decisions"]
    assert section.count == 1 and section.items[0].title == initiative.title
    assert {s.key: s for s in work_for(UserFactory())}["decisions"].count == 0


def test_an_organisation_with_its_own_pipeline_starts_there(lead, contributor, make_member):
    admin = make_member(lead, Role.ORGANISATION_ADMIN)
    copy = workflow_copy_default("initiative", lead, admin)
    initiative = make_initiative(lead, actor=contributor)
    assert initiative.workflow == copy and initiative.stage.workflow == copy
    assert initiative.stage.key == "idea"
