"""Visibility is decided in one place (CaseQuerySet.visible_to) and holds everywhere:
lists, pages, counts, facets, export and API."""

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.cases.selectors import case_counts_by_province, case_facet_counts
from tests.factories import OrganisationFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

MATRIX = [
    # (status, visibility) -> who sees it
    ("published", "public"),
    ("published", "organisation"),
    ("published", "private"),
    ("draft", "public"),
    ("in_review", "organisation"),
    ("draft", "private"),
]


@pytest.fixture
def library():
    owner = OrganisationFactory(name="Eigenaar", province="PV27")
    other = OrganisationFactory(name="Ander", province="PV28")
    cases = {
        (status, vis): make_case(
            organisations=[owner],
            title=f"Casus {status} {vis}",
            status=status,
            visibility=vis,
            year_start=2010 + i,
        )
        for i, (status, vis) in enumerate(MATRIX)
    }
    return owner, other, cases


def visible_titles(user):
    return set(Case.objects.visible_to(user).values_list("title", flat=True))


def expected(cases, keys):
    return {cases[k].title for k in keys}


def test_anonymous_sees_only_published_public(library):
    _owner, _other, cases = library
    assert visible_titles(AnonymousUser()) == expected(cases, [("published", "public")])


def test_outsider_sees_what_anonymous_sees(library):
    _owner, _other, cases = library
    assert visible_titles(UserFactory()) == expected(cases, [("published", "public")])


def test_member_of_other_organisation_sees_no_organisation_cases(library, make_member):
    _owner, other, cases = library
    user = make_member(other, Role.EDITOR)
    assert visible_titles(user) == expected(cases, [("published", "public")])


def test_viewer_sees_published_shared_cases_of_own_organisation(library, make_member):
    owner, _other, cases = library
    user = make_member(owner, Role.VIEWER)
    assert visible_titles(user) == expected(
        cases, [("published", "public"), ("published", "organisation")]
    )


def test_contributor_also_sees_unpublished_shared_cases(library, make_member):
    owner, _other, cases = library
    user = make_member(owner, Role.CONTRIBUTOR)
    assert visible_titles(user) == expected(
        cases,
        [
            ("published", "public"),
            ("published", "organisation"),
            ("draft", "public"),
            ("in_review", "organisation"),
        ],
    )


def test_editor_sees_everything_of_own_organisation(library, make_member):
    owner, _other, cases = library
    user = make_member(owner, Role.EDITOR)
    assert visible_titles(user) == expected(cases, MATRIX)


def test_creator_sees_own_private_draft(library, make_member):
    owner, _other, _cases = library
    author = make_member(owner, Role.CONTRIBUTOR)
    mine = make_case(
        organisations=[owner],
        actor=author,
        title="Mijn geheim",
        status="draft",
        visibility="private",
    )
    assert mine.title in visible_titles(author)
    colleague = make_member(owner, Role.CONTRIBUTOR)
    assert mine.title not in visible_titles(colleague)


def test_creator_without_a_current_role_sees_only_public(library, make_member):
    owner, _other, cases = library
    author = make_member(owner, Role.CONTRIBUTOR)
    mine = make_case(organisations=[owner], actor=author, status="draft", visibility="private")
    author.memberships.all().delete()
    author.__dict__.pop("_proeftuin_roles", None)
    assert visible_titles(author) == expected(cases, [("published", "public")])
    assert mine.title not in visible_titles(author)


def test_platform_admin_sees_everything(library, platform_admin):
    _owner, _other, cases = library
    assert visible_titles(platform_admin) == expected(cases, MATRIX)


def test_inactive_user_sees_only_public(library, make_member):
    owner, _other, cases = library
    user = make_member(owner, Role.EDITOR)
    user.is_active = False
    user.save()
    assert visible_titles(user) == expected(cases, [("published", "public")])


def test_facet_counts_never_count_hidden_cases(library):
    results = case_facet_counts(user=AnonymousUser(), text="", selection={}).facets
    years = {c.value: c.count for f in results if f.key == "year" for c in f.choices}
    assert years == {"2010": 1}
    for facet in results:
        assert all(choice.count <= 1 for choice in facet.choices)


def test_province_counts_never_count_hidden_cases(library, make_member):
    owner, _other, _cases = library
    assert case_counts_by_province(AnonymousUser()) == {"PV27": 1}
    assert case_counts_by_province(make_member(owner, Role.EDITOR)) == {"PV27": 6}


def test_hidden_case_is_404_on_page_and_api(library, client, api_client):
    _owner, _other, cases = library
    hidden = cases[("published", "organisation")]
    assert client.get(f"/casussen/{hidden.slug}/").status_code == 404
    assert api_client.get(f"/api/v1/cases/{hidden.uuid}").status_code == 404


def test_hidden_cases_absent_from_every_list(library, client, api_client):
    _owner, _other, cases = library
    page = client.get("/casussen/").content.decode()
    api = api_client.get("/api/v1/cases").json()
    export = b"".join(client.get("/casussen/export.csv").streaming_content).decode()
    home = client.get("/").content.decode()
    for key, case in cases.items():
        shown = key == ("published", "public")
        assert (case.title in page) is shown
        assert (case.title in export) is shown
        assert any(r["title"] == case.title for r in api["results"]) is shown
    assert api["count"] == 1
    assert "1 casus" in home or "1 case" in home


def test_hidden_cases_absent_from_organisation_page(library, client):
    owner, _other, cases = library
    page = client.get(f"/organisaties/{owner.slug}/").content.decode()
    assert cases[("published", "public")].title in page
    assert cases[("published", "organisation")].title not in page


def test_people_names_only_for_members(library, client, make_member):
    owner, _other, cases = library
    case = cases[("published", "public")]
    assert "Jan Jansen" not in client.get(f"/casussen/{case.slug}/").content.decode()
    client.force_login(make_member(owner, Role.VIEWER))
    assert "Jan Jansen" in client.get(f"/casussen/{case.slug}/").content.decode()
