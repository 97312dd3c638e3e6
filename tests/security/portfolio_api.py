"""The hostile-user probes of the initiative API (``/api/v1/initiatives/...``): its list
and detail are module routes (``modules.py``); here its moves and parts are read by every
actor, and every write route is tried by everyone who may not, with a positive control."""

from __future__ import annotations

from proeftuin.portfolio.models import Initiative, Kpi
from tests.security.modules import INITIATIVES
from tests.security.portfolio import (
    _draft,
    _initiatives,
    _kpi,
    _kpis,
    _led_by_a,
    _measurements,
    _private_parts,
    _stage,
)
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.writes import Write

API = "/api/v1/initiatives"


def _api_part_urls(world) -> list[tuple[str, str]]:
    """(initiative key, address) of the API's moves and parts of A's initiatives."""
    urls = []
    for key, initiative in _initiatives(world).items():
        base = f"{API}/{initiative.uuid}"
        urls += [(key, f"{base}/moves"), (key, f"{base}/reflections"), (key, f"{base}/kpis")]
    private, kpi, measurement, _question = _private_parts(world)
    base = f"{API}/{private.uuid}"
    reflection = private.reflections.get()
    urls += [
        ("private", f"{base}/reflections/{reflection.uuid}"),
        ("private", f"{base}/kpis/{kpi.uuid}"),
        ("private", f"{base}/kpis/{kpi.uuid}/measurements"),
        ("private", f"{base}/kpis/{kpi.uuid}/measurements/{measurement.uuid}"),
    ]
    return urls


def _api_parts(world, client, actor):
    """The moves and parts of an initiative: 200 to who sees it, refused to everyone else,
    nothing of A's invisible things in any answer."""
    problems = []
    for key, url in _api_part_urls(world):
        response, body = fetch(client, url)
        body = body.replace(url, "")
        if world.sees(actor, INITIATIVES, key):
            if response.status_code != 200:
                problems.append(f"{url}: {response.status_code} for who sees {key}")
        elif response.status_code not in REFUSED:
            problems.append(f"{url}: status {response.status_code} for an invisible {key}")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


API_READS = [
    Probe(
        "initiative API: moves and parts",
        (
            "api:initiative-moves",
            "api:initiative-reflection-list",
            "api:initiative-reflection-detail",
            "api:initiative-kpi-list",
            "api:initiative-kpi-detail",
            "api:initiative-kpi-measurement-list",
            "api:initiative-kpi-measurement-detail",
        ),
        _api_parts,
    )
]


def _api_private(world, suffix: str = "") -> str:
    return f"{API}/{_initiatives(world)['private'].uuid}{suffix}"


def _api_kpi(world, suffix: str = "") -> str:
    return _api_private(world, f"/kpis/{_kpi(world).uuid}{suffix}")


def _reflections(world) -> list:
    rows = _initiatives(world)["private"].reflections.all()
    return sorted(rows.values_list("date", "unexpected"))


def _kpi_state(world) -> tuple:
    return tuple(Kpi.objects.values_list("measure", "unit").get(pk=_kpi(world).pk))


def _json(method, url: str, data: dict | None = None, **headers):
    return method(url, data, content_type="application/json", **headers)


def _api_initiative(world, **overrides) -> dict:
    data = {"title": "Overgenomen", "problem": "Overgenomen.", "kind": "process"}
    return {**data, "owner": str(world.a.uuid), "status": "draft", **overrides}


def _api_move(world, client):
    draft = Initiative.objects.get(pk=_initiatives(world)["draft"].pk)
    data = {"toStage": "exploration", "expectedVersion": draft.stage_version}
    return _json(client.post, f"{API}/{draft.uuid}/moves", data)


def _api_measurement_change(world, client):
    measurement = _kpi(world).measurements.get()
    data = {"value": "99", "updatedAt": measurement.updated_at.isoformat()}
    return _json(client.patch, _api_kpi(world, f"/measurements/{measurement.uuid}"), data)


def _api_part_change(world, client, url: str, part, data: dict):
    return _json(client.patch, url, {**data, "updatedAt": part.updated_at.isoformat()})


API_WRITES = [
    Write(
        "api: change an initiative",
        ("api:initiative-detail",),
        30,
        lambda w, c: _json(
            c.patch,
            f"{API}/{_initiatives(w)['draft'].uuid}",
            {"title": "Overgenomen", "version": _draft(w)[1]},
        ),
        _draft,
    ),
    Write(
        "api: remove an initiative",
        ("api:initiative-detail",),
        30,
        lambda w, c: c.delete(
            f"{API}/{_initiatives(w)['draft'].uuid}", HTTP_IF_MATCH=f'"{_draft(w)[1]}"'
        ),
        _led_by_a,
    ),
    Write(
        "api: initiative with A as lead",
        ("api:initiative-list",),
        20,
        lambda w, c: _json(c.post, API, _api_initiative(w)),
        _led_by_a,
        allowed_actor="a_contributor",
    ),
    Write("api: change the stage", ("api:initiative-moves",), 30, _api_move, _stage),
    Write(
        "api: add a reflection",
        ("api:initiative-reflection-list",),
        30,
        lambda w, c: _json(c.post, _api_private(w, "/reflections"), {"date": "2026-02-01"}),
        _reflections,
    ),
    Write(
        "api: change a reflection",
        ("api:initiative-reflection-detail",),
        30,
        lambda w, c: _api_part_change(
            w,
            c,
            _api_private(w, f"/reflections/{_initiatives(w)['private'].reflections.get().uuid}"),
            _initiatives(w)["private"].reflections.get(),
            {"unexpected": "Overgenomen"},
        ),
        _reflections,
    ),
    Write(
        "api: add a KPI",
        ("api:initiative-kpi-list",),
        30,
        lambda w, c: _json(
            c.post,
            _api_private(w, "/kpis"),
            {"measure": "Overgenomen", "unit": "count", "direction": "higher"},
        ),
        _kpis,
    ),
    Write(
        "api: change a KPI",
        ("api:initiative-kpi-detail",),
        30,
        lambda w, c: _api_part_change(w, c, _api_kpi(w), _kpi(w), {"measure": "Overgenomen"}),
        _kpi_state,
    ),
    Write(
        "api: add a measurement",
        ("api:initiative-kpi-measurement-list",),
        30,
        lambda w, c: _json(
            c.post,
            _api_kpi(w, "/measurements"),
            {"date": "2026-02-01", "value": "5", "unit": "days"},
        ),
        _measurements,
    ),
    Write(
        "api: change a measurement",
        ("api:initiative-kpi-measurement-detail",),
        30,
        _api_measurement_change,
        _measurements,
    ),
]
