"""Administrators edit pipelines in the Django admin: stages and transitions on the workflow's
page, gate questions on the stage's page; every save audited; a stage records still sit in
cannot be removed, and a pipeline needs exactly one initial stage."""

import json

import pytest
from django.urls import reverse

from proeftuin.core.models import AuditEntry
from proeftuin.core.service import Stage, audit_history
from tests.workflowsubject.models import Experiment

pytestmark = pytest.mark.django_db

STAGE_FIELDS = ["key", "name", "name_en", "order", "category", "evaluation_due_days"]


def workflow_form(workflow, stages=None, delete=(), **changes) -> dict:
    """The POST of the workflow's admin page as it is, with ``changes`` per stage key
    (``{"idea": {"order": 5}}``) and the stages in ``delete`` marked for removal."""
    stages = list(workflow.stages.all()) if stages is None else stages
    transitions = list(workflow.transitions.all())
    data = {
        "kind": workflow.kind,
        "name": workflow.name,
        "owner": workflow.owner_id or "",
        "stages-TOTAL_FORMS": len(stages),
        "stages-INITIAL_FORMS": len(stages),
        "transitions-TOTAL_FORMS": len(transitions),
        "transitions-INITIAL_FORMS": len(transitions),
    }
    for i, stage in enumerate(stages):
        row = {f: getattr(stage, f) for f in STAGE_FIELDS}
        row.update(
            id=stage.pk,
            workflow=workflow.pk,
            required_fields=", ".join(stage.required_fields),
            is_initial="on" if stage.is_initial else "",
        )
        row.update(changes.get(stage.key, {}))
        if stage.key in delete:
            row["DELETE"] = "on"
        data.update({f"stages-{i}-{k}": ("" if v is None else v) for k, v in row.items()})
    for i, t in enumerate(transitions):
        row = {
            "id": t.pk,
            "workflow": workflow.pk,
            "from_stage": t.from_stage_id,
            "to_stage": t.to_stage_id,
            "actors": ", ".join(t.actors),
            "is_gate": "on" if t.is_gate else "",
            "label": t.label,
        }
        data.update({f"transitions-{i}-{k}": v for k, v in row.items()})
    return data


def change_url(workflow):
    return reverse("admin:core_workflow_change", args=[workflow.pk])


def test_the_workflow_page_shows_stages_and_transitions(admin_client, pipeline):
    response = admin_client.get(change_url(pipeline))
    assert response.status_code == 200
    assert b"Verkenning" in response.content and b"gatekeeper" in response.content
    assert admin_client.get(reverse("admin:core_workflow_changelist")).status_code == 200
    stage = pipeline.stages.get(key="pilot")
    page = admin_client.get(reverse("admin:core_stage_change", args=[stage.pk]))
    assert page.status_code == 200 and "Wat vonden gebruikers" in page.content.decode()


def test_reordering_and_renaming_is_saved_and_audited(admin_client, pipeline):
    data = workflow_form(pipeline, idea={"order": 99, "name": "Kans"})
    response = admin_client.post(change_url(pipeline), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(pipeline.stages.values_list("key", flat=True))[-1] == "idea"
    entry = audit_history(pipeline).get()
    # the transition table is listed by stage keys, so a new order does not change it
    assert entry.action == AuditEntry.Action.UPDATE and set(entry.changes) == {"stages"}
    before, after = entry.changes["stages"]
    assert before[0]["name"] == "Idee" and after[-1]["name"] == "Kans"


def test_required_fields_and_actors_are_typed_as_lists(admin_client, pipeline):
    idea_to_exploration = pipeline.transitions.get(
        from_stage__key="idea", is_gate=False, to_stage__key="exploration"
    )
    data = workflow_form(pipeline, pilot={"required_fields": "lessons, title"})
    index = list(pipeline.transitions.all()).index(idea_to_exploration)
    data[f"transitions-{index}-actors"] = "editor, owner, team"
    assert admin_client.post(change_url(pipeline), data).status_code == 302
    assert pipeline.stages.get(key="pilot").required_fields == ["lessons", "title"]
    idea_to_exploration.refresh_from_db()
    assert idea_to_exploration.actors == ["editor", "owner", "team"]


def test_a_stage_records_sit_in_cannot_be_removed(admin_client, pipeline, make_experiment):
    make_experiment("pilot")
    response = admin_client.post(change_url(pipeline), workflow_form(pipeline, delete=["pilot"]))
    assert response.status_code == 200
    assert "De fase “Pilot” kan niet weg: er staat nog 1 item in." in response.content.decode()
    assert pipeline.stages.filter(key="pilot").exists()
    assert not audit_history(pipeline).exists()


def test_an_empty_stage_can_be_removed_with_its_transitions(admin_client, pipeline):
    response = admin_client.post(change_url(pipeline), workflow_form(pipeline, delete=["scaling"]))
    assert response.status_code == 302
    assert not pipeline.stages.filter(key="scaling").exists()
    assert not pipeline.transitions.filter(from_stage__key="scaling").exists()
    before, after = audit_history(pipeline).get().changes["stages"]
    assert len(before) == len(after) + 1


@pytest.mark.parametrize("changes", [{"idea": {"is_initial": ""}}, {"pilot": {"is_initial": "on"}}])
def test_a_pipeline_needs_exactly_one_initial_stage(admin_client, pipeline, changes):
    response = admin_client.post(change_url(pipeline), workflow_form(pipeline, **changes))
    assert response.status_code == 200
    assert "Markeer precies één fase als beginfase" in response.content.decode()
    assert pipeline.stages.get(is_initial=True).key == "idea"


def test_a_transition_offers_only_stages_of_its_workflow(admin_client, pipeline):
    response = admin_client.get(change_url(pipeline))
    field = response.context["inline_admin_formsets"][1].formset.forms[0].fields["from_stage"]
    assert set(field.queryset) == set(pipeline.stages.all())


def test_deleting_a_used_stage_on_its_own_page_is_refused(admin_client, pipeline, make_experiment):
    make_experiment("pilot")
    stage = pipeline.stages.get(key="pilot")
    url = reverse("admin:core_stage_delete", args=[stage.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # Django's page listing what protects it
    assert Stage.objects.filter(pk=stage.pk).exists()
    assert Experiment.objects.count() == 1


def test_gate_questions_are_edited_on_the_stage_and_audited(admin_client, pipeline):
    stage = pipeline.stages.get(key="idea")
    url = reverse("admin:core_stage_change", args=[stage.pk])
    data = {f: getattr(stage, f) for f in STAGE_FIELDS}
    data.update(
        {
            "evaluation_due_days": "",
            "is_initial": "on",
            "required_fields": "",
            "gate_questions-TOTAL_FORMS": 1,
            "gate_questions-INITIAL_FORMS": 0,
            "gate_questions-0-order": 1,
            "gate_questions-0-text": "Past het bij onze strategie?",
            "gate_questions-0-text_en": "Does it fit our strategy?",
            "gate_questions-0-required": "on",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert stage.gate_questions.get().text == "Past het bij onze strategie?"
    entry = audit_history(pipeline).get()
    before, after = entry.changes["stages"]
    assert after[0]["gate_questions"] == [
        ["Past het bij onze strategie?", "Does it fit our strategy?", True, 1]
    ]
    assert json.dumps(before[0]["gate_questions"]) == "[]"


def test_the_move_history_is_read_only(admin_client, people, make_experiment):
    from proeftuin.core.service import workflow_move

    move = workflow_move(actor=people.lead, subject=make_experiment(), to_stage="exploration")
    assert admin_client.get(reverse("admin:core_move_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:core_move_change", args=[move.pk]))
    assert page.status_code == 200
    assert admin_client.post(reverse("admin:core_move_delete", args=[move.pk])).status_code == 403
