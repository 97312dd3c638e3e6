"""Sharing review decisions: off by default, switched on by the organisation's own
administrators on its edit page, and audited."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.core.models import AuditEntry
from proeftuin.organisations.models import Organisation
from proeftuin.organisations.service import organisation_ids_sharing_review_decisions
from tests.organisations.test_pages import CREATE, edit_url, form_data

pytestmark = pytest.mark.django_db


def test_sharing_is_off_until_an_organisation_admin_switches_it_on(
    client, organisation, make_member
):
    assert not organisation.share_review_decisions
    assert organisation_ids_sharing_review_decisions() == []
    client.force_login(make_member(organisation, Role.ORGANISATION_ADMIN))
    page = client.get(edit_url(organisation)).content.decode()
    assert 'name="share_review_decisions"' in page
    data = form_data(name=organisation.name, version="1", share_review_decisions="on")
    response = client.post(edit_url(organisation), data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.share_review_decisions
    assert organisation_ids_sharing_review_decisions() == [organisation.pk]
    entry = AuditEntry.objects.filter(object_uuid=organisation.uuid).first()
    assert entry.changes["share_review_decisions"] == [False, True]
    # unticked again: the form sends nothing for the box, and sharing stops
    client.post(edit_url(organisation), form_data(name=organisation.name, version="2"))
    organisation.refresh_from_db()
    assert not organisation.share_review_decisions


def test_an_editor_cannot_switch_sharing_on(client, organisation, make_member):
    client.force_login(make_member(organisation, Role.EDITOR))
    data = form_data(name=organisation.name, version="1", share_review_decisions="on")
    assert client.post(edit_url(organisation), data).status_code == 403
    organisation.refresh_from_db()
    assert not organisation.share_review_decisions


def test_whoever_adds_an_organisation_does_not_decide_its_sharing(
    client, organisation, make_member
):
    client.force_login(make_member(organisation, Role.CONTRIBUTOR))
    assert 'name="share_review_decisions"' not in client.get(CREATE).content.decode()
    response = client.post(CREATE, form_data(share_review_decisions="on"))
    assert response.status_code == 302
    assert not Organisation.objects.get(name="Gemeente Lochem").share_review_decisions


def test_sharing_through_the_api_only_on_a_change_by_the_organisations_admin(
    api_client, organisation, make_member
):
    url = f"/api/v1/organisations/{organisation.uuid}"
    api_client.force_authenticate(make_member(organisation, Role.EDITOR))
    refused = api_client.patch(url, {"shareReviewDecisions": True, "version": 1}, format="json")
    assert refused.status_code == 403
    api_client.force_authenticate(make_member(organisation, Role.ORGANISATION_ADMIN))
    response = api_client.patch(url, {"shareReviewDecisions": True, "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["shareReviewDecisions"] is True
    assert organisation_ids_sharing_review_decisions() == [organisation.pk]
    api_client.force_authenticate(make_member(organisation, Role.CONTRIBUTOR))
    payload = {
        "name": "Waterschap Vechtstromen",
        "governmentLayer": "regional",
        "organisationType": "water_board",
        "shareReviewDecisions": True,
    }
    created = api_client.post("/api/v1/organisations", payload, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["shareReviewDecisions"] is False
