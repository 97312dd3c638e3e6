"""The review queue as a civil servant uses it: Dutch words, one case and a page at a time,
decisions in place (htmx) or by plain forms, corrections through fields, undo, and
"accept all above" that says how many before it does anything."""

import re

import pytest
from django.utils import translation

from proeftuin.accounts.models import Role
from proeftuin.cases.models import Case
from proeftuin.core.service import audit_history
from proeftuin.ingestion.models import Suggestion
from proeftuin.ingestion.services import source_upload, suggestion_decide
from tests.factories import OrganisationFactory
from tests.ingestion.test_review import STORY

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def home():
    return OrganisationFactory(name="Gemeente Lezer")


@pytest.fixture
def editor(make_member, home):
    return make_member(home, Role.EDITOR)


@pytest.fixture
def source(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        found, _job, _created = source_upload(actor=editor, filename="p.txt", data=STORY)
    return found


@pytest.fixture
def web(client, editor):
    client.force_login(editor)
    return client


def page_url(source, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/documenten/{source.uuid}/" + (f"?{query}" if query else "")


def add(source, field, value, *, segment=0, title="Tweede casus", confidence=0.5, count=1):
    template = source.suggestions.first()
    return Suggestion.objects.bulk_create(
        Suggestion(
            source=source,
            job=template.job,
            segment=segment,
            segment_title=title if segment else template.segment_title,
            field=field,
            value=value if count == 1 else {**value, "measure": f"{value['measure']} {n}"},
            start=0,
            end=10,
            quote=source.text[:10],
            page=1,
            step="outcomes",
            step_version="1",
            confidence=confidence,
        )
        for n in range(count)
    )


OUTCOME = {
    "measure": "afhandeltijd meldingen",
    "value": 4,
    "unit": "days",
    "direction": "decrease",
    "kind": "time",
    "period": "",
    "baseline": "van 9",
}


def prefixed(row, **data):
    return {f"s{row.uuid.hex}-{k}": v for k, v in data.items()}


def test_the_page_speaks_dutch_not_database(web, source):
    add(source, "outcomes", OUTCOME)
    html = web.get(page_url(source)).content.decode()
    for readable in (
        "Organisatie",
        "Aantal medewerkers",
        "640 medewerkers",
        "Succesfactor: Begin bij het probleem",
        "afhandeltijd meldingen: van 9 naar 4 dagen (daling)",
        "Thema: Openheid",
    ):
        assert readable in html, readable
    # the confidence is the calibrated one, shown with a decimal comma
    assert re.search(r"betrouwbaarheid [01],\d\d · gevonden via: profiel van de organisatie", html)
    for raw in (
        "organisation.name",
        "unit:",
        "direction:",
        "exact:",
        "&quot;exact&quot;",
        "kind: success_factor",
        "text: ",
        "stap: ",
        "edited_value",
    ):
        assert raw not in html, raw


def test_grouped_per_case_and_field_and_paged(web, source):
    add(source, "outcomes", OUTCOME, count=40)
    add(source, "organisation.name", "Gemeente Tweede", segment=1)
    html = web.get(page_url(source)).content.decode()
    assert html.count("<article") == 25
    headings = re.findall(r'<h3 class="utrecht-heading-3" id="group-\d+">([^<]+)</h3>', html)
    assert headings[0] == "Organisatie" and headings[-1] == "Resultaten"
    assert "Gemeente Tweede" not in html.split('id="seg-title"')[1]  # one case at a time
    assert "Pagina 1 van 3" in html and "pagina=2" in html
    last = web.get(page_url(source, casus=0, toon="alle", pagina=3)).content.decode()
    total = source.suggestions.filter(segment=0).count()
    assert last.count("<article") == total - 50
    other = web.get(page_url(source, casus=1)).content.decode()
    assert other.count("<article") == 1 and "Gemeente Tweede" in other
    assert 'aria-current="page">Tweede casus' in other
    assert "1 van 1 te beoordelen" in other


def test_filter_shows_what_is_still_to_review(web, source, editor):
    row = source.suggestions.get(field="organisation.name")
    suggestion_decide(actor=editor, suggestion=row, decision="rejected")
    html = web.get(page_url(source, casus=0, toon="open")).content.decode()
    assert f"s-{row.uuid}" not in html
    html = web.get(page_url(source, casus=0, toon="besloten")).content.decode()
    assert html.count("<article") == 1 and f"s-{row.uuid}" in html


def test_a_decision_in_place_swaps_only_its_own_block(web, source):
    row = source.suggestions.get(field="organisation.name")
    total = source.suggestions.count()
    response = web.post(
        f"/documenten/suggesties/{row.uuid}/", {"decision": "accepted", "pagina": "1"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.count("<article") == 1 and f'id="s-{row.uuid}"' in html
    assert 'id="review-status" hx-swap-oob="innerHTML">Overgenomen: Organisatie.' in html
    assert f"{total - 1} van {total} te beoordelen" in html
    assert "Beslissing ongedaan maken" in html and 'data-key="u"' in html
    row.refresh_from_db()
    assert row.status == Suggestion.Status.ACCEPTED


def test_without_javascript_a_decision_returns_to_the_same_place(web, source):
    row = source.suggestions.get(field="organisation.name")
    response = web.post(
        f"/documenten/suggesties/{row.uuid}/",
        {"decision": "rejected", "toon": "open", "pagina": "2"},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"/documenten/{source.uuid}/?casus=0&toon=open&pagina=2#s-{row.uuid}"
    )
    follow = web.get(response["Location"]).content.decode()
    assert "Afgewezen: Organisatie." in follow


def test_correcting_an_outcome_with_a_dutch_decimal(web, source):
    [row] = add(source, "outcomes", OUTCOME)
    data = prefixed(
        row,
        measure="afhandeltijd meldingen",
        value="0,5",
        unit="days",
        direction="decrease",
        kind="time",
        baseline="van 9",
    )
    response = web.post(f"/documenten/suggesties/{row.uuid}/", {"decision": "edited", **data})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Suggestion.Status.EDITED and row.final_value["value"] == 0.5
    html = web.get(page_url(source)).content.decode()
    assert "afhandeltijd meldingen: van 9 naar 0,5 dagen (daling)" in html
    assert "Voorgesteld was: afhandeltijd meldingen: van 9 naar 4 dagen (daling)" in html
    assert f'name="s{row.uuid.hex}-value" value="0,5"' in html  # shown as it is typed


def test_a_bad_correction_without_javascript_shows_errors_next_to_the_field(web, source):
    staff = source.suggestions.get(field="organisation.staff")
    url = f"/documenten/suggesties/{staff.uuid}/"
    response = web.post(url, {"decision": "edited", **prefixed(staff, exact="veel")})
    html = response.content.decode()
    assert response.status_code == 400 and "<html" in html
    field_id = f"id_s{staff.uuid.hex}-exact"
    assert f'<div class="utrecht-form-field-error-message" id="{field_id}-error">' in html
    assert "Vul een heel getal in, bijvoorbeeld 1.234." in html
    assert f'aria-describedby="{field_id}-error"' in html and 'aria-invalid="true"' in html
    assert '<details class="pt-review-edit" open>' in html
    # shown at the form's address: every link leads back to the queue, not to the form
    assert 'href="?' not in html and f'href="/documenten/{source.uuid}/?casus=0' in html
    staff.refresh_from_db()
    assert staff.status == Suggestion.Status.PENDING


def test_a_bad_correction_with_htmx_comes_back_inside_the_block(web, source):
    year = add(source, "year_start", 2019)[0]
    response = web.post(
        f"/documenten/suggesties/{year.uuid}/",
        {"decision": "edited", **prefixed(year, value="1850")},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Vul een jaar in tussen 1900 en 2100." in html and 'aria-invalid="true"' in html
    assert "De correctie is niet opgeslagen" in html  # said in the live region
    year.refresh_from_db()
    assert year.status == Suggestion.Status.PENDING


def test_json_is_not_accepted_as_a_correction(web, source):
    staff = source.suggestions.get(field="organisation.staff")
    web.post(f"/documenten/suggesties/{staff.uuid}/", {"decision": "edited", "edited_value": "{}"})
    staff.refresh_from_db()
    assert staff.status == Suggestion.Status.PENDING


def test_a_decision_route_opened_by_get_leads_back_to_the_queue(web, source):
    """After signing in again, ``next`` points at the POST-only route: no 405, nothing decided."""
    row = source.suggestions.get(field="organisation.staff")
    for url in (
        f"/documenten/suggesties/{row.uuid}/",
        f"/documenten/suggesties/{row.uuid}/ongedaan/",
    ):
        response = web.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"/documenten/{source.uuid}/?")
        assert response["Location"].endswith(f"#s-{row.uuid}")
    row.refresh_from_db()
    assert row.status == Suggestion.Status.PENDING


def test_every_decision_can_be_undone(web, source, editor):
    row = source.suggestions.get(field="organisation.staff")
    url = f"/documenten/suggesties/{row.uuid}/"
    web.post(url, {"decision": "edited", **prefixed(row, exact="650")})
    response = web.post(f"{url}ongedaan/", {"pagina": "1"}, **HTMX)
    html = response.content.decode()
    assert "Beslissing ongedaan gemaakt: Aantal medewerkers." in html
    assert 'value="accepted"' in html  # the accept button is back
    row.refresh_from_db()
    assert row.status == Suggestion.Status.PENDING and row.edited_value is None
    assert row.decided_by is None and row.decided_at is None
    entry = audit_history(row).first()
    assert entry.changes["rule"] == [None, "undo"]
    assert entry.changes["status"] == ["edited", "pending"]
    again = web.post(f"{url}ongedaan/", {"pagina": "1"}, **HTMX).content.decode()
    assert "niets ongedaan te maken" in again


def test_undo_until_the_case_is_published(web, source, editor):
    web.post(f"/documenten/{source.uuid}/casus/0/accepteren/", {"threshold": "0", "expected": ""})
    name = source.suggestions.get(field="organisation.name")
    response = web.post(f"/documenten/{source.uuid}/casus/0/")
    assert response.status_code == 302 and response["Location"].startswith("/casussen/")
    fresh = web.get(page_url(source)).content.decode()
    assert "Conceptcasus" in fresh and "Er zijn beslissingen veranderd" not in fresh
    web.post(f"/documenten/suggesties/{name.uuid}/ongedaan/")
    name.refresh_from_db()
    assert name.status == Suggestion.Status.PENDING  # the draft is not published yet
    html = web.get(page_url(source)).content.decode()
    assert "Er zijn beslissingen veranderd nadat het concept is gemaakt" in html
    Case.objects.update(status="published")
    staff = source.suggestions.get(field="organisation.staff")
    response = web.post(f"/documenten/suggesties/{staff.uuid}/ongedaan/")
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.status == Suggestion.Status.ACCEPTED
    html = web.get(response["Location"]).content.decode()
    assert "is gepubliceerd; de beslissingen liggen vast" in html
    assert "Vastgelegd: de casus die hiervan is gemaakt, is gepubliceerd." in html


def test_a_stored_bad_value_never_makes_the_document_unusable(web, source):
    """Values stored before they were checked (or changed in the database): shown, marked,
    left out of the case, and they can be undone."""
    bad = {
        "organisation.staff": {"exact": "veel"},
        "year_start": "twintig",
        "outcomes": {"measure": "x", "value": "0,5", "unit": "dagen"},
    }
    rows = []
    for field, value in bad.items():
        row = source.suggestions.filter(field=field).first() or add(source, field, 2019)[0]
        Suggestion.objects.filter(pk=row.pk).update(status="edited", edited_value=value)
        rows.append(row)
    Suggestion.objects.filter(source=source, field="organisation.name").update(status="accepted")
    for field in ("organisation.government_layer", "organisation.organisation_type"):
        Suggestion.objects.filter(source=source, field=field).update(status="accepted")
    html = web.get(page_url(source)).content.decode()
    assert html.count("Zo niet bruikbaar") >= 3
    assert "besliste waarden zijn niet geldig en blijven buiten de casus" in html
    response = web.post(f"/documenten/{source.uuid}/casus/0/", follow=True)
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.year_start is None and not case.outcomes.exists()
    assert "weggelaten omdat ze niet geldig zijn" in response.content.decode()
    for row in rows:
        web.post(f"/documenten/suggesties/{row.uuid}/ongedaan/")
        row.refresh_from_db()
        assert row.status == Suggestion.Status.PENDING


def test_an_incomplete_value_is_corrected_not_accepted(web, source):
    person = add(source, "people", {"name": "Rika Pot"})[0]
    html = web.get(page_url(source)).content.decode()
    block = html.split(f'id="s-{person.uuid}"')[1].split("</article>")[0]
    assert "Vul de rol van de persoon in." in block and 'value="accepted"' not in block
    web.post(f"/documenten/suggesties/{person.uuid}/", {"decision": "accepted"})
    person.refresh_from_db()
    assert person.status == Suggestion.Status.PENDING
    web.post(
        f"/documenten/suggesties/{person.uuid}/",
        {"decision": "edited", **prefixed(person, name="Rika Pot", role="burgemeester")},
    )
    person.refresh_from_db()
    assert person.final_value == {"name": "Rika Pot", "role": "burgemeester"}


def test_accept_above_says_how_many_before_it_accepts(web, source):
    add(source, "people", {"name": "Rika Pot"}, confidence=0.95)  # incomplete: left out
    url = f"/documenten/{source.uuid}/casus/0/accepteren/"
    qualifying = source.suggestions.filter(confidence__gte=0.85, conflict=False).count() - 1
    preview = web.get(f"{url}?threshold=0,85")
    html = preview.content.decode()
    assert preview.status_code == 200 and "<html" in html
    assert f"Dit neemt {qualifying} suggesties over met een betrouwbaarheid van 0,85" in html
    assert "Nog 1 suggestie komt in aanmerking maar is niet volledig" in html
    assert f'name="expected" value="{qualifying}"' in html
    assert not source.suggestions.exclude(status="pending").exists()  # a look changes nothing
    partial = web.get(f"{url}?threshold=0,85", **HTMX).content.decode()
    assert "<html" not in partial and f"{qualifying} suggesties overnemen" in partial
    stale = web.post(url, {"threshold": "0,85", "expected": str(qualifying + 1)})
    assert stale.status_code == 400 and "De lijst is veranderd" in stale.content.decode()
    assert not source.suggestions.exclude(status="pending").exists()
    done = web.post(url, {"threshold": "0,85", "expected": str(qualifying), "toon": "open"})
    assert done.status_code == 302 and done["Location"].endswith("?casus=0&toon=open&pagina=1")
    assert source.suggestions.filter(status="accepted").count() == qualifying
    entry = audit_history(source.suggestions.filter(status="accepted").first()).first()
    assert entry.changes["rule"] == [None, "accept_above:0.85"]


@pytest.mark.parametrize("typed", ["1,5", "veel", "-0,1"])
def test_accept_above_refuses_a_bad_threshold_in_dutch(web, source, typed):
    url = f"/documenten/{source.uuid}/casus/0/accepteren/"
    response = web.post(url, {"threshold": typed})
    assert response.status_code == 400
    assert "0,8" in response.content.decode() or "0,5" in response.content.decode()
    assert not source.suggestions.exclude(status="pending").exists()


def test_viewers_see_the_queue_without_controls(client, make_member, home, source):
    client.force_login(make_member(home, Role.VIEWER))
    html = client.get(page_url(source)).content.decode()
    assert "Organisatie" in html and 'value="accepted"' not in html
    assert "ongedaan" not in html and "accepteren/" not in html
    row = source.suggestions.first()
    response = client.post(f"/documenten/suggesties/{row.uuid}/", {"decision": "accepted"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == Suggestion.Status.PENDING


def test_keys_for_long_queues(web, source):
    html = web.get(page_url(source)).content.decode()
    assert 'src="/static/proeftuin/review.js"' in html
    assert "Sneltoetsen (als u niet in een veld typt)" in html
    assert 'id="review-keys-on"' in html  # they can be switched off (WCAG 2.1.4)
    for key in ("a", "r", "e"):
        assert f'data-key="{key}"' in html
    assert 'role="status" aria-live="polite"' in html


def test_the_job_step_is_dutch(web, source):
    job = source.jobs.first()
    job.status, job.step = job.Status.RUNNING, "store"
    job.save()
    html = web.get(page_url(source), **HTMX).content.decode()
    assert "opslaan" in html or "stap" not in html
    assert "store" not in html
