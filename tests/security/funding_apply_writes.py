"""Changes of the applying and screening part: only the applicants (while members of the
lead or a partner) change, submit and withdraw their application and its partners,
co-applicants and files; only the fund's screeners and managers screen; starting an
application needs a role in an organisation. Every other actor is refused with nothing
changed (``funding_probes.Change``)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from proeftuin.funding.models import Application
from tests.security.funding_probes import Change
from tests.security.funding_world import A_WRITERS, FundingWorld

JSON = "application/json"
WRITERS = frozenset(A_WRITERS)
SCREENERS = frozenset({"fund_manager", "screener", "platform_admin"})
# who may start an application led by A: whoever holds a role in A (``can_apply``: any
# member; not a platform administrator without a role in A, nobody of B)
STARTERS = frozenset({"a_viewer", "a_contributor", "a_editor", "a_admin", *A_WRITERS})


def _app(fw: FundingWorld, key: str) -> Application:
    return Application.objects.get(pk=fw.apps[key].pk)


def _page(fw, key: str, suffix: str = "") -> str:
    return f"/subsidies/aanvragen/{fw.apps[key].uuid}/{suffix}"


def _api(fw, key: str, suffix: str = "") -> str:
    return f"/api/v1/funding/applications/{fw.apps[key].uuid}{suffix}"


def _draft(fw):
    app = _app(fw, "adraft")
    return (
        app.title,
        app.version,
        app.stage.key,
        app.prior_checked_at,
        sorted(app.partners.values_list("organisation_id", flat=True)),
        sorted(app.team.values_list("pk", flat=True)),
        sorted(app.attachments.values_list("pk", flat=True)),
        sorted(app.kpis.values_list("measure", flat=True)),
    )


def _stage(key: str):
    return lambda fw: (_app(fw, key).stage.key, _app(fw, key).version)


def _count(fw):
    return Application.objects.count()


def _edit(fw, c):
    data = {"version": _app(fw, "adraft").version, "title": "Overgenomen aanvraag"}
    return c.post(_page(fw, "adraft", "bewerken/"), data)


def _upload(fw, c):
    upload = SimpleUploadedFile("ander-plan.pdf", b"%PDF-1.4 ander", "application/pdf")
    return c.post(_page(fw, "adraft", "bijlagen/"), {"question": "plan", "file": upload})


def _partner_remove(fw, c):
    return c.post(_page(fw, "adraft", f"partners/{fw.world.b.uuid}/verwijderen/"))


def _kpi_remove(fw, c):
    kpi = _app(fw, "adraft").kpis.get(measure="Doorlooptijd")
    return c.post(_page(fw, "adraft", f"kpis/{kpi.uuid}/verwijderen/"))


def _team_remove(fw, c):
    user = fw.users["co_applicant"]
    return c.post(_page(fw, "adraft", f"aanvragers/{user.uuid}/verwijderen/"))


def _start(fw, c):
    url = f"/subsidies/rondes/{fw.round.slug}/aanvraag/nieuw/"
    return c.post(url, {"owner": fw.world.a.pk, "title": "Nieuwe aanvraag"})


def _api_start(fw, c):
    data = {"round": fw.round.slug, "leadOrganisation": fw.world.a.slug, "title": "Nieuw"}
    return c.post("/api/v1/funding/applications", data, content_type=JSON)


def writer(name, routes, attempt, state=_draft, allowed=WRITERS):
    return Change(name, routes, attempt, state, allowed, doer="applicant")


APPLY_WRITES = [
    Change(
        "start an application",
        ("funding:apply_start",),
        _start,
        _count,
        STARTERS,
        doer="a_contributor",
    ),
    Change(
        "api: start an application",
        ("api:funding-application-list",),
        _api_start,
        _count,
        STARTERS,
        doer="a_contributor",
    ),
    writer("change the draft", ("funding:apply_edit",), _edit),
    writer(
        "api: change the draft",
        ("api:funding-application-detail",),
        lambda fw, c: c.patch(
            _api(fw, "adraft"),
            {"version": _app(fw, "adraft").version, "title": "Overgenomen"},
            content_type=JSON,
        ),
    ),
    writer(
        "submit the draft",
        ("funding:apply_submit",),
        lambda fw, c: c.post(
            _page(fw, "adraft", "indienen/"), {"version": _app(fw, "adraft").version}
        ),
    ),
    writer(
        "api: submit the draft",
        ("api:funding-application-submit",),
        lambda fw, c: c.post(
            _api(fw, "adraft", "/submit"),
            {"version": _app(fw, "adraft").version},
            content_type=JSON,
        ),
    ),
    writer(
        "api: check for prior cases",
        ("api:funding-application-prior-check",),
        lambda fw, c: c.post(_api(fw, "adraft", "/prior-check"), content_type=JSON),
    ),
    writer(
        "withdraw",
        ("funding:apply_withdraw",),
        lambda fw, c: c.post(
            _page(fw, "asubmitted", "intrekken/"),
            {"version": _app(fw, "asubmitted").version, "reason": "Weg ermee."},
        ),
        state=_stage("asubmitted"),
    ),
    writer(
        "api: withdraw",
        ("api:funding-application-withdraw",),
        lambda fw, c: c.post(
            _api(fw, "asubmitted", "/withdraw"),
            {"version": _app(fw, "asubmitted").version, "reason": "Weg ermee."},
            content_type=JSON,
        ),
        state=_stage("asubmitted"),
    ),
    writer(
        "add a partner",
        ("funding:apply_partner_add",),
        lambda fw, c: c.post(_page(fw, "adraft", "partners/"), {"organisation": fw.gamma.pk}),
    ),
    writer("remove a partner", ("funding:apply_partner_remove",), _partner_remove),
    writer(
        "add a co-applicant",
        ("funding:apply_team_add",),
        lambda fw, c: c.post(
            _page(fw, "adraft", "aanvragers/"), {"person": fw.users["a_editor"].username}
        ),
    ),
    writer("remove a co-applicant", ("funding:apply_team_remove",), _team_remove),
    writer(
        "add a KPI",
        ("funding:apply_kpi_add",),
        lambda fw, c: c.post(
            _page(fw, "adraft", "kpis/"),
            {"measure": "Tevredenheid", "unit": "score", "direction": "higher", "target": "8"},
        ),
    ),
    writer("remove a KPI", ("funding:apply_kpi_remove",), _kpi_remove),
    writer("add a file", ("funding:apply_attachment_add",), _upload),
    writer(
        "remove a file",
        ("funding:apply_attachment_remove",),
        lambda fw, c: c.post(_page(fw, "adraft", f"bijlagen/{fw.attachment.uuid}/verwijderen/")),
    ),
    Change(
        "screen",
        ("funding:apply_screen",),
        lambda fw, c: c.post(
            _page(fw, "asubmitted", "screening/"),
            {"version": _app(fw, "asubmitted").version, "action": "start"},
        ),
        _stage("asubmitted"),
        SCREENERS,
        doer="screener",
    ),
]
