import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from proeftuin.accounts.models import Role
from proeftuin.barriers.links import barrier_link
from proeftuin.barriers.models import AuthorityReportExport, Barrier
from proeftuin.barriers.services import barrier_move
from proeftuin.core.jobs import run_task
from tests.factories import MembershipFactory, make_case, make_initiative
from tests.table_support import reflow_problems

PUBLIC = {"status": "published", "visibility": "public"}


@pytest.fixture
def shared(make_barrier, editor, beta_editor, alpha, beta):
    """One barrier linked to initiatives of two organisations and to a case of one."""
    barrier = make_barrier(rule="AVG, artikel 6")
    barrier_link(
        actor=editor,
        barrier=barrier,
        subject=make_initiative(alpha, actor=editor, title="Alfa", **PUBLIC),
    )
    barrier_link(
        actor=beta_editor,
        barrier=barrier,
        subject=make_initiative(beta, actor=beta_editor, title="Beta", **PUBLIC),
    )
    barrier_link(actor=editor, barrier=barrier, subject=make_case(organisations=[alpha]))
    return barrier


def _cell(body: str, row: str, column: int) -> int:
    table = body.split('id="heatmap"')[1].split("</table>")[0]
    line = re.search(rf"<th[^>]*>{row}</th>(.*?)</tr>", table, re.S).group(1)
    return int(re.findall(r"<td[^>]*>(\d+)</td>", line)[column])


def test_list_detail_and_dossier(client, shared):
    assert shared.title in client.get("/knelpunten/").content.decode()
    body = client.get(f"/knelpunten/{shared.slug}/").content.decode()
    assert "Alfa" in body and "Beta" in body
    dossier = client.get(f"/knelpunten/{shared.slug}/dossier/").content.decode()
    assert "2: Gemeente Alfa, UWV Beta" in dossier
    assert "Wijkteams voorkomen uithuisplaatsingen" in dossier


def test_heatmap_counts_layers_and_types(client, shared):
    body = client.get("/knelpunten/patroon/").content.decode()
    assert body.count("<table") == 2 and not reflow_problems(body)  # heatmap and trends
    assert 'data-label="Privacy en gegevensdeling"' in body
    privacy = 1  # second category column
    assert _cell(body, "Lokaal", privacy) == 1 or _cell(body, "Local", privacy) == 1
    typed = client.get("/knelpunten/patroon/?axis=type").content.decode()
    assert "pt-heat--5" in typed
    assert 'id="trends"' in body


def test_heatmap_hides_links_to_initiatives_one_may_not_see(client, make_barrier, editor, alpha):
    barrier = make_barrier()
    hidden = make_initiative(alpha, actor=editor, status="draft", visibility="private")
    barrier_link(actor=editor, barrier=barrier, subject=hidden)
    body = client.get("/knelpunten/patroon/").content.decode()
    assert "pt-heat--1" not in body and "pt-heat--5" not in body
    client.force_login(editor)
    assert "pt-heat--5" in client.get("/knelpunten/patroon/").content.decode()


def test_authority_report_and_its_export(client, shared, ministry, editor):
    body = client.get(f"/knelpunten/instanties/{ministry.slug}/").content.decode()
    assert "Gemeente Alfa, UWV Beta" in body and "Alfa</a>" in body
    client.force_login(editor)
    response = client.post(f"/knelpunten/instanties/{ministry.slug}/export/", {"format": "csv"})
    export = AuthorityReportExport.objects.get()
    assert response.status_code == 302 and export.state == "queued"
    run_task("barriers.authority_export", export.pk)
    download = client.get(f"/knelpunten/export/{export.uuid}/bestand/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"


def test_resolved_barriers_have_no_waiting_initiatives(client, shared, ministry, editor):
    barrier_move(actor=editor, barrier=shared, state="confirmed")
    barrier_move(actor=editor, barrier=shared, state="resolved", resolution="Wet aangepast.")
    body = client.get(f"/knelpunten/instanties/{ministry.slug}/").content.decode()
    assert "Alfa</a>" not in body


def test_create_page_records_a_barrier(client, editor, alpha):
    client.force_login(editor)
    data = {
        "title": "Inkoopregels blokkeren pilots",
        "category": "legal",
        "description": "Aanbesteden duurt langer dan de pilot.",
        "rule_url": "https://wetten.overheid.nl/zoeken",
        "status": "published",
        "visibility": "public",
        "owner": alpha.pk,
    }
    response = client.post("/knelpunten/nieuw/", data)
    assert response.status_code == 400 and not Barrier.objects.exists()
    response = client.post("/knelpunten/nieuw/", {**data, "rule_url": ""})
    assert response.status_code == 302 and Barrier.objects.get().owner == alpha


def _chosen_owner(client) -> list[str]:
    page = client.get("/knelpunten/nieuw/").content.decode()
    select = re.search(r'<select name="owner".*?</select>', page, re.S)[0]
    return re.findall(r'<option value="(\d+)" selected>', select)


def test_the_owner_starts_as_their_own_organisation(client, editor, alpha, beta, platform_admin):
    client.force_login(editor)
    assert _chosen_owner(client) == [str(alpha.pk)]
    client.force_login(platform_admin)  # every organisation offered, none of them theirs
    assert _chosen_owner(client) == []
    MembershipFactory(organisation=beta, user=platform_admin, role=Role.EDITOR)
    assert _chosen_owner(client) == [str(beta.pk)]


def test_subject_page_links_and_suggests(client, make_barrier, editor, alpha):
    barrier = make_barrier()
    initiative = make_initiative(alpha, actor=editor)
    client.force_login(editor)
    url = f"/knelpunten/van/initiatief/{initiative.slug}/"
    assert client.post(url, {"barrier": barrier.slug}).status_code == 302
    assert barrier.links.get().initiative == initiative
    assert client.post(url, {"suggest": "1"}).status_code == 302


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/knelpunten/", "/knelpunten/patroon/"])
def test_queries_do_not_grow_with_barriers(client, make_barrier, editor, alpha, url):
    initiative = make_initiative(alpha, actor=editor)

    def add(n):
        for i in range(n):
            barrier = make_barrier(title=f"Knelpunt {i} {n}")
            barrier_link(actor=editor, barrier=barrier, subject=initiative)

    add(2)
    client.force_login(editor)
    few = _queries(client, url)
    add(8)
    assert _queries(client, url) == few


def test_initiative_and_case_pages_show_the_register(client, shared, editor, alpha):
    initiative = shared.links.get(initiative__title="Alfa").initiative
    body = client.get(f"/initiatieven/{initiative.slug}/").content.decode()
    assert shared.title in body and "/knelpunten/van/" not in body
    case = shared.links.get(case__isnull=False).case
    assert f"/knelpunten/{shared.slug}/" in client.get(f"/casussen/{case.slug}/").content.decode()
    client.force_login(editor)
    body = client.get(f"/casussen/{case.slug}/").content.decode()
    assert f"/knelpunten/van/casus/{case.slug}/" in body


def test_the_cached_heatmap_follows_writes_and_roles(client, make_barrier, editor, alpha):
    barrier = make_barrier()
    assert "pt-heat--5" not in client.get("/knelpunten/patroon/").content.decode()
    barrier_link(
        actor=editor, barrier=barrier, subject=make_initiative(alpha, actor=editor, **PUBLIC)
    )
    assert "pt-heat--5" in client.get("/knelpunten/patroon/").content.decode()
    hidden = make_barrier(title="Intern", status="draft", visibility="organisation")
    barrier_link(actor=editor, barrier=hidden, subject=make_initiative(alpha, actor=editor))
    client.force_login(editor)
    assert (
        '<td data-label="Totaal" class="utrecht-table__cell pt-heat">2</td>'
        in client.get("/knelpunten/patroon/").content.decode()
    )
    editor.memberships.all().delete()
    editor.__dict__.pop("_proeftuin_roles", None)
    body = client.get("/knelpunten/patroon/").content.decode()
    assert '<td data-label="Totaal" class="utrecht-table__cell pt-heat">2</td>' not in body


def test_the_authority_report_comes_in_pages_and_the_export_holds_all(
    client, make_barrier, ministry, editor, monkeypatch
):
    from proeftuin.barriers import exports, views_patterns

    monkeypatch.setattr(views_patterns, "REPORT_PAGE_SIZE", 2)
    titles = [f"Knelpunt nummer {n}" for n in range(3)]
    for title in titles:
        make_barrier(title=title)
    url = f"/knelpunten/instanties/{ministry.slug}/"
    first, second = client.get(url).content.decode(), client.get(url + "?pagina=2").content.decode()
    assert titles[0] in first and titles[1] in first and titles[2] not in first
    assert "Pagina 1 van 2" in first and titles[2] in second and titles[0] not in second
    report = exports.authority_report(user=editor, authority=ministry)
    assert [item["barrier"].title for item in report] == titles
