"""The "Mijn werk" page: sections from the registered providers, each with a count, scoped
to what the user may do; nothing of another organisation; sign-in required."""

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.models import Membership, Role
from proeftuin.core.service import WorkSection, work_for
from proeftuin.core.work import register_work, work_providers
from proeftuin.ingestion.services import source_upload
from tests.factories import OrganisationFactory, make_case
from tests.ingestion.test_review import STORY

pytestmark = pytest.mark.django_db


def sections(user) -> dict[str, WorkSection]:
    return {section.key: section for section in work_for(user)}


@pytest.fixture
def two_orgs(make_member, django_capture_on_commit_callbacks):
    a, b = OrganisationFactory(name="Gemeente A"), OrganisationFactory(name="Gemeente B")
    a_contributor = make_member(a, Role.CONTRIBUTOR)
    with django_capture_on_commit_callbacks(execute=True):
        own = make_case(
            organisations=[a], status="draft", title="Eigen concept", actor=a_contributor
        )
        other = make_case(organisations=[a], status="in_review", title="Concept van A")
        make_case(organisations=[b], status="draft", title="Concept van B")
        make_case(organisations=[a], title="Gepubliceerd van A")
        source, _job, _ = source_upload(actor=a_contributor, filename="a.txt", data=STORY)
    return a, b, a_contributor, own, other, source


def test_the_page_names_no_app_and_every_provider_is_asked():
    keys = work_providers.names()
    assert {"cases.drafts", "cases.publish", "ingestion.review", "ingestion.processing"} <= set(
        keys
    )
    assert work_for(AnonymousUser()) == []


def test_an_editor_sees_drafts_to_publish_of_their_organisation_only(two_orgs, make_member):
    a, _b, _c, own, other, _source = two_orgs
    editor = make_member(a, Role.EDITOR)
    found = sections(editor)
    assert found["publish"].count == 2
    assert {i.title for i in found["publish"].items} == {own.title, other.title}
    assert found["drafts"].count == 2
    assert all("/publiceren/" in i.url for i in found["publish"].items)


def test_a_contributor_sees_own_drafts_and_own_document_to_review(two_orgs):
    _a, _b, contributor, own, _other, source = two_orgs
    found = sections(contributor)
    assert [i.title for i in found["drafts"].items] == [own.title]
    assert found["publish"].count == 0
    assert found["review"].count == 1
    item = found["review"].items[0]
    assert item.title == source.filename
    pending = source.suggestions.filter(status="pending").count()
    assert pending > 0 and str(pending) in item.detail


def test_members_of_the_other_organisation_and_revoked_members_see_nothing(
    two_orgs, make_member, outsider
):
    _a, b, contributor, *_rest = two_orgs
    b_editor = make_member(b, Role.EDITOR)
    found = sections(b_editor)
    assert [i.title for i in found["publish"].items] == ["Concept van B"]
    assert found["review"].count == 0
    Membership.objects.filter(user=contributor).delete()
    contributor.__dict__.pop("_proeftuin_roles", None)
    for user in (contributor, outsider):
        assert all(section.count == 0 for section in work_for(user))


def test_processing_shows_progress(make_member):
    org = OrganisationFactory()
    user = make_member(org, Role.CONTRIBUTOR)
    _source, job, _ = source_upload(actor=user, filename="bezig.txt", data=STORY)  # not run
    job.progress = 40
    job.save()
    found = sections(user)
    assert found["processing"].count == 1
    assert found["processing"].items[0].progress == 40
    assert found["review"].count == 0


def test_a_later_module_plugs_in(make_member):
    user = make_member(OrganisationFactory(), Role.VIEWER)

    @register_work("tests.gates", order=5)
    def gates(user):
        return WorkSection(key="gates", title="Poorten", count=3, empty="Geen poorten.")

    try:
        assert work_for(user)[0].key == "gates"
    finally:
        work_providers._items.pop("tests.gates")


def test_page_with_counts_and_dutch_empty_states(two_orgs, make_member, client):
    a, *_rest = two_orgs
    client.force_login(make_member(a, Role.VIEWER))
    page = client.get("/mijn-werk/").content.decode()
    assert "Mijn werk" in page
    assert "Er wachten geen concepten op u." in page
    assert "Er wachten geen casussen op publicatie." in page
    assert "Concept van A" not in page


def test_page_lists_work_for_an_editor(two_orgs, make_member, client):
    a, *_rest = two_orgs
    client.force_login(make_member(a, Role.EDITOR))
    page = client.get("/mijn-werk/").content.decode()
    assert "Concept van A" in page and "Concept van B" not in page
    assert "Klaar om te publiceren" in page


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/mijn-werk/")
    assert response.status_code == 302 and "/account/" in response["Location"]


def test_the_page_takes_a_constant_number_of_queries(two_orgs, make_member, client):
    """The same number of queries with 1 and with 12 drafts; every app's sections together
    stay under a ceiling (each app registers a few sections, each one or two queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a, *_rest = two_orgs
    client.force_login(make_member(a, Role.EDITOR))
    counts = []
    for drafts in (1, 11):
        for n in range(drafts):
            make_case(organisations=[a], status="draft", title=f"Nog een concept {drafts}-{n}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/mijn-werk/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 34
