"""The initiative pages: list, start (problem first, prior cases), page, edit, parts."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Theme
from proeftuin.organisations.services import organisation_update
from proeftuin.portfolio.models import BudgetLine, Initiative, Kpi, Measurement, TeamMember
from proeftuin.portfolio.services import initiative_update
from tests.factories import OrganisationFactory, make_initiative

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    """Queries of one request with the caches cold (the list keeps its pages), so the page
    does all of its work."""
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(n: int, theme) -> None:
    orgs = [OrganisationFactory(), OrganisationFactory()]
    for i in range(n):
        initiative = make_initiative(
            orgs[i % 2],
            title=f"Initiatief {i}",
            partners=[orgs[(i + 1) % 2]],
            themes=[theme],
            status="published",
        )
        assert initiative.pk


def test_list_query_count_does_not_grow(client):
    theme = Theme.objects.first()
    _grow(3, theme)
    url = f"/initiatieven/?soort=process&thema={theme.pk}"
    small = _queries(client, url)
    _grow(25, theme)
    assert _queries(client, url) == small


def test_list_filters_and_visibility(client, lead, partner, editor):
    make_initiative(lead, title="Publiek proces", status="published", kind="process")
    make_initiative(partner, title="Publieke dienst", status="published", kind="service")
    make_initiative(lead, title="Geheim concept", status="draft", visibility="private")
    body = client.get("/initiatieven/").content.decode()
    assert "Publiek proces" in body and "Publieke dienst" in body
    assert "Geheim concept" not in body
    body = client.get("/initiatieven/?soort=service").content.decode()
    assert "Publieke dienst" in body and "Publiek proces" not in body
    body = client.get(f"/initiatieven/?organisatie={lead.slug}").content.decode()
    assert "Publiek proces" in body and "Publieke dienst" not in body
    client.force_login(editor)
    assert "Geheim concept" in client.get("/initiatieven/").content.decode()


def test_the_kept_list_page_follows_writes(client, lead, editor):
    initiative = make_initiative(lead, title="Oude titel", status="published")
    assert "Oude titel" in client.get("/initiatieven/").content.decode()  # now kept
    initiative_update(initiative=initiative, actor=editor, title="Nieuwe titel")
    body = client.get("/initiatieven/").content.decode()
    assert "Nieuwe titel" in body and "Oude titel" not in body


def test_the_kept_filter_options_follow_writes(client, lead):
    assert ">Gemeente Lead</option>" in client.get("/initiatieven/").content.decode()
    organisation_update(organisation=lead, name="Gemeente Hernoemd")
    body = client.get("/initiatieven/").content.decode()
    assert ">Gemeente Hernoemd</option>" in body and ">Gemeente Lead</option>" not in body
    assert f'<option value="{lead.slug}">' in body


def test_list_is_paginated(client, lead):
    for i in range(23):
        make_initiative(lead, title=f"Initiatief {i:02d}", status="published")
    first = client.get("/initiatieven/").content.decode()
    second = client.get("/initiatieven/?pagina=2").content.decode()
    assert "23 initiatieven" in first
    assert len(re.findall(r'href="/initiatieven/initiatief-', first)) == 20
    assert len(re.findall(r'href="/initiatieven/initiatief-', second)) == 3


def _create_data(lead, **extra):
    return {
        "title": "Sneller schuldhulp",
        "problem": "Mensen met schulden wachten maanden.",
        "owner": str(lead.pk),
        "kind": "process",
        "status": "draft",
        "visibility": "organisation",
        **extra,
    }


def test_create_problem_first_with_prior_cases_panel(client, contributor, lead):
    client.force_login(contributor)
    body = client.get("/initiatieven/nieuw/").content.decode()
    assert body.index('name="problem"') < body.index('name="owner"')
    assert "Is dit al eerder gedaan?" in body or "prior-cases" in body
    # without JavaScript: the form comes back as typed, with the panel filled
    response = client.post("/initiatieven/nieuw/", {"title": "Wijkteams", "check_prior": "1"})
    assert response.status_code == 200
    assert 'value="Wijkteams"' in response.content.decode()
    assert not Initiative.objects.exists()


def test_create_chooses_the_only_lead_organisation(client, contributor, lead, make_member):
    client.force_login(contributor)
    body = client.get("/initiatieven/nieuw/").content.decode()
    assert re.search(rf'<option value="{lead.pk}" selected>', body)
    two = make_member(OrganisationFactory(name="Derde gemeente"), Role.CONTRIBUTOR)
    two.memberships.create(organisation=lead, role=Role.CONTRIBUTOR)
    client.force_login(two)
    body = client.get("/initiatieven/nieuw/").content.decode()
    assert '<option value="" selected>' in body.split('name="owner"')[1]  # two: no choice made


def test_create_and_edit(client, contributor, lead):
    client.force_login(contributor)
    response = client.post("/initiatieven/nieuw/", _create_data(lead, facets=["adaptive"]))
    initiative = Initiative.objects.get()
    assert response.status_code == 302 and response.url == f"/initiatieven/{initiative.slug}/"
    assert initiative.facets == ["adaptive"]
    assert initiative.team.get().user == contributor
    url = f"/initiatieven/{initiative.slug}/bewerken/"
    response = client.post(url, _create_data(lead, title="Nog sneller", version="1"))
    assert response.status_code == 302
    # a second save from the same (now stale) form: a conflict, nothing overwritten
    response = client.post(url, _create_data(lead, title="Oud formulier", version="1"))
    assert response.status_code == 409
    assert "Iemand anders" in response.content.decode() or "someone" in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.title == "Nog sneller"


def test_contributor_cannot_publish_through_the_form(client, contributor, lead):
    client.force_login(contributor)
    response = client.post("/initiatieven/nieuw/", _create_data(lead, status="published"))
    assert response.status_code == 403
    assert not Initiative.objects.exists()


def test_viewer_sees_the_page_without_edit_links(client, initiative, lead, make_member):
    Initiative.objects.filter(pk=initiative.pk).update(status="published")
    client.force_login(make_member(lead, Role.VIEWER))
    body = client.get(f"/initiatieven/{initiative.slug}/").content.decode()
    assert initiative.title in body
    assert "/bewerken/" not in body and "/nieuw/" not in body
    response = client.get(f"/initiatieven/{initiative.slug}/bewerken/")
    assert response.status_code == 403


def test_detail_shows_kpi_chart_and_table(client, initiative, contributor):
    kpi = Kpi.objects.create(
        initiative=initiative, measure="Wachttijd", unit="days", direction="lower"
    )
    for day, value in ((1, 80), (15, 62.5)):
        Measurement.objects.create(kpi=kpi, date=datetime.date(2026, 1, day), value=value)
    client.force_login(contributor)
    body = client.get(f"/initiatieven/{initiative.slug}/").content.decode()
    assert "<svg" in body and 'role="img"' in body and "<polyline" in body
    assert "<table" in body and "62,5 dagen" in body
    svg = body[body.index("<svg") : body.index("</svg>")]
    coordinates = re.findall(r'\s(?:x|y|cx|cy|x1|x2|y1|y2)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", c) for c in coordinates)
    points = re.search(r'points="([^"]*)"', svg).group(1)
    assert re.fullmatch(r"[\d.]+,[\d.]+( [\d.]+,[\d.]+)*", points)


def test_detail_query_count_does_not_grow_with_parts(client, lead, contributor):
    def grow(initiative, n):
        for i in range(n):
            kpi = Kpi.objects.create(
                initiative=initiative, measure=f"m{i}", unit="count", direction="higher"
            )
            for day in range(1, n + 1):
                Measurement.objects.create(kpi=kpi, date=datetime.date(2026, 1, day), value=day)
            BudgetLine.objects.create(initiative=initiative, year=2020 + i, funding_source="F")
            initiative.learning_questions.create(text=f"Vraag {i}")
            initiative.reflections.create(date=datetime.date(2026, 2, 1 + i), unexpected="x")

    small = make_initiative(lead, actor=contributor, title="Klein", status="draft")
    grow(small, 1)
    client.force_login(contributor)
    count = _queries(client, f"/initiatieven/{small.slug}/")
    big = make_initiative(lead, actor=contributor, title="Groot", status="draft")
    grow(big, 5)
    assert _queries(client, f"/initiatieven/{big.slug}/") == count


def test_measurement_in_another_unit_refused_in_dutch(client, initiative, contributor):
    kpi = Kpi.objects.create(
        initiative=initiative, measure="Wachttijd", unit="days", direction="lower"
    )
    client.force_login(contributor)
    url = f"/initiatieven/{initiative.slug}/kpis/{kpi.uuid}/metingen/nieuw/"
    data = {"date": "2026-02-01", "value": "1.234,5", "unit": "hours", "source": "Dashboard"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Deze KPI wordt gemeten in dagen." in response.content.decode()
    response = client.post(url, {**data, "unit": "days"})
    assert response.status_code == 302
    assert Measurement.objects.get().value == 1234.5


def test_overspend_through_the_form(client, initiative, contributor):
    client.force_login(contributor)
    url = f"/initiatieven/{initiative.slug}/budget/nieuw/"
    data = {
        "year": "2026",
        "funding_source": "Innovatiefonds",
        "planned": "10.000",
        "committed": "0",
        "spent": "12.500,50",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Uitgegeven is hoger dan begroot" in response.content.decode()
    response = client.post(
        url, {**data, "confirm_overspend": "on", "overspend_reason": "Extra licenties"}
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert line.overspend_reason == "Extra licenties" and line.spent == 12500.5


def test_team_pages(client, initiative, contributor, partner, make_member):
    client.force_login(contributor)
    colleague = make_member(partner, Role.VIEWER)
    stranger = make_member(OrganisationFactory(), Role.EDITOR)
    url = f"/initiatieven/{initiative.slug}/team/nieuw/"
    body = client.get(url).content.decode()
    assert colleague.username in body and stranger.username not in body
    response = client.post(url, {"user": str(stranger.pk), "role": "team"})
    assert response.status_code == 400
    assert "Alleen leden van de trekkende organisatie" in response.content.decode()
    assert client.post(url, {"user": str(colleague.pk), "role": "sponsor"}).status_code == 302
    member = TeamMember.objects.get(user=colleague)
    edit = f"/initiatieven/{initiative.slug}/team/{member.uuid}/"
    response = client.post(edit, {"role": "owner", "updated_at": member.updated_at.isoformat()})
    assert response.status_code == 400  # the initiative already has an owner
    assert client.post(edit, {"delete": "1"}).status_code == 302
    assert not TeamMember.objects.filter(user=colleague).exists()


def test_part_edit_conflict(client, initiative, contributor):
    client.force_login(contributor)
    add = f"/initiatieven/{initiative.slug}/leervragen/nieuw/"
    assert client.post(add, {"text": "Werkt het?"}).status_code == 302
    question = initiative.learning_questions.get()
    edit = f"/initiatieven/{initiative.slug}/leervragen/{question.uuid}/"
    stale = question.updated_at.isoformat()
    assert client.post(edit, {"text": "Werkt het echt?", "updated_at": stale}).status_code == 302
    response = client.post(edit, {"text": "Oud", "updated_at": stale})
    assert response.status_code == 409
    question.refresh_from_db()
    assert question.text == "Werkt het echt?"


def test_reflection_form(client, initiative, contributor):
    client.force_login(contributor)
    question = initiative.learning_questions.create(text="Werkt het?")
    url = f"/initiatieven/{initiative.slug}/reflecties/nieuw/"
    body = client.get(url).content.decode()
    assert "Wat liep anders dan verwacht?" in body and "Werkt het?" in body
    data = {
        "date": "2026-03-01",
        "unexpected": "Veel meer aanmeldingen",
        "questions": [question.pk],
    }
    assert client.post(url, data).status_code == 302
    reflection = initiative.reflections.get()
    assert list(reflection.questions.all()) == [question]
    body = client.get(f"/initiatieven/{initiative.slug}/").content.decode()
    assert "Veel meer aanmeldingen" in body


def test_unknown_part_is_404(client, initiative, contributor):
    client.force_login(contributor)
    assert client.get(f"/initiatieven/{initiative.slug}/onzin/nieuw/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, initiative):
    assert client.get("/initiatieven/nieuw/").status_code == 302
    assert client.get(f"/initiatieven/{initiative.slug}/kpis/nieuw/").status_code == 302


def test_team_names_only_for_members_of_the_organisations(client, lead, contributor):
    public = make_initiative(lead, actor=contributor, title="Openbaar", status="draft")
    Initiative.objects.filter(pk=public.pk).update(status="published")
    body = client.get(f"/initiatieven/{public.slug}/").content.decode()
    assert "Eigenaar" in body and contributor.username not in body
    client.force_login(contributor)
    assert contributor.username in client.get(f"/initiatieven/{public.slug}/").content.decode()
