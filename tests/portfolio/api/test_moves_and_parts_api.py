"""The initiative API's moves (stage changes and gate decisions through workflow_move),
reflections, KPIs and measurements: permissions, Dutch problems with the field, conflicts."""

from __future__ import annotations

import pytest

from proeftuin.accounts.models import Role
from proeftuin.core.models import AuditEntry, Move
from proeftuin.core.service import GateQuestion, workflow_move
from proeftuin.portfolio.models import Kpi, LearningQuestion, Measurement, Reflection
from proeftuin.portfolio.services import team_member_add
from tests.api.test_organisations_api import assert_problem, invalid_names

pytestmark = pytest.mark.django_db


def url(initiative, suffix: str = "") -> str:
    return f"/api/v1/initiatives/{initiative.uuid}{suffix}"


@pytest.fixture
def gatekeeper(initiative, editor, make_member, lead):
    user = make_member(lead, Role.VIEWER)
    team_member_add(actor=editor, initiative=initiative, user=user, role="gatekeeper")
    return user


@pytest.fixture
def kpi(initiative):
    return Kpi.objects.create(
        initiative=initiative, measure="Wachttijd", unit="days", direction="lower"
    )


def move(client, initiative, **data):
    initiative.refresh_from_db()
    data.setdefault("expectedVersion", initiative.stage_version)
    return client.post(url(initiative, "/moves"), data, format="json")


def test_a_plain_move_by_the_owner(api_client, initiative, contributor):
    api_client.force_authenticate(contributor)
    response = move(api_client, initiative, toStage="exploration", reason="Klaar")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["toStage"] == {"key": "exploration", "name": "Verkenning"}
    assert body["fromStage"]["key"] == "idea" and body["decision"] == ""
    detail = api_client.get(url(initiative)).json()
    assert detail["stage"]["key"] == "exploration" and detail["stageVersion"] == 1
    history = api_client.get(url(initiative, "/moves")).json()
    assert [m["toStage"]["key"] for m in history] == ["exploration"]
    assert history[0]["actor"] in (contributor.get_full_name(), contributor.username)


def test_refusals_are_dutch_problems_and_save_nothing(
    api_client, initiative, contributor, make_member, lead
):
    assert_problem(move(api_client, initiative, toStage="exploration"), 401)
    api_client.force_authenticate(make_member(lead, Role.EDITOR))
    assert_problem(move(api_client, initiative, toStage="exploration", expectedVersion=5), 409)
    api_client.force_authenticate(contributor)
    body = assert_problem(move(api_client, initiative, toStage="stopped"), 400, "invalid")
    assert "reason" in invalid_names(body) and "lessons" in invalid_names(body)
    body = assert_problem(move(api_client, initiative, toStage="nowhere"), 403)
    assert "nowhere" in body["detail"]
    body = assert_problem(move(api_client, initiative, toStage="exploration", decision="go"), 400)
    assert "poort" in body["detail"].lower()
    body = assert_problem(api_client.post(url(initiative, "/moves"), {}, format="json"), 400)
    assert invalid_names(body) == {"toStage", "expectedVersion"}
    assert not Move.objects.exists()


def test_a_gate_decision_with_answers_by_question_id(
    api_client, initiative, contributor, gatekeeper
):
    workflow_move(actor=contributor, subject=initiative, to_stage="exploration")
    initiative.refresh_from_db()
    questions = list(GateQuestion.objects.filter(stage=initiative.stage))
    assert questions, "the default pipeline has gate questions after exploration"
    api_client.force_authenticate(gatekeeper)
    detail = api_client.get(url(initiative)).json()
    assert {q["id"] for q in detail["gateQuestions"]} == {str(q.pk) for q in questions}
    data = {"toStage": "exploration", "decision": "adjust", "reason": "Scherper"}
    body = assert_problem(move(api_client, initiative, **data), 400)
    required = {f"answers.{q.pk}" for q in questions if q.required}
    assert required <= invalid_names(body)
    body = assert_problem(move(api_client, initiative, **data, answers={"x": "y"}), 400)
    assert "answers" in invalid_names(body)
    answers = {str(q.pk): f"Antwoord {q.pk}" for q in questions}
    response = move(api_client, initiative, **data, answers=answers, evidence="Cijfers")
    assert response.status_code == 201, response.content
    assert response.json()["decision"] == "adjust" and response.json()["evidence"] == "Cijfers"
    assert len(response.json()["answers"]) == len(questions)


def test_moves_of_an_invisible_initiative_are_404(api_client, initiative, make_member):
    from tests.factories import OrganisationFactory

    api_client.force_authenticate(make_member(OrganisationFactory(), Role.EDITOR))
    assert_problem(api_client.get(url(initiative, "/moves")), 404)
    assert_problem(move(api_client, initiative, toStage="exploration"), 404)


def test_reflections_added_changed_and_removed_by_the_team(api_client, initiative, contributor):
    question = LearningQuestion.objects.create(initiative=initiative, text="Werkt het?")
    api_client.force_authenticate(contributor)
    data = {"date": "2026-03-01", "unexpected": "Veel animo", "questions": [str(question.uuid)]}
    response = api_client.post(url(initiative, "/reflections"), data, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["questions"] == [str(question.uuid)] and response["ETag"]
    detail = url(initiative, f"/reflections/{body['uuid']}")
    assert_problem(api_client.patch(detail, {"easy": "Ja"}, format="json"), 428)
    response = api_client.patch(
        detail, {"easy": "Ja", "updatedAt": body["updatedAt"]}, format="json"
    )
    assert response.status_code == 200, response.content
    stale = api_client.patch(detail, {"easy": "Nee"}, format="json", HTTP_IF_MATCH='"2020-01-01"')
    assert_problem(stale, 412)
    stale = api_client.patch(detail, {"easy": "Nee", "updatedAt": body["updatedAt"]}, format="json")
    assert_problem(stale, 409)
    assert Reflection.objects.get().easy == "Ja"
    assert len(api_client.get(url(initiative, "/reflections")).json()) == 1
    assert api_client.delete(detail).status_code == 204
    assert not Reflection.objects.exists()
    actions = AuditEntry.objects.filter(object_type="portfolio.reflection")
    assert sorted(actions.values_list("action", flat=True)) == ["create", "delete", "update"]


def test_reflection_refusals(api_client, initiative, contributor, lead, make_member):
    other = LearningQuestion.objects.create(initiative=initiative, text="Eigen")
    data = {"date": "2026-03-01"}
    api_client.force_authenticate(make_member(lead, Role.VIEWER))
    assert_problem(api_client.post(url(initiative, "/reflections"), data, format="json"), 404)
    api_client.force_authenticate(contributor)
    body = assert_problem(api_client.post(url(initiative, "/reflections"), {}, format="json"), 400)
    assert invalid_names(body) == {"date"}
    bad = {**data, "questions": ["00000000-0000-0000-0000-000000000000"]}
    body = assert_problem(api_client.post(url(initiative, "/reflections"), bad, format="json"), 400)
    assert invalid_names(body) == {"questions"}
    assert other.reflections.count() == 0 and not Reflection.objects.exists()


def test_kpis_and_measurements(api_client, initiative, contributor, kpi):
    api_client.force_authenticate(contributor)
    data = {"measure": "Tevredenheid", "unit": "score", "direction": "higher", "target": "8"}
    response = api_client.post(url(initiative, "/kpis"), data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["target"] == "8.00"
    assert len(api_client.get(url(initiative, "/kpis")).json()) == 2
    measurements = url(initiative, f"/kpis/{kpi.uuid}/measurements")
    assert (
        api_client.get(url(initiative, f"/kpis/{kpi.uuid}"))
        .json()["measurementsUrl"]
        .endswith(measurements)
    )
    point = {"date": "2026-01-01", "value": "12.5", "unit": "days"}
    response = api_client.post(measurements, point, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["unit"] == "days"
    wrong = api_client.post(measurements, {**point, "unit": "hours"}, format="json")
    body = assert_problem(wrong, 400, "invalid")
    assert invalid_names(body) == {"unit"}
    assert "dagen" in body["invalidParams"][0]["reason"]
    change = url(initiative, f"/kpis/{kpi.uuid}/measurements/{response.json()['uuid']}")
    etag = api_client.get(change)["ETag"]
    changed = api_client.patch(change, {"value": "11"}, format="json", HTTP_IF_MATCH=etag)
    assert changed.status_code == 200, changed.content
    assert Measurement.objects.get().value == 11 and Measurement.objects.get().date.day == 1
    unit_change = {
        "unit": "hours",
        "updatedAt": api_client.get(url(initiative, f"/kpis/{kpi.uuid}")).json()["updatedAt"],
    }
    body = assert_problem(
        api_client.patch(url(initiative, f"/kpis/{kpi.uuid}"), unit_change, format="json"), 400
    )
    assert invalid_names(body) == {"unit"}
    assert api_client.delete(change).status_code == 204


def test_parts_refused_to_who_may_not_edit(api_client, initiative, kpi, lead, make_member):
    from proeftuin.portfolio.services import initiative_update

    initiative_update(initiative=initiative, actor=None, status="published")
    api_client.force_authenticate(make_member(lead, Role.VIEWER))
    assert api_client.get(url(initiative, "/kpis")).status_code == 200
    data = {"measure": "X", "unit": "count", "direction": "higher"}
    assert_problem(api_client.post(url(initiative, "/kpis"), data, format="json"), 403)
    point = {"date": "2026-01-01", "value": "1", "unit": "days"}
    measurements = url(initiative, f"/kpis/{kpi.uuid}/measurements")
    assert_problem(api_client.post(measurements, point, format="json"), 403)
    assert_problem(api_client.delete(url(initiative, f"/kpis/{kpi.uuid}")), 403)
    api_client.logout()
    assert_problem(api_client.post(url(initiative, "/kpis"), data, format="json"), 401)
    assert Kpi.objects.count() == 1 and not Measurement.objects.exists()
