"""The hostile-user probes of the portfolio's forms (``/initiatieven/``); its list and
pages are checked through the ``INITIATIVES`` module (``modules.py``). The forms open only
to who may edit an initiative, and every write by anyone else is refused with nothing
changed and nothing revealed."""

from __future__ import annotations

import io
import zipfile

from proeftuin.core.jobs import run_task
from proeftuin.core.service import Stage, Transition, Workflow
from proeftuin.organisations.models import Programme
from proeftuin.portfolio.dashboard_exports import dashboard_export_request
from proeftuin.portfolio.models import (
    DashboardExport,
    Initiative,
    Kpi,
    LearningQuestion,
    Measurement,
)
from proeftuin.portfolio.service import initiative_to_case
from tests.security.modules import INITIATIVES, dashboard_count
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import EDIT_NEEDS, World
from tests.security.writes import Write

# who may start an initiative: contributors of any organisation
STARTERS = {"a_contributor", "a_editor", "a_admin", "b_contributor", "b_editor", "b_admin"}
STARTERS |= {"platform_admin"}


def _initiatives(world: World) -> dict:
    return world.records[INITIATIVES.name]


def _private_parts(world) -> tuple:
    private = _initiatives(world)["private"]
    kpi = Kpi.objects.get(initiative=private)
    return private, kpi, kpi.measurements.get(), private.learning_questions.get()


def _form_urls(world) -> list[tuple[str, str]]:
    """(initiative key, address) of every form that changes an initiative."""
    urls = []
    for key, initiative in _initiatives(world).items():
        base = f"/initiatieven/{initiative.slug}/"
        urls += [(key, f"{base}bewerken/"), (key, f"{base}kpis/nieuw/"), (key, f"{base}fase/")]
        urls.append((key, f"{base}casus/"))
    private, kpi, measurement, question = _private_parts(world)
    base = f"/initiatieven/{private.slug}/"
    urls += [
        ("private", f"{base}team/nieuw/"),
        ("private", f"{base}leervragen/{question.uuid}/"),
        ("private", f"{base}kpis/{kpi.uuid}/metingen/nieuw/"),
        ("private", f"{base}kpis/{kpi.uuid}/metingen/{measurement.uuid}/"),
    ]
    return urls


def _form_pages(world, client, actor):
    """Forms of A's initiatives: for who may edit them (editors of A here: the revoked
    owner and the deactivated team member no longer may), refused to everyone else."""
    problems = []
    for key, url in _form_urls(world):
        response, body = fetch(client, url)
        body = body.replace(url, "")
        if world.level(actor) >= EDIT_NEEDS:
            if response.status_code != 200 or INITIATIVES.marker(key) not in body:
                problems.append(f"{url}: {response.status_code} for an editor")
        elif response.status_code not in REFUSED:
            problems.append(f"{url}: status {response.status_code} for a non-editor")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


def _create_form(world, client, actor):
    """The new-initiative form: for contributors of any organisation; its inspiration
    lists name only what the actor may see."""
    response, body = fetch(client, "/initiatieven/nieuw/")
    contributor = actor in STARTERS
    problems = world.leaks(actor, body)
    if contributor and response.status_code != 200:
        problems.append(f"status {response.status_code} for a contributor")
    if not contributor and response.status_code not in (*REFUSED, 403):
        problems.append(f"status {response.status_code}")
    return [f"/initiatieven/nieuw/: {p}" for p in problems]


def _programme_pages(world, client, actor):
    """A public programme over A and B counts the initiatives of A the actor may see; an
    organisation-only programme over A is refused to everyone outside A."""
    public, _ = Programme.objects.get_or_create(slug="pt-open", defaults={"name": "Open"})
    public.members.set([world.a, world.b])
    closed, _ = Programme.objects.get_or_create(
        slug="pt-dicht", defaults={"name": "Dicht", "visibility": "organisation"}
    )
    closed.members.set([world.a])
    seen = sum(world.sees(actor, INITIATIVES, level.key) for level in INITIATIVES.levels)
    problems = []
    response, body = fetch(client, "/initiatieven/overzicht/programma/pt-open/")
    if response.status_code != 200 or dashboard_count(body) != seen:
        problems.append(f"open programme: {response.status_code}, not {seen} initiatives")
    problems += world.leaks(actor, body)
    response, body = fetch(client, "/initiatieven/overzicht/programma/pt-dicht/")
    if world.level(actor) == 0 and response.status_code not in (*REFUSED, 404):
        problems.append(f"closed programme: status {response.status_code} outside A")
    if world.level(actor) > 0 and response.status_code != 200:
        problems.append(f"closed programme: status {response.status_code} in A")
    return problems + world.leaks(actor, body)


ORGANISATION_ADMIN = 40  # the role in A that manages its pipeline


def _pipeline_pages(world, client, actor):
    """A's pipeline page only for A's administrators and platform administrators; the
    overview lists A only for them."""
    problems = []
    admin = world.level(actor) >= ORGANISATION_ADMIN
    url = f"/initiatieven/werkwijze/{world.a.slug}/"
    response, body = fetch(client, url)
    if admin != (response.status_code == 200) or response.status_code not in {200, *REFUSED}:
        problems.append(f"{url}: status {response.status_code}")
    problems += [f"{url}: {p}" for p in world.leaks(actor, body.replace(url, ""))]
    response, body = fetch(client, "/initiatieven/werkwijze/")
    if admin and (response.status_code != 200 or world.a.name not in body):
        problems.append(f"overview: {response.status_code} without A for an administrator")
    if not world.level(actor) and world.a.name in body:
        problems.append("overview names A")
    if response.status_code not in {200, 403, *REFUSED}:
        problems.append(f"overview: status {response.status_code}")
    return problems + world.leaks(actor, body)


def _export_total(export) -> int:
    data = bytes(DashboardExport.objects.get(pk=export.pk).data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        lines = archive.read("funnel.csv").decode().splitlines()[1:]
    return sum(int(line.split(",")[1]) for line in lines)


def _exports(world, client, actor):
    """Each signed-in actor exports A's overview: the file (made by the job) counts exactly
    the initiatives of A the actor may see; nobody else sees or downloads someone's export;
    anonymous and deactivated people are sent away with nothing stored."""
    problems, before = [], set(DashboardExport.objects.values_list("pk", flat=True))
    response = client.post(
        "/initiatieven/overzicht/export/", {"format": "csv", "organisatie": world.a.slug}
    )
    made = DashboardExport.objects.exclude(pk__in=before)
    if world.user(actor).is_authenticated and world.user(actor).is_active:
        export = made.get()
        run_task("portfolio.dashboard_export", export.pk)
        seen = sum(world.sees(actor, INITIATIVES, level.key) for level in INITIATIVES.levels)
        if response.status_code != 302 or _export_total(export) != seen:
            problems.append(f"export: {response.status_code}, not {seen} initiatives")
        response, body = fetch(client, f"/initiatieven/overzicht/export/{export.uuid}/")
        problems += [f"export page: {p}" for p in world.leaks(actor, body)]
    elif made.exists() or response.status_code not in (302, *REFUSED):
        problems.append(f"export by {actor}: {response.status_code}, stored: {made.exists()}")
    other = _someone_elses_export(world, actor)
    for url in (f"/initiatieven/overzicht/export/{other.uuid}/", f"{EXPORTS}{other.uuid}/bestand/"):
        response, _body = fetch(client, url)
        if response.status_code not in (302, 404):
            problems.append(f"{url}: status {response.status_code} for someone else's export")
    return problems


EXPORTS = "/initiatieven/overzicht/export/"


def _someone_elses_export(world, actor):
    """A finished export of A's overview by A's editor (or, for them, by A's admin)."""
    owner = world.users["a_admin" if actor == "a_editor" else "a_editor"]
    export = DashboardExport.objects.filter(requester=owner).first()
    if export is None:
        export = dashboard_export_request(
            actor=owner, scope=f"organisation:{world.a.slug}", fmt="csv"
        )
        run_task("portfolio.dashboard_export", export.pk)
    return export


PORTFOLIO_READS = [
    Probe("pipeline pages", ("portfolio:pipelines", "portfolio:pipeline"), _pipeline_pages),
    Probe(
        "initiative forms",
        (
            "portfolio:edit",
            "portfolio:stage",
            "portfolio:to_case",
            "portfolio:part_add",
            "portfolio:part_edit",
            "portfolio:measurement_add",
            "portfolio:measurement_edit",
        ),
        _form_pages,
    ),
    Probe("new-initiative form", ("portfolio:create",), _create_form),
    Probe("programme dashboards", ("portfolio:dashboard_programme",), _programme_pages),
    Probe(
        "dashboard exports",
        ("portfolio:export_create", "portfolio:export", "portfolio:export_download"),
        _exports,
    ),
]


def _draft(world) -> tuple:
    row = Initiative.objects.get(pk=_initiatives(world)["draft"].pk)
    return row.title, row.version, row.status


def _led_by_a(world) -> int:
    return Initiative.objects.filter(owner=world.a).count()


def _edit_form(world, **overrides) -> dict:
    draft = Initiative.objects.get(pk=_initiatives(world)["draft"].pk)
    data = {
        "title": "Overgenomen initiatief",
        "problem": "Overgenomen.",
        "owner": str(world.a.pk),
        "kind": "process",
        "status": "draft",
        "visibility": "public",
        "version": str(draft.version),
    }
    return {**data, **overrides}


def _private_url(world, suffix: str) -> str:
    return f"/initiatieven/{_initiatives(world)['private'].slug}/{suffix}"


def _kpis(world) -> int:
    return Kpi.objects.filter(initiative=_initiatives(world)["private"]).count()


def _team(world) -> list:
    return sorted(_initiatives(world)["draft"].team.values_list("user__username", "role"))


def _question(world):
    return LearningQuestion.objects.filter(initiative=_initiatives(world)["private"]).first()


def _question_state(world):
    question = _question(world)
    return question.text if question else None


def _measurements(world) -> list:
    return sorted(
        Measurement.objects.filter(kpi__initiative=_initiatives(world)["private"]).values_list(
            "date", "value"
        )
    )


def _stage(world) -> tuple:
    row = Initiative.objects.select_related("stage").get(pk=_initiatives(world)["draft"].pk)
    return row.stage.key, row.stage_version


def _move_draft(world, client):
    """Move A's draft from Idee to Verkenning (a plain move for its owner and A's editors)."""
    draft = Initiative.objects.get(pk=_initiatives(world)["draft"].pk)
    move = Transition.objects.get(
        workflow=draft.workflow, from_stage=draft.stage, to_stage__key="exploration"
    )
    prefix = f"move-{move.pk}-"
    return client.post(
        f"/initiatieven/{draft.slug}/fase/",
        {"transition": str(move.pk), f"{prefix}expected_version": str(draft.stage_version)},
    )


def _kpi(world):
    return Kpi.objects.get(initiative=_initiatives(world)["private"])


def _stopped_private(world) -> Initiative:
    """A's private initiative, put in the stage Gestopt (so it may become a case)."""
    private = _initiatives(world)["private"]
    stage = Stage.objects.get(workflow=private.workflow, key="stopped")
    Initiative.objects.filter(pk=private.pk).update(stage=stage)
    return Initiative.objects.select_related("stage").get(pk=private.pk)


def _private_case(world) -> int | None:
    return Initiative.objects.get(pk=_initiatives(world)["private"].pk).case_id


def _make_case(world, client):
    stopped = _stopped_private(world)
    return client.post(f"/initiatieven/{stopped.slug}/casus/", {"action": "create"})


def _pushed_case_title(world) -> str:
    """The title of the private initiative's case; the case is made (by A's editor,
    through the service) and the initiative renamed first, so a push would change it."""
    stopped = _stopped_private(world)
    if stopped.case_id is None:
        initiative_to_case(actor=world.users["a_editor"], initiative=stopped)
        Initiative.objects.filter(pk=stopped.pk).update(title="Hernoemd initiatief")
    return Initiative.objects.select_related("case").get(pk=stopped.pk).case.title


def _push_case(world, client):
    _pushed_case_title(world)
    url = f"/initiatieven/{_initiatives(world)['private'].slug}/casus/"
    return client.post(url, {"action": "push"})


PORTFOLIO_WRITES = [
    Write("make a case of an initiative", ("portfolio:to_case",), 30, _make_case, _private_case),
    Write(
        "update the case of an initiative",
        ("portfolio:to_case",),
        30,
        _push_case,
        _pushed_case_title,
    ),
    Write(
        "give A its own pipeline",
        ("portfolio:pipeline",),
        ORGANISATION_ADMIN,
        lambda w, c: c.post(f"/initiatieven/werkwijze/{w.a.slug}/", {"action": "copy"}),
        lambda w: Workflow.objects.filter(owner=w.a).exists(),
        allowed_actor="a_admin",
    ),
    Write("change the stage", ("portfolio:stage",), 30, _move_draft, _stage),
    Write(
        "initiative edit page",
        ("portfolio:edit",),
        30,
        lambda w, c: c.post(
            f"/initiatieven/{_initiatives(w)['draft'].slug}/bewerken/", _edit_form(w)
        ),
        _draft,
    ),
    Write(
        "initiative form: A as lead",
        ("portfolio:create",),
        20,
        lambda w, c: c.post("/initiatieven/nieuw/", {**_edit_form(w), "version": ""}),
        _led_by_a,
        allowed_actor="a_contributor",
    ),
    Write(
        "add a KPI",
        ("portfolio:part_add",),
        30,
        lambda w, c: c.post(
            _private_url(w, "kpis/nieuw/"),
            {"measure": "Overgenomen", "unit": "count", "direction": "higher"},
        ),
        _kpis,
    ),
    Write(
        "add a team member",
        ("portfolio:part_add",),
        30,
        lambda w, c: c.post(
            f"/initiatieven/{_initiatives(w)['draft'].slug}/team/nieuw/",
            {"user": str(w.users["a_viewer"].pk), "role": "sponsor"},
        ),
        _team,
    ),
    Write(
        "change a learning question",
        ("portfolio:part_edit",),
        30,
        lambda w, c: c.post(
            _private_url(w, f"leervragen/{_question(w).uuid}/"), {"text": "Overgenomen?"}
        ),
        _question_state,
    ),
    Write(
        "remove a learning question",
        ("portfolio:part_edit",),
        30,
        lambda w, c: c.post(_private_url(w, f"leervragen/{_question(w).uuid}/"), {"delete": "1"}),
        _question_state,
    ),
    Write(
        "add a measurement",
        ("portfolio:measurement_add",),
        30,
        lambda w, c: c.post(
            _private_url(w, f"kpis/{_kpi(w).uuid}/metingen/nieuw/"),
            {"date": "2026-02-01", "value": "5", "unit": "days"},
        ),
        _measurements,
    ),
    Write(
        "change a measurement",
        ("portfolio:measurement_edit",),
        30,
        lambda w, c: c.post(
            _private_url(w, f"kpis/{_kpi(w).uuid}/metingen/{_kpi(w).measurements.get().uuid}/"),
            {"date": "2026-01-01", "value": "99", "unit": "days"},
        ),
        _measurements,
    ),
]


# the initiative API (tests/security/portfolio_api.py)
from tests.security.portfolio_api import API_READS, API_WRITES  # noqa: E402

PORTFOLIO_READS += API_READS
PORTFOLIO_WRITES += API_WRITES

# comments on initiatives (tests/security/comments.py)
from tests.security.comments import COMMENT_READS, COMMENT_WRITES  # noqa: E402

PORTFOLIO_READS += COMMENT_READS
PORTFOLIO_WRITES += COMMENT_WRITES

# the edits of an organisation's own pipeline (tests/security/pipeline.py)
from tests.security.pipeline import PIPELINE_WRITES  # noqa: E402

PORTFOLIO_WRITES += PIPELINE_WRITES
