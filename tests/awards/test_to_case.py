"""Finalists and winners become cases in one step: texts in the criteria's themes, the
jury's findings in the summary, the recognition facet, citations back, linked both ways."""

import datetime

import pytest
from django.utils import translation

from proeftuin.awards.models import Criterion, Nomination
from proeftuin.awards.services_decisions import panel_decide, site_visit_save
from proeftuin.awards.services_judging import panel_get_or_create
from proeftuin.awards.services_nominations import (
    nomination_create,
    submission_save,
    submission_submit,
)
from proeftuin.awards.to_case import linkable_cases, nomination_link_case, nomination_to_case
from proeftuin.cases.models import Case
from proeftuin.core.service import NotAllowed, ValidationFailed
from tests.awards.factories import make_competition, make_edition, member
from tests.factories import OrganisationFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organiser = UserFactory()
    edition = make_edition(
        make_competition(organisers=[organiser]), criteria=(), finalists=1, top_size=2, year=2017
    )
    Criterion.objects.create(edition=edition, name="Openheid", theme="openness", order=0)
    Criterion.objects.create(edition=edition, name="Veerkracht", theme="resilience", order=1)
    entries = []
    for _ in range(2):
        organisation = OrganisationFactory()
        editor = member(organisation)
        n = nomination_create(
            actor=editor,
            edition=edition,
            organisation=organisation,
            source="self",
            motivation="Een open organisatie.",
        )
        texts = {c.pk: f"Over {c.name.lower()}" for c in edition.criteria.all()}
        submission_save(actor=editor, nomination=n, answers=texts)
        submission_submit(actor=editor, nomination=Nomination.objects.get(pk=n.pk))
        entries.append(n)
    selection = panel_get_or_create(actor=organiser, edition=edition, kind="selection")
    jury = panel_get_or_create(actor=organiser, edition=edition, kind="jury")
    panel_decide(actor=organiser, panel=selection, decision="long_list", chosen=entries)
    panel_decide(actor=organiser, panel=selection, decision="top_ten", chosen=entries)
    panel_decide(actor=organiser, panel=jury, decision="finalist", chosen=entries[:1])
    return organiser, edition, [Nomination.objects.get(pk=n.pk) for n in entries]


def test_a_finalist_becomes_a_published_case_with_its_recognition(world):
    organiser, edition, (finalist, _other) = world
    site_visit_save(
        actor=organiser,
        nomination=finalist,
        visited_on=datetime.date(2017, 9, 1),
        findings="Iedereen kent de koers.",
    )
    with translation.override("nl"):
        case = nomination_to_case(actor=organiser, nomination=finalist)
    case = Case.objects.get(pk=case.pk)
    assert case.status == "published" and case.visibility == "public"
    assert case.title.startswith(finalist.owner.name) and "finalist" in case.title
    assert "Iedereen kent de koers." in case.summary
    sections = {s.theme.key: s.body for s in case.sections.select_related("theme")}
    assert sections == {"openness": "Over openheid", "resilience": "Over veerkracht"}
    assert [(r.kind, r.name, r.year) for r in case.recognitions.all()] == [
        ("finalist", edition.competition.name, 2017)
    ]
    kinds = sorted(c.source_kind for c in case.record_citations.all())
    assert kinds == ["site_visit", "submission", "submission"]
    assert Nomination.objects.get(pk=finalist.pk).case == case
    assert nomination_to_case(actor=organiser, nomination=finalist) == case  # one case only
    assert Case.objects.count() == 1


def test_only_finalists_and_winners_and_only_organisers(world):
    organiser, _edition, (finalist, other) = world
    with translation.override("nl"), pytest.raises(ValidationFailed) as caught:
        nomination_to_case(actor=organiser, nomination=other)
    assert "Alleen finalisten en winnaars" in str(caught.value.message)
    with pytest.raises(NotAllowed):
        nomination_to_case(actor=member(finalist.owner), nomination=finalist)
    assert not Case.objects.exists()


def test_a_finalist_already_in_the_library_is_linked_to_its_case(world):
    organiser, _edition, (finalist, other) = world
    existing = make_case(
        organisations=[finalist.owner],
        title="Open werken met inwoners",
        sections={"openness": "Alle stukken staan online."},
    )
    foreign = make_case(title="Een casus van een ander")
    assert list(linkable_cases(organiser, finalist)) == [existing]
    with translation.override("nl"), pytest.raises(ValidationFailed) as caught:
        nomination_link_case(actor=organiser, nomination=finalist, case=foreign)
    assert finalist.owner.name in str(caught.value.message)
    with pytest.raises(NotAllowed):
        nomination_link_case(actor=UserFactory(), nomination=finalist, case=existing)
    with pytest.raises(ValidationFailed):  # not a finalist
        nomination_link_case(actor=organiser, nomination=other, case=existing)
    count = Case.objects.count()
    case = nomination_link_case(actor=organiser, nomination=finalist, case=existing)
    assert case.pk == existing.pk and Case.objects.count() == count
    assert Nomination.objects.get(pk=finalist.pk).case_id == existing.pk
    case = Case.objects.get(pk=existing.pk)
    assert list(case.recognitions.values_list("kind", "year")) == [("finalist", 2017)]
    sections = {s.theme.key: s.body for s in case.sections.select_related("theme")}
    assert sections["openness"] == "Alle stukken staan online."  # never replaced
    assert sections["resilience"] == "Over veerkracht"  # an empty theme filled, and cited
    cited = set(case.record_citations.values_list("field", flat=True))
    assert cited == {"sections.resilience"}
    with pytest.raises(ValidationFailed):  # linked once
        nomination_link_case(actor=organiser, nomination=finalist, case=existing)


def test_the_management_page_offers_the_nominees_cases_and_links_one(client, world):
    organiser, edition, (finalist, _other) = world
    existing = make_case(organisations=[finalist.owner], title="Open werken met inwoners")
    client.force_login(organiser)
    page = client.get(f"/prijzen/{edition.slug}/beheer/", HTTP_ACCEPT_LANGUAGE="nl")
    html = page.content.decode()
    assert f'<option value="{existing.pk}">Open werken met inwoners (2016)</option>' in html
    url = f"/prijzen/nominaties/{finalist.uuid}/casus/koppelen/"
    wrong = client.post(url, {"case": "abc"}, follow=True, HTTP_ACCEPT_LANGUAGE="nl")
    assert "Kies een casus van" in wrong.content.decode()
    response = client.post(url, {"case": str(existing.pk)})
    assert response.status_code == 302 and response["Location"].endswith(f"/{existing.slug}/")
    assert Nomination.objects.get(pk=finalist.pk).case_id == existing.pk
    client.force_login(UserFactory())
    assert client.post(url, {"case": str(existing.pk)}).status_code in (403, 404)
