"""The pipeline pages: an organisation administrator gives the organisation its own
pipeline and removes a stage; a removal while initiatives sit in it is refused with their
number and nothing changed, or moves them to the chosen stage."""

import pytest
from django.utils import translation

from proeftuin.accounts.models import Role
from proeftuin.core.service import Workflow, workflow_copy_default

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
