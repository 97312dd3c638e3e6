"""The hostile-user probes of the portfolio's forms (``/initiatieven/``); its list and
pages are checked through the ``INITIATIVES`` module (``modules.py``). The forms open only
to who may edit an initiative, and every write by anyone else is refused with nothing
changed and nothing revealed."""

from __future__ import annotations

from proeftuin.core.service import Transition
from proeftuin.portfolio.models import Initiative, Kpi, LearningQuestion, Measurement
from tests.security.modules import INITIATIVES
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


PORTFOLIO_READS = [
    Probe(
        "initiative forms",
        (
            "portfolio:edit",
            "portfolio:stage",
            "portfolio:part_add",
            "portfolio:part_edit",
            "portfolio:measurement_add",
            "portfolio:measurement_edit",
        ),
        _form_pages,
    ),
    Probe("new-initiative form", ("portfolio:create",), _create_form),
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


PORTFOLIO_WRITES = [
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

# comments on initiatives (tests/security/comments.py)
from tests.security.comments import COMMENT_READS, COMMENT_WRITES  # noqa: E402

PORTFOLIO_READS += COMMENT_READS
PORTFOLIO_WRITES += COMMENT_WRITES
