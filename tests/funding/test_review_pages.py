"""The review pages without JavaScript: queue, review form (draft, submit, refusals in
Dutch), recusal, declarations, the managers' overview and summaries."""

import pytest

from proeftuin.funding import services_reviews
from proeftuin.funding.models import ConflictDeclaration, ReviewAssignment
from tests.funding.review_support import build_world

world = pytest.fixture(build_world, name="world")
NL = {"HTTP_ACCEPT_LANGUAGE": "nl"}


@pytest.fixture
def assignment(world):
    return services_reviews.assignment_create(
        actor=world.manager, application=world.application, reviewer=world.expert
    )


def form_url(assignment):
    return f"/subsidies/beoordelingen/{assignment.uuid}/"


def test_queue_and_form_show_the_criteria(world, assignment, client):
    world.round.questions.create(key="doelgroep", label="Wie heeft er baat bij?", kind="text")
    world.application.answers = {"doelgroep": "Inwoners met schulden"}
    world.application.save()
    client.force_login(world.expert)
    queue = client.get("/subsidies/beoordelingen/", **NL).content.decode()
    assert "Mijn beoordelingen" in queue and world.application.title in queue
    page = client.get(form_url(assignment), **NL).content.decode()
    first = world.criteria[0]
    assert 'type="radio"' in page and f'name="score_{first.pk}" value="5"' in page
    assert "Concept opslaan" in page and "Uzelf terugtrekken" in page
    assert "Wie heeft er baat bij?" in page and "Inwoners met schulden" in page


def test_submit_without_all_scores_shows_dutch_errors(world, assignment, client):
    client.force_login(world.expert)
    first = world.criteria[0]
    data = {f"score_{first.pk}": "4", "version": "0", "submit": "1"}
    page = client.post(form_url(assignment), data, **NL)
    assert page.status_code == 400
    assert "Geef een score voor “Overdraagbaarheid”." in page.content.decode()
    assert "Kies uw advies: ja, misschien of nee." in page.content.decode()


def test_score_six_shows_dutch_error(world, assignment, client):
    client.force_login(world.expert)
    first = world.criteria[0]
    page = client.post(form_url(assignment), {f"score_{first.pk}": "6", "save": "1"}, **NL)
    assert page.status_code == 400
    assert "moet een geheel getal van 0 tot en met 5 zijn" in page.content.decode()


def test_save_then_submit(world, assignment, client):
    client.force_login(world.expert)
    first, second = world.criteria
    draft = {f"score_{first.pk}": "4", "version": "0", "save": "1"}
    assert client.post(form_url(assignment), draft).status_code == 302
    data = {
        f"score_{first.pk}": "4",
        f"score_{second.pk}": "2",
        f"note_{second.pk}": "Weinig over overdracht.",
        "recommendation": "maybe",
        "comment": "Goed idee.",
        "version": "1",
        "submit": "1",
    }
    assert client.post(form_url(assignment), data).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "submitted"
    again = client.post(form_url(assignment), data, **NL)
    assert again.status_code == 409
    assert "Deze beoordeling is al ingediend" in again.content.decode()


def test_recusal_without_reason_refused(world, assignment, client):
    client.force_login(world.expert)
    url = f"/subsidies/beoordelingen/{assignment.uuid}/terugtrekken/"
    page = client.post(url, {"reason": ""}, **NL)
    assert page.status_code == 400
    assert "Geef de reden waarom u zich terugtrekt." in page.content.decode()
    assert client.post(url, {"reason": "Ik ken de wethouder."}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == "recused"


def test_declarations_page(world, client):
    client.force_login(world.second)
    page = client.get("/subsidies/belangenverklaringen/", **NL)
    assert "Mijn belangenverklaringen" in page.content.decode()
    empty = client.post(
        "/subsidies/belangenverklaringen/", {"organisation": world.partner.uuid, "reason": ""}, **NL
    )
    assert empty.status_code == 400
    done = client.post(
        "/subsidies/belangenverklaringen/", {"organisation": world.partner.uuid, "reason": "zus"}
    )
    assert done.status_code == 302
    declaration = ConflictDeclaration.objects.get(user=world.second)
    remove = f"/subsidies/belangenverklaringen/{declaration.uuid}/verwijderen/"
    assert client.post(remove).status_code == 302
    assert not ConflictDeclaration.objects.exists()


def test_manager_overview_and_assign_buttons(world, client):
    client.force_login(world.manager)
    url = f"/subsidies/rondes/{world.round.slug}/toewijzingen/"
    page = client.get(url, **NL).content.decode()
    assert "Beoordelaars toewijzen" in page and "Belangenconflict" in page
    assign = f"/subsidies/rondes/{world.round.slug}/toewijzingen/toewijzen/"
    refused = client.post(
        assign,
        {"application": world.application.uuid, "reviewer": world.insider.uuid},
        follow=True,
        **NL,
    )
    assert "heeft een belangenconflict met Gemeente Aanvrager" in refused.content.decode()
    client.post(assign, {"application": world.application.uuid, "reviewer": world.expert.uuid})
    assert ReviewAssignment.objects.filter(reviewer=world.expert).exists()
    batch = f"/subsidies/rondes/{world.round.slug}/toewijzingen/automatisch/"
    result = client.post(
        batch, {"method": "round_robin", "per_application": "3", "maximum": "1"}, follow=True
    )
    assert result.status_code == 200
    assert world.application.assignments.count() == 3


def test_only_managers_see_the_overview_and_summaries(world, client):
    client.force_login(world.expert)
    assert client.get(f"/subsidies/rondes/{world.round.slug}/toewijzingen/").status_code == 403
    assert client.get(f"/subsidies/rondes/{world.round.slug}/beoordelingen/").status_code == 403


def test_summary_pages(world, assignment, client):
    from proeftuin.funding.services_reviews_scores import review_submit

    scores = {c.pk: v for c, v in zip(world.criteria, (5, 1), strict=True)}
    review_submit(actor=world.expert, assignment=assignment, scores=scores, recommendation="yes")
    client.force_login(world.manager)
    ranking = client.get(f"/subsidies/rondes/{world.round.slug}/beoordelingen/", **NL)
    assert world.application.title in ranking.content.decode()
    page = client.get(f"/subsidies/aanvragen/{world.application.uuid}/beoordelingen/", **NL)
    assert "Naast elkaar" in page.content.decode() and "Gewogen gemiddelde" in page.content.decode()
