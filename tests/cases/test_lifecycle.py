"""Publish through a preview, archive and un-archive: services and pages."""

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.models import Role
from proeftuin.cases import lifecycle
from proeftuin.cases.models import Case
from proeftuin.cases.selectors import case_facet_counts, case_in_library, case_visible
from proeftuin.core.errors import ConflictError, NotAllowed, ValidationFailed
from proeftuin.core.models import AuditEntry
from proeftuin.search.models import Passage
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def org():
    return OrganisationFactory()


@pytest.fixture
def draft(org, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_case(organisations=[org], status="draft", title="Casus concept")


def test_an_editor_publishes_a_draft_and_it_is_audited(org, draft, make_member):
    editor = make_member(org, Role.EDITOR)
    lifecycle.case_publish(case=draft, actor=editor, expected_version=draft.version)
    draft.refresh_from_db()
    assert draft.status == "published"
    entry = AuditEntry.objects.filter(object_uuid=draft.uuid, actor=editor).get()
    assert entry.changes["status"] == ["draft", "published"]
    assert Case.objects.visible_to(AnonymousUser()).filter(pk=draft.pk).exists()


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTRIBUTOR])
def test_below_editor_cannot_publish(org, draft, make_member, role):
    with pytest.raises(NotAllowed):
        lifecycle.case_publish(case=draft, actor=make_member(org, role))
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_publishing_a_stale_version_is_a_conflict(org, draft, make_member):
    editor = make_member(org, Role.EDITOR)
    with pytest.raises(ConflictError):
        lifecycle.case_publish(case=draft, actor=editor, expected_version=draft.version - 1 or 99)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_findings_name_what_is_missing_or_risky(org):
    case = make_case(organisations=[org], status="draft", visibility="organisation")
    messages = [f.message for f in lifecycle.publish_findings(case)]
    assert any("geen bron" in m for m in messages)  # no citation
    assert any("zichtbaarheid" in m for m in messages)
    assert any("personen" in m for m in messages)
    assert not any(f.blocking for f in lifecycle.publish_findings(case))
    published = make_case(organisations=[org])
    assert any(f.blocking for f in lifecycle.publish_findings(published))


def test_archive_leaves_library_and_search_and_comes_back(
    org, make_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(organisations=[org], title="Archiefcasus")
    editor = make_member(org, Role.EDITOR)
    assert Passage.objects.of("case", case.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.case_archive(case=case, actor=editor, reason="Verouderd")
    case.refresh_from_db()
    assert (case.status, case.archived_from) == ("archived", "published")
    assert not case_in_library(AnonymousUser()).filter(pk=case.pk).exists()
    assert not case_in_library(editor).filter(pk=case.pk).exists()
    assert case_visible(editor).filter(pk=case.pk).exists()  # reachable for its editors
    assert not case_visible(AnonymousUser()).filter(pk=case.pk).exists()
    assert case_facet_counts(user=editor, text="", selection={}).total == 0
    assert not Passage.objects.of("case", case.pk).exists()
    entry = AuditEntry.objects.filter(object_uuid=case.uuid, actor=editor).get()
    assert entry.changes["reason"] == ["", "Verouderd"]
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.case_unarchive(case=case, actor=editor)
    case.refresh_from_db()
    assert case.status == "published"
    assert case_in_library(AnonymousUser()).filter(pk=case.pk).exists()
    assert Passage.objects.of("case", case.pk).exists()


def test_contributors_cannot_archive(org, make_member):
    case = make_case(organisations=[org])
    with pytest.raises(NotAllowed):
        lifecycle.case_archive(case=case, actor=make_member(org, Role.CONTRIBUTOR))


def test_the_status_cannot_be_set_to_archived_by_an_edit(org, make_member):
    from proeftuin.cases.services import case_update

    case = make_case(organisations=[org])
    editor = make_member(org, Role.EDITOR)
    with pytest.raises(ValidationFailed):
        case_update(case=case, actor=editor, status="archived")
    lifecycle.case_archive(case=case, actor=editor)
    with pytest.raises(ValidationFailed):
        case_update(case=case, actor=editor, status="published")


# --- pages ---


def test_publish_page_shows_the_public_preview_and_publishes(org, draft, make_member, client):
    editor = make_member(org, Role.EDITOR)
    client.force_login(editor)
    url = f"/casussen/{draft.slug}/publiceren/"
    page = client.get(url).content.decode()
    assert "Voorbeeld" in page and draft.title in page
    assert "Jan Jansen" not in page  # names are not public
    assert "Casus bewerken" not in page.split("pt-preview__body")[-1]  # no editor buttons
    response = client.post(url, {"version": str(draft.version)})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"


def test_publish_page_with_a_stale_version_says_so(org, draft, make_member, client):
    client.force_login(make_member(org, Role.EDITOR))
    response = client.post(f"/casussen/{draft.slug}/publiceren/", {"version": "99"})
    assert response.status_code == 409
    assert "iemand anders" in response.content.decode().lower()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_publish_page_is_refused_to_contributors(org, draft, make_member, client):
    client.force_login(make_member(org, Role.CONTRIBUTOR))
    assert client.get(f"/casussen/{draft.slug}/publiceren/").status_code == 403
    response = client.post(f"/casussen/{draft.slug}/publiceren/", {"version": "1"})
    assert response.status_code == 403


def test_archive_pages(org, make_member, client):
    case = make_case(organisations=[org])
    client.force_login(make_member(org, Role.EDITOR))
    assert client.get(f"/casussen/{case.slug}/archiveren/").status_code == 200
    response = client.post(
        f"/casussen/{case.slug}/archiveren/", {"version": str(case.version), "reason": ""}
    )
    assert response.status_code == 302
    page = client.get(f"/casussen/{case.slug}/").content.decode()
    assert "Gearchiveerd" in page
    case.refresh_from_db()
    client.post(f"/casussen/{case.slug}/uit-archief/", {"version": str(case.version)})
    case.refresh_from_db()
    assert case.status == "published"
    assert client.get(f"/casussen/{case.slug}/").status_code == 200


def test_forged_lead_organisation_is_refused_in_dutch(org, make_member, client):
    other = OrganisationFactory()
    contributor = make_member(org, Role.CONTRIBUTOR)
    client.force_login(contributor)
    form = client.get("/casussen/nieuw/").content.decode()
    assert f'value="{other.pk}"' not in form.split('name="other_organisations"')[0]
    from tests.security.writes import case_form

    response = client.post("/casussen/nieuw/", case_form(other))
    assert response.status_code == 400
    assert "geldige keuze" in response.content.decode()
    assert not Case.objects.filter(title="Overgenomen casus").exists()
