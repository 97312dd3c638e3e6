"""The applications API: create, change the draft (409 on an old version), submit
(problem+json in Dutch with each failed rule), withdraw, and reads by visibility."""

import pytest
from django.utils import translation

from proeftuin.funding.models import Application
from proeftuin.funding.services_applications_parts import attachment_add, partner_add
from tests.funding.apply_support import build_world, pdf

pytestmark = pytest.mark.django_db
JSON = "application/json"
API = "/api/v1/funding/applications"


@pytest.fixture
def w(db):
    return build_world()


def create(client, w, **extra):
    data = {"round": w.round.slug, "leadOrganisation": w.lead.slug, "title": "Wijkloket"}
    return client.post(API, data | extra, content_type=JSON)


def test_create_change_submit_and_read(client, w):
    client.force_login(w.applicant)
    created = create(client, w)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["stage"] == "draft" and body["version"] == 1 and created["ETag"] == '"1"'
    detail = f"{API}/{body['uuid']}"
    change = {
        "version": 1,
        "problem": "Wachten duurt te lang.",
        "idea": "Een klantreis per wijk.",
        "amountRequested": "40000",
        "totalCost": "100000",
        "durationMonths": 12,
        "answers": [
            {"question": "motivation", "value": "Nu."},
            {"question": "own_money", "value": 500},
        ],
    }
    changed = client.patch(detail, change, content_type=JSON)
    assert changed.status_code == 200, changed.content
    answers = {a["question"]: a["value"] for a in changed.json()["answers"]}
    assert answers == {"motivation": "Nu.", "own_money": "500.00"}
    again = client.patch(detail, change, content_type=JSON)
    assert again.status_code == 409
    assert again["Content-Type"].startswith("application/problem+json")
    app = Application.objects.get()
    partner_add(actor=w.applicant, application=app, organisation=w.partner)
    app.refresh_from_db()
    attachment_add(actor=w.applicant, application=app, question_key="plan", upload=pdf())
    app.refresh_from_db()
    submitted = client.post(f"{detail}/submit", {"version": app.version}, content_type=JSON)
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["stage"] == "submitted" and submitted.json()["failedRules"] == []
    client.force_login(w.screener)
    seen = client.get(detail).json()
    assert seen["failedRules"] == [] and "priorCases" in seen
    assert client.get(API).json()["count"] == 1


def test_submit_problems_come_as_dutch_problem_json(client, w):
    client.force_login(w.applicant)
    body = create(client, w).json()
    detail = f"{API}/{body['uuid']}"
    client.patch(
        detail,
        {"version": 1, "amountRequested": "150000", "totalCost": "160000"},
        content_type=JSON,
    )
    with translation.override("nl"):
        refused = client.post(
            f"{detail}/submit", {"version": 2}, content_type=JSON, headers={"accept-language": "nl"}
        )
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/problem+json")
    params = refused.json()["invalidParams"]
    rules = [p for p in params if p["name"].startswith("rules")]
    assert len(rules) == 3  # above the maximum, too little co-financing, one government body
    assert Application.objects.get().stage.key == "draft"


def test_wrong_answer_kinds_are_refused(client, w):
    client.force_login(w.applicant)
    body = create(client, w).json()
    refused = client.patch(
        f"{API}/{body['uuid']}",
        {
            "version": 1,
            "answers": [
                {"question": "scale", "value": "land"},
                {"question": "people", "value": ["1"]},
            ],
        },
        content_type=JSON,
    )
    assert refused.status_code == 400
    names = {p["name"] for p in refused.json()["invalidParams"]}
    assert len(names) == 2


def test_the_version_is_required(client, w):
    client.force_login(w.applicant)
    body = create(client, w).json()
    refused = client.patch(f"{API}/{body['uuid']}", {"problem": "x"}, content_type=JSON)
    assert refused.status_code == 428


def test_others_never_read_a_draft(client, w):
    client.force_login(w.applicant)
    body = create(client, w).json()
    for other in (w.rival, w.colleague, w.manager, w.screener):
        client.force_login(other)
        assert client.get(f"{API}/{body['uuid']}").status_code == 404
        assert client.get(API).json()["count"] == 0
        changed = client.patch(
            f"{API}/{body['uuid']}", {"version": 1, "title": "x"}, content_type=JSON
        )
        assert changed.status_code == 404
    client.logout()
    assert client.get(API).status_code in (401, 403)


def test_withdraw(client, w):
    client.force_login(w.applicant)
    body = create(client, w).json()
    detail = f"{API}/{body['uuid']}"
    refused = client.post(f"{detail}/withdraw", {"version": 1, "reason": ""}, content_type=JSON)
    assert refused.status_code == 400
    done = client.post(f"{detail}/withdraw", {"version": 1, "reason": "Later"}, content_type=JSON)
    assert done.status_code == 200 and done.json()["stage"] == "withdrawn"


def test_after_the_deadline_no_application_starts(client, w):
    import datetime

    from django.utils import timezone

    w.round.closes_at = timezone.now() - datetime.timedelta(hours=1)
    w.round.save()
    client.force_login(w.applicant)
    refused = create(client, w)
    assert refused.status_code == 400 and not Application.objects.exists()


def test_the_prior_check_is_kept_on_the_application(client, w):
    from tests.search_support import indexed_case

    case = indexed_case(
        title="Waterstofbus voor ouderen",
        summary="Een buurtbus op waterstof voor ouderen op het platteland.",
    )
    client.force_login(w.applicant)
    body = create(client, w, title="Waterstofbus").json()
    detail = f"{API}/{body['uuid']}"
    client.patch(
        detail,
        {"version": 1, "problem": "Ouderen op het platteland", "idea": "Een waterstofbus."},
        content_type=JSON,
    )
    checked = client.post(f"{detail}/prior-check", content_type=JSON)
    assert checked.status_code == 200, checked.content
    found = checked.json()["priorCases"]
    assert [c["title"] for c in found] == [case.title] and checked.json()["priorCheckedAt"]
    client.force_login(w.rival)
    assert client.post(f"{detail}/prior-check", content_type=JSON).status_code == 404


def test_reviewers_read_the_application_but_not_the_rules_check(client, w):
    from proeftuin.funding.models import ReviewAssignment
    from proeftuin.funding.services_applications_submit import application_submit
    from tests.factories import UserFactory
    from tests.funding.apply_support import complete_application

    app = application_submit(actor=w.applicant, application=complete_application(w))
    reviewer = UserFactory()
    ReviewAssignment.objects.create(application=app, reviewer=reviewer)
    client.force_login(reviewer)
    body = client.get(f"{API}/{app.uuid}").json()
    assert body["title"] == app.title and body["failedRules"] is None
