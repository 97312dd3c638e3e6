"""The pipeline pages: an organisation administrator gives the organisation its own
pipeline and removes a stage; a removal while initiatives sit in it is refused with their
number and nothing changed, or moves them to the chosen stage."""

import pytest
from django.utils import translation

from proeftuin.accounts.models import Role
from proeftuin.core.service import GateQuestion, Transition, Workflow, workflow_copy_default
from proeftuin.portfolio.forms_pipeline import ACTIONS
from proeftuin.portfolio.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_member, lead):
    return make_member(lead, Role.ORGANISATION_ADMIN)


def url(lead):
    return f"/initiatieven/werkwijze/{lead.slug}/"


def test_the_overview_lists_the_organisations_administered(signed_in, admin, lead, partner):
    with translation.override("nl"):
        response = signed_in(admin).get("/initiatieven/werkwijze/")
    body = response.content.decode()
    assert response.status_code == 200
    assert lead.name in body and partner.name not in body
    assert "De standaard van het platform" in body


def test_an_editor_is_refused(signed_in, editor, lead):
    assert signed_in(editor).get("/initiatieven/werkwijze/").status_code == 403
    assert signed_in(editor).post(url(lead), {"action": "copy"}).status_code == 404
    assert not Workflow.objects.filter(owner=lead).exists()


def test_the_administrator_makes_an_own_copy(signed_in, admin, lead, initiative):
    response = signed_in(admin).post(url(lead), {"action": "copy"})
    assert response.status_code == 302
    own = Workflow.objects.get(owner=lead, kind="initiative")
    initiative.refresh_from_db()
    assert initiative.workflow == own
    page = signed_in(admin).get(url(lead)).content.decode()
    assert "Idee" in page and "Maak een eigen werkwijze" not in page


def remove(client, lead, own, stage, move_to=""):
    return post(client, lead, own, "stage_remove", stage, move_to=move_to)


def post(client, lead, own, action, target="", **data):
    data = {"action": action, "target": target, "expected_version": own.version, **data}
    with translation.override("nl"):
        return client.post(url(lead), data)


def test_removing_a_stage_with_initiatives_is_refused(signed_in, admin, lead, initiative):
    own = workflow_copy_default("initiative", lead, admin)
    response = remove(signed_in(admin), lead, own, "idea")
    assert response.status_code == 400
    assert "Er zit nog 1 dossier in de fase “Idee”" in response.content.decode()
    assert own.stages.filter(key="idea").exists()


def test_removing_a_stage_moves_the_initiatives(signed_in, admin, lead, initiative):
    own = workflow_copy_default("initiative", lead, admin)
    initiative.refresh_from_db()
    initiative.stage = own.stages.get(key="scaling")
    initiative.save()
    response = remove(signed_in(admin), lead, own, "scaling", move_to="evaluation")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage.key == "evaluation"
    assert not own.stages.filter(key="scaling").exists()


def test_a_stale_version_is_a_conflict(signed_in, admin, lead):
    own = workflow_copy_default("initiative", lead, admin)
    own.version = 5
    response = remove(signed_in(admin), lead, own, "parked")
    assert response.status_code == 409
    assert "Iemand anders heeft dit traject intussen gewijzigd" in response.content.decode()
    assert own.stages.filter(key="parked").exists()


@pytest.fixture
def own(admin, lead):
    return workflow_copy_default("initiative", lead, admin)


def edit(signed_in, admin, lead, own, action, target="", **data):
    own.refresh_from_db()
    return post(signed_in(admin), lead, own, action, target, **data)


def stage_data(**overrides) -> dict:
    data = {"name": "Beoordeling", "name_en": "Review", "category": "open"}
    return {**data, "evaluation_due_days": "", **overrides}


def test_the_own_pipeline_page_offers_every_edit(signed_in, admin, lead, own):
    with translation.override("nl"):
        body = signed_in(admin).get(url(lead)).content.decode()
    for action in ACTIONS:
        assert f'value="{action}"' in body, action
    assert "Fase toevoegen" in body and "Overgang toevoegen" in body


def test_adding_a_stage(signed_in, admin, lead, own):
    data = stage_data(key="review", from_stage="idea", actors=["editor", "owner"])
    response = edit(signed_in, admin, lead, own, "stage_add", **data)
    assert response.status_code == 302
    stage = own.stages.get(key="review")
    assert (stage.name, stage.name_en, stage.category) == ("Beoordeling", "Review", "open")
    move = own.transitions.get(from_stage__key="idea", to_stage=stage)
    assert move.actors == ["editor", "owner"]


def test_a_stage_nobody_reaches_is_refused(signed_in, admin, lead, own):
    response = edit(signed_in, admin, lead, own, "stage_add", **stage_data(key="review"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Geen enkele overgang leidt vanuit de beginfase naar de open fase “Beoordeling”" in body
    assert not own.stages.filter(key="review").exists()


def test_changing_a_stage(signed_in, admin, lead, own):
    field = next(iter(Initiative.workflow_field_choices()))
    data = stage_data(name="Proef", name_en="Trial", required_fields=[field])
    data["evaluation_due_days"] = "120"
    response = edit(signed_in, admin, lead, own, "stage_update", "pilot", **data)
    assert response.status_code == 302
    stage = own.stages.get(key="pilot")
    assert (stage.name, stage.name_en, stage.required_fields) == ("Proef", "Trial", [field])
    assert stage.evaluation_due_days == 120


def test_a_stopped_stage_without_lessons_is_refused(signed_in, admin, lead, own):
    data = stage_data(name="Gestopt", category="closed_stopped", required_fields=[])
    response = edit(signed_in, admin, lead, own, "stage_update", "stopped", **data)
    assert response.status_code == 400
    assert "moet de geleerde lessen verplicht blijven stellen" in response.content.decode()
    assert own.stages.get(key="stopped").required_fields == ["lessons"]


def order(own) -> list[str]:
    return list(own.stages.values_list("key", flat=True))


def test_moving_a_stage_up(signed_in, admin, lead, own):
    response = edit(signed_in, admin, lead, own, "stage_move", "pilot", step="-1")
    assert response.status_code == 302
    assert order(own)[1:3] == ["pilot", "exploration"]


def test_moving_an_unknown_stage_is_refused(signed_in, admin, lead, own):
    before = order(own)
    response = edit(signed_in, admin, lead, own, "stage_move", "nowhere", step="1")
    assert response.status_code == 400
    assert "Noem elke fase van het traject precies één keer." in response.content.decode()
    assert order(own) == before


def questions(own, stage="pilot") -> list[str]:
    return list(own.stages.get(key=stage).gate_questions.values_list("text", flat=True))


def test_adding_a_gate_question(signed_in, admin, lead, own):
    data = {"text": "Is er draagvlak?", "text_en": "Is there support?", "required": "on"}
    response = edit(signed_in, admin, lead, own, "question_add", "pilot", **data)
    assert response.status_code == 302
    assert questions(own)[-1] == "Is er draagvlak?"


def test_a_question_for_an_unknown_stage_is_refused(signed_in, admin, lead, own):
    response = edit(signed_in, admin, lead, own, "question_add", "nowhere", text="Vraag?")
    assert response.status_code == 400
    assert "De fase “nowhere” hoort niet bij dit traject" in response.content.decode()
    assert not GateQuestion.objects.filter(text="Vraag?").exists()


def test_changing_removing_and_moving_a_gate_question(signed_in, admin, lead, own):
    first, second = own.stages.get(key="pilot").gate_questions.all()[:2]
    data = {"text": "Aangepast?", "text_en": ""}
    assert edit(signed_in, admin, lead, own, "question_update", first.pk, **data).status_code == 302
    assert (
        edit(signed_in, admin, lead, own, "question_move", second.pk, step="-1").status_code == 302
    )
    assert questions(own)[:2] == [second.text, "Aangepast?"]
    assert edit(signed_in, admin, lead, own, "question_remove", first.pk).status_code == 302
    assert "Aangepast?" not in questions(own)


@pytest.mark.parametrize("action", ["question_update", "question_remove", "question_move"])
def test_a_question_of_another_pipeline_is_refused(signed_in, admin, lead, own, action):
    other = GateQuestion.objects.filter(stage__workflow__owner__isnull=True).first()
    data = {"text": "Gekaapt?", "step": "1"}
    response = edit(signed_in, admin, lead, own, action, other.pk, **data)
    assert response.status_code == 400
    assert "Deze poortvraag hoort niet bij dit traject" in response.content.decode()
    assert GateQuestion.objects.filter(pk=other.pk, text=other.text, order=other.order).exists()


def test_adding_and_removing_a_move(signed_in, admin, lead, own):
    data = {"from_stage": "idea", "to_stage": "pilot", "actors": ["editor"]}
    assert edit(signed_in, admin, lead, own, "transition_add", **data).status_code == 302
    move = own.transitions.get(from_stage__key="idea", to_stage__key="pilot")
    assert move.actors == ["editor"] and not move.is_gate
    assert edit(signed_in, admin, lead, own, "transition_remove", move.pk).status_code == 302
    assert not own.transitions.filter(pk=move.pk).exists()


def test_a_move_already_in_the_table_is_refused(signed_in, admin, lead, own):
    data = {"from_stage": "idea", "to_stage": "exploration", "actors": ["owner"]}
    response = edit(signed_in, admin, lead, own, "transition_add", **data)
    assert response.status_code == 400
    assert "Deze overgang staat al in de tabel." in response.content.decode()
    assert own.transitions.filter(from_stage__key="idea", to_stage__key="exploration").count() == 1


def test_removing_a_move_of_another_pipeline_is_refused(signed_in, admin, lead, own):
    move = Transition.objects.filter(workflow__owner__isnull=True).first()
    response = edit(signed_in, admin, lead, own, "transition_remove", move.pk)
    assert response.status_code == 400
    assert "Deze overgang hoort niet bij dit traject." in response.content.decode()
    assert Transition.objects.filter(pk=move.pk).exists()


def test_a_stale_version_of_any_edit_is_a_conflict(signed_in, admin, lead, own):
    data = {**stage_data(key="review", from_stage="idea", actors=["owner"])}
    data["expected_version"] = own.version - 1
    with translation.override("nl"):
        response = signed_in(admin).post(url(lead), {"action": "stage_add", **data})
    assert response.status_code == 409
    assert "Iemand anders heeft dit traject intussen gewijzigd" in response.content.decode()
    assert not own.stages.filter(key="review").exists()
