"""The hostile-user probes of the barrier register (``/knelpunten/``, ``/regel-melden/``,
``/api/v1/barriers``); its list, pages, authority report and API are checked through the
``BARRIERS`` module (``modules.py``). Here: the forms open only to who may change a
barrier, the pattern pages and exports show only what the actor may see, moderation only
to stewards, and every write by anyone else is refused with nothing changed."""

from __future__ import annotations

import io
import zipfile

from proeftuin.barriers.models import (
    Authority,
    AuthorityReportExport,
    Barrier,
    BarrierLink,
    BarrierReport,
)
from proeftuin.core.jobs import run_task
from tests.security.modules import AUTHORITY_SLUG, BARRIERS
from tests.security.visibility import REFUSED, Probe, fetch
from tests.security.world import EDIT_NEEDS, World
from tests.security.writes import Write

STARTERS = {"a_contributor", "a_editor", "a_admin", "b_contributor", "b_editor", "b_admin"}
STARTERS |= {"platform_admin"}
STEWARD = 100  # platform administrators (and holders of the platform role "reviewer")
REPORT_MARKER = "xqzregelmelding"


def _barriers(world: World) -> dict:
    return world.records[BARRIERS.name]


def _initiatives(world: World) -> dict:
    return world.records["initiative"]


def _report(world) -> BarrierReport:
    report = BarrierReport.objects.filter(rule__contains=REPORT_MARKER).first()
    return report or BarrierReport.objects.create(
        rule=f"Regel {REPORT_MARKER}", description="Een regel die niemand helpt.", sender="x"
    )


def _only(problems, url, allowed: bool, response, body, marker=None):
    if allowed and (response.status_code != 200 or (marker and marker not in body)):
        problems.append(f"{url}: {response.status_code} for who may")
    if not allowed and response.status_code not in REFUSED:
        problems.append(f"{url}: status {response.status_code} for who may not")


def _form_pages(world, client, actor):
    """Edit and merge forms of A's barriers: editors of A only; the subject page of A's
    draft initiative and public case: who may change them (editors of A here)."""
    problems = []
    editor = world.level(actor) >= EDIT_NEEDS
    urls = [
        (key, f"/knelpunten/{b.slug}/{part}/")
        for key, b in _barriers(world).items()
        for part in ("bewerken", "samenvoegen")
    ]
    urls += [
        ("", f"/knelpunten/van/initiatief/{_initiatives(world)['draft'].slug}/"),
        ("", f"/knelpunten/van/casus/{world.cases['pub'].slug}/"),
    ]
    for key, url in urls:
        response, body = fetch(client, url)
        body = body.replace(url, "")
        _only(problems, url, editor, response, body, BARRIERS.marker(key) if key else None)
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    url = "/knelpunten/nieuw/"
    response, body = fetch(client, url)
    _only(problems, url, actor in STARTERS, response, body)
    return problems + world.leaks(actor, body)


def _pattern_pages(world, client, actor):
    """Heatmap, trends, authorities and the public form: for everyone, nothing invisible;
    the heatmap counts A's public barrier through its public initiative for everyone."""
    problems = []
    for url in (
        "/knelpunten/patroon/",
        "/knelpunten/patroon/?axis=type",
        "/knelpunten/instanties/",
        "/api/v1/barriers/heatmap",
        "/regel-melden/",
    ):
        response, body = fetch(client, url)
        if response.status_code != 200:
            problems.append(f"{url}: status {response.status_code}")
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    response, body = fetch(client, "/api/v1/barriers/heatmap")
    if '"count":1' not in body.replace(" ", ""):
        problems.append("heatmap does not count the public barrier")
    return problems


def _moderation(world, client, actor):
    """The moderation queue and a report's page: stewards only; the report's own status
    page (its address is the reporter's key) shows the report and nothing of A."""
    problems = []
    report = _report(world)
    steward = world.level(actor) >= STEWARD
    for url in ("/knelpunten/meldingen/", f"/knelpunten/meldingen/{report.uuid}/"):
        response, body = fetch(client, url)
        _only(problems, url, steward, response, body, REPORT_MARKER)
        if not steward and REPORT_MARKER in body:
            problems.append(f"{url}: the report leaks")
    url = f"/regel-melden/{report.uuid}/"
    response, body = fetch(client, url)
    if response.status_code != 200 or REPORT_MARKER not in body:
        problems.append(f"{url}: status {response.status_code}")
    return problems + world.leaks(actor, body)


def _export_text(export) -> str:
    data = bytes(AuthorityReportExport.objects.get(pk=export.pk).data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("authority.csv").decode()


def _exports(world, client, actor):
    """Each signed-in actor exports the authority report: the file (made by the job) holds
    what the actor may see; nobody else opens it; anonymous people store nothing."""
    problems, before = [], set(AuthorityReportExport.objects.values_list("pk", flat=True))
    base = f"/knelpunten/instanties/{AUTHORITY_SLUG}/export/"
    response = client.post(base, {"format": "csv"})
    made = AuthorityReportExport.objects.exclude(pk__in=before)
    user = world.user(actor)
    if user.is_authenticated and user.is_active:
        export = made.get()
        run_task("barriers.authority_export", export.pk)
        text = _export_text(export)
        problems += [f"export file: {p}" for p in world.leaks(actor, text)]
        if BARRIERS.marker("pub") not in text:
            problems.append("export file without the public barrier")
        for url in (
            f"/knelpunten/export/{export.uuid}/",
            f"/knelpunten/export/{export.uuid}/bestand/",
        ):
            if client.get(url).status_code != 200:
                problems.append(f"{url}: own export refused")
        other = world.users["a_admin" if actor == "a_editor" else "a_editor"]
        theirs = AuthorityReportExport.objects.create(
            requester=other, authority=export.authority, format="csv", expires_at=export.expires_at
        )
        for url in (
            f"/knelpunten/export/{theirs.uuid}/",
            f"/knelpunten/export/{theirs.uuid}/bestand/",
        ):
            if client.get(url).status_code not in (302, 404):
                problems.append(f"{url}: someone else's export opened")
    elif made.exists() or response.status_code not in (302, *REFUSED):
        problems.append(f"export by {actor}: {response.status_code}, stored: {made.exists()}")
    return problems


ORGANISATION_ADMIN = 40  # the role in A that may change A's own authority
AUTHORITY_MAKERS = {"a_admin", "b_admin", "platform_admin"}  # administrators and stewards


def _a_authority(world) -> Authority:
    """An authority that is organisation A (its own management): A's administrators and
    stewards change it; the regulator ``AUTHORITY_SLUG`` (no organisation) stewards only."""
    authority, _created = Authority.objects.get_or_create(
        slug="bestuur-alfa",
        defaults={"name": "Bestuur Alfa", "kind": "organisation", "organisation": world.a},
    )
    return authority


def _authority_forms(world, client, actor):
    problems, level, own = [], world.level(actor), _a_authority(world).slug
    pages = [
        ("/knelpunten/instanties/nieuw/", actor in AUTHORITY_MAKERS),
        (f"/knelpunten/instanties/{own}/bewerken/", level >= ORGANISATION_ADMIN),
        (f"/knelpunten/instanties/{AUTHORITY_SLUG}/bewerken/", level >= STEWARD),
    ]
    for url, allowed in pages:
        response, body = fetch(client, url)
        _only(problems, url, allowed, response, body)
        problems += [f"{url}: {p}" for p in world.leaks(actor, body)]
    return problems


BARRIER_READS = [
    Probe(
        "authority forms",
        ("barriers:authority_create", "barriers:authority_edit"),
        _authority_forms,
    ),
    Probe(
        "barrier forms",
        ("barriers:edit", "barriers:merge", "barriers:create", "barriers:subject_links"),
        _form_pages,
    ),
    Probe(
        "barrier patterns",
        ("barriers:heatmap", "barriers:authorities", "api:barrier-heatmap", "barriers:report"),
        _pattern_pages,
    ),
    Probe(
        "rule report moderation",
        ("barriers:reports", "barriers:moderate", "barriers:report_status"),
        _moderation,
    ),
    Probe(
        "authority exports",
        ("barriers:export_create", "barriers:export", "barriers:export_download"),
        _exports,
    ),
]


def _row(world, key):
    return Barrier.objects.get(pk=_barriers(world)[key].pk)


def _edit(world, client):
    private = _row(world, "private")
    data = {
        "title": "Overgenomen knelpunt",
        "category": "legal",
        "description": "Overgenomen.",
        "status": "draft",
        "visibility": "private",
        "version": str(private.version),
    }
    return client.post(f"/knelpunten/{private.slug}/bewerken/", data)


def _suggested(world) -> BarrierLink:
    link = BarrierLink.objects.filter(status__in=["suggested", "confirmed"], source="case_barrier")
    link = link.filter(initiative=_initiatives(world)["draft"]).first()
    return link or BarrierLink.objects.create(
        barrier=_barriers(world)["pub"],
        initiative=_initiatives(world)["draft"],
        organisation=world.a,
        source="case_barrier",
    )


def _api_payload(world) -> dict:
    return {
        "title": "Aanval",
        "category": "legal",
        "description": "Een knelpunt van een ander.",
        "owner": str(world.a.uuid),
    }


def _authority_edit(name: str, needs: int, authority, allowed_actor: str) -> Write:
    """A rename of ``authority(world)`` through its edit form."""
    return Write(
        name,
        ("barriers:authority_edit",),
        needs,
        lambda w, c: c.post(
            f"/knelpunten/instanties/{authority(w).slug}/bewerken/",
            {"name": "Overgenomen instantie", "kind": "other"},
        ),
        lambda w: Authority.objects.get(pk=authority(w).pk).name,
        allowed_actor=allowed_actor,
    )


BARRIER_WRITES = [
    Write(
        "edit a barrier",
        ("barriers:edit",),
        EDIT_NEEDS,
        _edit,
        lambda w: _row(w, "private").title,
    ),
    Write(
        "move a barrier",
        ("barriers:move",),
        EDIT_NEEDS,
        lambda w, c: c.post(f"/knelpunten/{_row(w, 'draft').slug}/status/", {"state": "confirmed"}),
        lambda w: _row(w, "draft").state,
    ),
    Write(
        "merge a barrier",
        ("barriers:merge",),
        EDIT_NEEDS,
        lambda w, c: c.post(
            f"/knelpunten/{_row(w, 'org').slug}/samenvoegen/", {"into": _row(w, "pub").slug}
        ),
        lambda w: _row(w, "org").merged_into_id,
    ),
    Write(
        "decide a suggested link",
        ("barriers:link_decide",),
        EDIT_NEEDS,
        lambda w, c: c.post(
            f"/knelpunten/koppeling/{_suggested(w).uuid}/", {"decision": "confirm"}
        ),
        lambda w: BarrierLink.objects.get(pk=_suggested(w).pk).status,
    ),
    Write(
        "link an initiative",
        ("barriers:subject_links",),
        EDIT_NEEDS,
        lambda w, c: c.post(
            f"/knelpunten/van/initiatief/{_initiatives(w)['pub'].slug}/",
            {"barrier": _row(w, "org").slug},
        ),
        lambda w: BarrierLink.objects.filter(barrier=_barriers(w)["org"]).count(),
    ),
    Write(
        "record a barrier for A",
        ("barriers:create",),
        20,
        lambda w, c: c.post(
            "/knelpunten/nieuw/",
            {
                "title": "Aanval",
                "category": "legal",
                "description": "x",
                "status": "published",
                "visibility": "public",
                "owner": str(w.a.pk),
            },
        ),
        lambda w: Barrier.objects.filter(owner=w.a).count(),
    ),
    Write(
        "moderate a rule report",
        ("barriers:moderate",),
        STEWARD,
        lambda w, c: c.post(f"/knelpunten/meldingen/{_report(w).uuid}/", {"decision": "spam"}),
        lambda w: BarrierReport.objects.get(pk=_report(w).pk).status,
        allowed_actor="platform_admin",
    ),
    Write(
        "record a barrier for A through the API",
        ("api:barrier-list",),
        20,
        lambda w, c: c.post("/api/v1/barriers", _api_payload(w), content_type="application/json"),
        lambda w: Barrier.objects.filter(owner=w.a).count(),
    ),
    Write(
        "change a barrier through the API",
        ("api:barrier-detail",),
        EDIT_NEEDS,
        lambda w, c: c.patch(
            f"/api/v1/barriers/{_row(w, 'private').uuid}",
            {"title": "Overgenomen", "version": _row(w, "private").version},
            content_type="application/json",
        ),
        lambda w: _row(w, "private").title,
    ),
    Write(
        "record an authority for A",
        ("barriers:authority_create",),
        ORGANISATION_ADMIN,
        lambda w, c: c.post(
            "/knelpunten/instanties/nieuw/",
            {"name": "Aanval Alfa", "kind": "organisation", "organisation": str(w.a.pk)},
        ),
        lambda w: Authority.objects.filter(organisation=w.a).count(),
        allowed_actor="a_admin",
    ),
    _authority_edit("change A's authority", ORGANISATION_ADMIN, _a_authority, "a_admin"),
    _authority_edit(
        "change an authority outside any organisation",
        STEWARD,
        lambda w: Authority.objects.get(slug=AUTHORITY_SLUG),
        "platform_admin",
    ),
]
