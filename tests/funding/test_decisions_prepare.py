"""A reviewed application moves on to "ready for decision" by a manager of the fund, from
the review summary page (``decision_prepare`` and the ``review_prepare`` route)."""

import pytest
from django.utils import translation

from proeftuin.core.service import ConflictError, NotAllowed, ValidationFailed
from proeftuin.funding.models import Application
from proeftuin.funding.services_decisions import decision_prepare
from tests.funding.review_support import build_world
from tests.funding.test_review_summary import reviewed

world = pytest.fixture(build_world, name="world")


def stage(application) -> str:
    return Application.objects.get(pk=application.pk).stage.key


def test_manager_moves_a_reviewed_application_to_decision(world):
    reviewed(world, world.application, (world.expert, (4, 3), "yes"))
    application = Application.objects.get(pk=world.application.pk)
    decision_prepare(actor=world.manager, application=application)
    assert stage(world.application) == "decision"


def test_refused_without_a_submitted_review(world):
    with pytest.raises(ValidationFailed):
        decision_prepare(actor=world.manager, application=world.application)
    assert stage(world.application) == "in_review"


def test_refused_to_a_reviewer_and_to_the_applicant(world):
    reviewed(world, world.application, (world.expert, (4, 3), "yes"))
    for user in (world.expert, world.applicant):
        application = Application.objects.get(pk=world.application.pk)
        with pytest.raises(NotAllowed):
            decision_prepare(actor=user, application=application)
    assert stage(world.application) == "in_review"


def test_refused_outside_review_and_on_a_stale_version(world):
    reviewed(world, world.application, (world.expert, (4, 3), "yes"))
    application = Application.objects.get(pk=world.application.pk)
    with pytest.raises(ConflictError):
        decision_prepare(
            actor=world.manager, application=application, expected_version=application.version - 1
        )
    decision_prepare(actor=world.manager, application=application)
    with pytest.raises(ValidationFailed):
        decision_prepare(
            actor=world.manager, application=Application.objects.get(pk=application.pk)
        )


def test_the_button_on_the_summary_page(world, client):
    reviewed(world, world.application, (world.expert, (4, 3), "yes"))
    url = f"/subsidies/aanvragen/{world.application.uuid}/beoordelingen/"
    client.force_login(world.manager)
    with translation.override("en"):
        page = client.get(url).content.decode()
    assert f"{url}klaar-voor-besluit/" in page
    version = Application.objects.get(pk=world.application.pk).version
    response = client.post(f"{url}klaar-voor-besluit/", {"version": version})
    assert response.status_code == 302
    assert stage(world.application) == "decision"
    again = client.post(f"{url}klaar-voor-besluit/", {"version": version + 1})
    assert again.status_code == 400


def test_the_route_refuses_a_reviewer(world, client):
    reviewed(world, world.application, (world.expert, (4, 3), "yes"))
    client.force_login(world.expert)
    url = f"/subsidies/aanvragen/{world.application.uuid}/beoordelingen/klaar-voor-besluit/"
    response = client.post(url, {"version": world.application.version})
    assert response.status_code in (403, 404)
    assert stage(world.application) == "in_review"
