"""The "Casus" page of an initiative and the links between an initiative and its case:
preview, make, compare and push, Dutch refusals, and the backlink only for who may see
the initiative."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.cases.services import case_update
from proeftuin.portfolio.models import Initiative
from tests.portfolio.test_to_case import filled, in_stage  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _url(initiative) -> str:
    return f"/initiatieven/{initiative.slug}/casus/"


def test_the_preview_shows_what_the_case_will_hold(initiative, editor, filled, signed_in):  # noqa: F811
    stopped = in_stage(initiative, "stopped")
    response = signed_in(editor).get(_url(stopped))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wat er in de casus komt" in body and "Maak casus" in body
    assert "De bank werkte mee." in body and "Waterschap Partner" in body
    assert Case.objects.count() == 0  # a preview writes nothing


def test_making_the_case_from_the_page_links_both_ways(initiative, editor, filled, signed_in):  # noqa: F811
    stopped = in_stage(initiative, "stopped")
    client = signed_in(editor)
    page = client.get(f"/initiatieven/{stopped.slug}/").content.decode()
    assert _url(stopped) in page and "Maak casus" in page
    response = client.post(_url(stopped), {"action": "create"})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/casussen/{case.slug}/"
    body = client.get(response.url).content.decode()
    assert "Ontstaan uit initiatief" in body and f"/initiatieven/{stopped.slug}/" in body
    page = client.get(f"/initiatieven/{stopped.slug}/").content.decode()
    assert "Vastgelegd als casus" in page and f"/casussen/{case.slug}/" in page
    assert "Werk casus bij" in page


def test_a_second_create_offers_the_update(initiative, editor, filled, signed_in):  # noqa: F811
    stopped = in_stage(initiative, "stopped")
    client = signed_in(editor)
    client.post(_url(stopped), {"action": "create"})
    response = client.post(_url(stopped), {"action": "create"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Er bestaat al een casus bij dit initiatief" in body and "Werk casus bij" in body
    assert Case.objects.count() == 1


def test_an_open_stage_is_refused_in_dutch(initiative, editor, filled, signed_in):  # noqa: F811
    client = signed_in(editor)
    page = client.get(_url(initiative)).content.decode()
    assert "kan een casus worden" in page and 'value="create"' not in page
    response = client.post(_url(initiative), {"action": "create"})
    assert response.status_code == 400 and "kan een casus worden" in response.content.decode()
    assert Case.objects.count() == 0
    assert _url(initiative) not in client.get(f"/initiatieven/{initiative.slug}/").content.decode()


def test_push_from_the_page_keeps_hand_edits_unless_ticked(
    initiative,
    editor,
    filled,  # noqa: F811
    signed_in,
):
    stopped = in_stage(initiative, "stopped")
    client = signed_in(editor)
    client.post(_url(stopped), {"action": "create"})
    case = Case.objects.get()
    case_update(case=case, actor=editor, title="Redactietitel")
    Initiative.objects.filter(pk=stopped.pk).update(title="Nieuwe titel", problem="Anders.")
    page = client.get(_url(stopped)).content.decode()
    assert "gewijzigd in de casus: blijft staan" in page and 'name="overwrite"' in page
    response = client.post(_url(stopped), {"action": "push"}, follow=True)
    case.refresh_from_db()
    assert case.title == "Redactietitel" and case.summary.startswith("Anders.")
    assert "Blijft zoals gewijzigd in de casus" in response.content.decode()
    client.post(_url(stopped), {"action": "push", "overwrite": ["title"]})
    case.refresh_from_db()
    assert case.title == "Nieuwe titel"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_who_may_not_is_refused(initiative, filled, make_member, lead, signed_in, role):  # noqa: F811
    stopped = in_stage(initiative, "stopped")
    client = signed_in(make_member(lead, role))
    refused = 404 if role == Role.VIEWER else 403  # viewers do not see drafts at all
    assert client.get(_url(stopped)).status_code == refused
    assert client.post(_url(stopped), {"action": "create"}).status_code == refused
    assert Case.objects.count() == 0


def test_anonymous_and_outsiders_get_nothing(initiative, filled, make_member, client):  # noqa: F811
    stopped = in_stage(initiative, "stopped")
    assert client.get(_url(stopped)).status_code == 302  # to the sign-in page
    from tests.factories import OrganisationFactory

    client.force_login(make_member(OrganisationFactory(), Role.ORGANISATION_ADMIN))
    assert client.post(_url(stopped), {"action": "create"}).status_code == 404
    assert Case.objects.count() == 0


def test_the_backlink_only_for_who_may_see_the_initiative(
    initiative,
    editor,
    filled,  # noqa: F811
    client,
    make_member,
):
    """The case is published publicly; the initiative stays visible to its organisation."""
    stopped = in_stage(initiative, "stopped")
    client.force_login(editor)
    client.post(_url(stopped), {"action": "create"})
    case = Case.objects.get()
    case_update(case=case, actor=editor, status="published", visibility="public")
    client.logout()
    body = client.get(f"/casussen/{case.slug}/").content.decode()
    assert case.title in body
    assert "Ontstaan uit initiatief" not in body
    assert f"/initiatieven/{stopped.slug}/" not in body
    from tests.factories import OrganisationFactory

    client.force_login(make_member(OrganisationFactory(), Role.EDITOR))
    body = client.get(f"/casussen/{case.slug}/").content.decode()
    assert "Ontstaan uit initiatief" not in body
    assert f"/initiatieven/{stopped.slug}/" not in body
    client.force_login(editor)
    assert "Ontstaan uit initiatief" in client.get(f"/casussen/{case.slug}/").content.decode()
