"""The applying pages: the round's page with "Aanvragen", starting, the form (the prior
panel without JavaScript, the rules check, conflicts), parts, submit, "Mijn aanvragen",
the application page per viewer, screening pages and the "Mijn werk" sections."""

import re

import pytest

from proeftuin.core.service import work_for
from proeftuin.funding.models import Application
from proeftuin.funding.services_applications import application_start
from proeftuin.funding.services_applications_submit import application_submit
from tests.funding.apply_support import build_world, complete_application, pdf
from tests.search_support import indexed_case

pytestmark = pytest.mark.django_db
BASE = "/subsidies"


@pytest.fixture
def w(db):
    return build_world()


def url(application, part=""):
    return f"{BASE}/aanvragen/{application.uuid}/{part}"


def form_data(app, **extra):
    data = {
        "version": app.version,
        "title": app.title,
        "problem": "Wachten op een besluit duurt te lang.",
        "idea": "Een klantreis per wijk.",
        "public_summary": "",
        "amount_requested": "40000",
        "total_cost": "100000",
        "duration_months": "12",
        "category": "",
        "q_motivation": "Nu.",
        "q_people": "",
        "q_own_money": "",
        "q_scale": "",
        "q_knowledge": "",
        "q_crew": "",
    }
    return data | extra


def test_round_page_has_the_apply_button_and_starting_works(client, w):
    client.force_login(w.applicant)
    html = client.get(f"{BASE}/rondes/{w.round.slug}/").content.decode()
    assert f"/rondes/{w.round.slug}/aanvraag/nieuw/" in html
    response = client.post(
        f"{BASE}/rondes/{w.round.slug}/aanvraag/nieuw/",
        {"owner": w.lead.pk, "title": "Wijkloket", "initiative": ""},
    )
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == url(app, "bewerken/")
    refused = client.post(
        f"{BASE}/rondes/{w.round.slug}/aanvraag/nieuw/",
        {"owner": w.rival_org.pk, "title": "Niet van mij"},
    )
    assert refused.status_code == 400 and Application.objects.count() == 1


def test_the_form_saves_and_shows_answer_errors_on_their_field(client, w):
    app = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Wijkloket")
    client.force_login(w.applicant)
    page = client.get(url(app, "bewerken/")).content.decode()
    assert "Controleer" in page or "check_prior" in page
    assert 'name="check_prior"' in page and 'id="regels"' in page
    bad = client.post(url(app, "bewerken/"), form_data(app, q_people="veel"))
    assert bad.status_code == 400
    assert re.search(r'id="id_q_people-error"', bad.content.decode())
    good = client.post(url(app, "bewerken/"), form_data(app))
    assert good.status_code == 302
    app.refresh_from_db()
    assert app.answers == {"motivation": "Nu."} and app.version == 2
    stale = client.post(url(app, "bewerken/"), form_data(app, version=1, problem="Oud"))
    assert stale.status_code == 409
    app.refresh_from_db()
    assert app.problem == "Wachten op een besluit duurt te lang."


def test_prior_check_without_javascript_keeps_what_was_typed(client, w):
    indexed_case(
        title="Waterstofbus voor ouderen",
        summary="Een buurtbus op waterstof voor ouderen op het platteland.",
    )
    app = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Bus")
    client.force_login(w.applicant)
    typed = form_data(
        app, title="Waterstofbus", problem="Ouderen op het platteland", check_prior="1"
    )
    response = client.post(url(app, "bewerken/"), typed)
    html = response.content.decode()
    assert response.status_code == 200 and "Waterstofbus voor ouderen" in html
    assert 'value="Waterstofbus"' in html
    app.refresh_from_db()
    assert app.title == "Bus" and app.version == 1  # nothing saved


def test_parts_and_submit_through_the_pages(client, w):
    app = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Wijkloket")
    client.force_login(w.applicant)
    assert client.post(url(app, "bewerken/"), form_data(app)).status_code == 302
    app.refresh_from_db()
    lead = client.post(url(app, "partners/"), {"organisation": w.lead.pk, "version": app.version})
    assert lead.status_code == 400 and not app.partners.exists()
    assert client.post(url(app, "partners/"), {"organisation": w.partner.pk}).status_code == 302
    big = client.post(url(app, "bijlagen/"), {"question": "plan", "file": pdf(size=11 << 20)})
    assert big.status_code == 400 and not app.attachments.exists()
    assert (
        client.post(url(app, "bijlagen/"), {"question": "plan", "file": pdf()}).status_code == 302
    )
    app.refresh_from_db()
    attachment = app.attachments.get()
    download = client.get(url(app, f"bijlagen/{attachment.uuid}/"))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    done = client.post(url(app, "indienen/"), {"version": app.version})
    assert done.status_code == 302
    app.refresh_from_db()
    assert app.stage.key == "submitted"


def test_a_refused_submit_lists_each_failed_rule(client, w):
    app = complete_application(w, amount_requested="150000", total_cost="160000")
    client.force_login(w.applicant)
    response = client.post(url(app, "indienen/"), {"version": app.version})
    html = response.content.decode()
    assert response.status_code == 400 and 'id="submit-errors"' in html
    assert html.count("<li>", html.index('id="submit-errors"')) >= 2
    assert Application.objects.get().stage.key == "draft"


def test_who_sees_which_page(client, w):
    draft = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Geheim")
    for other in (w.rival, w.colleague, w.manager, w.screener):
        client.force_login(other)
        assert client.get(url(draft)).status_code == 404
        assert client.get(url(draft, "bewerken/")).status_code == 404
    client.logout()
    assert client.get(url(draft)).status_code == 404


def test_screeners_see_rules_and_prior_cases_and_screen(client, w):
    app = application_submit(actor=w.applicant, application=complete_application(w))
    client.force_login(w.applicant)
    mine = client.get(url(app)).content.decode()
    assert 'id="regels"' not in mine
    client.force_login(w.screener)
    page = client.get(url(app)).content.decode()
    assert 'id="regels"' in page and 'id="eerder-h"' in page
    listing = client.get(f"{BASE}/screening/").content.decode()
    assert app.title in listing
    screen = url(app, "screening/")
    assert client.post(screen, {"version": app.version, "action": "start"}).status_code == 302
    app.refresh_from_db()
    missing = client.post(screen, {"version": app.version, "action": "more_info", "text": ""})
    assert missing.status_code == 400
    asked = client.post(
        screen, {"version": app.version, "action": "more_info", "text": "Welke wijk?"}
    )
    assert asked.status_code == 302
    app.refresh_from_db()
    assert app.stage.key == "more_info" and app.info_request == "Welke wijk?"
    client.force_login(w.applicant)
    assert "Welke wijk?" in client.get(url(app, "bewerken/")).content.decode()
    client.force_login(w.rival)
    assert client.get(screen).status_code == 404


def test_mijn_werk_sections(w):
    app = complete_application(w)
    keys = {s.key: s for s in work_for(w.applicant)}
    assert keys["funding-apply"].count == 1
    assert "funding-screen" not in {s.key for s in work_for(w.rival)}
    application_submit(actor=w.applicant, application=app)
    screener_sections = {s.key: s for s in work_for(w.screener)}
    assert screener_sections["funding-screen"].count == 1
    assert screener_sections["funding-screen"].items[0].title == app.title


def _queries(client, address: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("address", [f"{BASE}/mijn-aanvragen/", f"{BASE}/screening/"])
def test_lists_take_a_constant_number_of_queries(client, w, address):
    def add(n):
        for i in range(n):
            app = application_start(
                actor=w.applicant, round=w.round, owner=w.lead, title=f"Aanvraag {i}"
            )
            app.submitted_at = app.created_at
            app.save(update_fields=["submitted_at"])

    viewer = w.applicant if "mijn" in address else w.screener
    client.force_login(viewer)
    add(1)
    one = _queries(client, address)
    add(5)
    assert _queries(client, address) == one


def test_the_api_list_takes_a_constant_number_of_queries(client, w):
    client.force_login(w.applicant)
    application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Een")
    one = _queries(client, "/api/v1/funding/applications")
    for i in range(4):
        application_start(actor=w.applicant, round=w.round, owner=w.lead, title=f"Nog {i}")
    assert _queries(client, "/api/v1/funding/applications") == one


def test_a_file_is_read_only_by_who_may_read_the_application(client, w):
    app = complete_application(w)
    attachment = app.attachments.get()
    address = url(app, f"bijlagen/{attachment.uuid}/")
    for other in (w.rival, w.colleague, w.screener):
        client.force_login(other)
        assert client.get(address).status_code == 404
    client.force_login(w.rival)
    assert client.post(url(app, f"bijlagen/{attachment.uuid}/verwijderen/")).status_code == 404
    assert app.attachments.exists()


def test_pages_speak_dutch(client, w):
    app = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Wijkloket")
    client.force_login(w.applicant)
    headers = {"accept-language": "nl"}
    round_page = client.get(f"{BASE}/rondes/{w.round.slug}/", headers=headers)
    assert ">Aanvragen</a>" in round_page.content.decode()
    form = client.get(url(app, "bewerken/"), headers=headers).content.decode()
    for text in (
        "Controleer of dit al eerder is gedaan",
        "Controleer regels",
        "Probleem en idee",
        "Aanvraag indienen",
        "Niet voldaan",
    ):
        assert text in form, text


def test_withdraw_and_screen_eligible_through_the_pages(client, w):
    app = application_submit(actor=w.applicant, application=complete_application(w))
    client.force_login(w.screener)
    screen = url(app, "screening/")
    client.post(screen, {"version": app.version, "action": "start"})
    app.refresh_from_db()
    done = client.post(screen, {"version": app.version, "action": "eligible", "text": "In orde"})
    assert done.status_code == 302
    app.refresh_from_db()
    assert app.stage.key == "in_review" and app.screening_note == "In orde"
    client.force_login(w.applicant)
    assert "In orde" in client.get(url(app)).content.decode()
    empty = client.post(url(app, "intrekken/"), {"version": app.version, "reason": ""})
    assert empty.status_code == 400
    gone = client.post(url(app, "intrekken/"), {"version": app.version, "reason": "Gestopt"})
    assert gone.status_code == 302
    app.refresh_from_db()
    assert app.stage.key == "withdrawn"
