"""Search with a missing or damaged index: every page and API call answers, from what
still works, with a Dutch notice; the index queues its own rebuild, which restores it; and
``search_index --rebuild`` always succeeds and gives the same passages every time."""

from __future__ import annotations

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from proeftuin.accounts.models import Role
from proeftuin.search import health, runtime, services
from proeftuin.search.backends.tantivy import CURRENT
from proeftuin.search.models import Passage
from tests.factories import OrganisationFactory, make_case

pytestmark = pytest.mark.django_db

NOTICE = "De zoekindex wordt hersteld"
VECTORS_NOTICE = "Zoeken op betekenis is nu niet beschikbaar"
LIMITED = "Zoeken werkt op dit moment beperkt"  # what everyone but administrators reads


@pytest.fixture(autouse=True)
def embedded_backend(settings):
    """The folder-based index on both databases (PostgreSQL would pick its own)."""
    settings.SEARCH_BACKEND = "tantivy"
    runtime.reset()


@pytest.fixture
def org():
    return OrganisationFactory(name="Gemeente Eigenaar")


@pytest.fixture
def library(org):
    cases = {
        "bus": make_case(
            organisations=[org],
            title="Buurtbus rijdt op waterstof",
            summary="Vervoer voor ouderen met een waterstofbus.",
        ),
        "fleet": make_case(
            organisations=[org], title="Landelijke vloot op waterstof", summary="Auto's tanken."
        ),
        "solar": make_case(
            organisations=[org],
            title="Zonnepanelen op schooldaken",
            summary="Scholen wekken samen stroom op.",
        ),
    }
    for case in cases.values():
        services.index("case", case.id)
    services.embed_pending()
    return cases


def folder() -> Path:
    return runtime.index_dir()


def generation() -> Path:
    return folder() / (folder() / CURRENT).read_text().strip()


def remove_folder():
    shutil.rmtree(folder())


def truncate_segments():
    for path in generation().iterdir():
        if len(path.name) > 33 and path.name[32] == ".":
            os.truncate(path, path.stat().st_size // 3)


def garbage_meta():
    (generation() / "meta.json").write_bytes(b"\x00garbage{")


def file_instead_of_folder():
    remove_folder()
    folder().write_text("not an index")


DAMAGE = {
    "missing": remove_folder,
    "truncated": truncate_segments,
    "garbage-meta": garbage_meta,
    "file-instead-of-folder": file_instead_of_folder,
}


def api_search(api_client, q="waterstof", mode="keyword"):
    response = api_client.get("/api/v1/search", {"q": q, "mode": mode})
    assert response.status_code == 200
    return response.json()


def found(body) -> list[str]:
    return [r["case"]["title"] for r in body["results"]]


@pytest.mark.parametrize("damage", DAMAGE)
def test_search_answers_from_the_database_with_a_notice(
    client, admin_client, api_client, library, damage
):
    healthy = api_search(api_client)
    assert healthy["meta"]["degraded"] == []
    DAMAGE[damage]()
    body = api_search(api_client)
    assert body["meta"]["degraded"] == ["keyword"]
    assert any(NOTICE in m for m in body["meta"]["messages"])
    assert (
        set(found(body))
        == set(found(healthy))
        == {
            "Buurtbus rijdt op waterstof",
            "Landelijke vloot op waterstof",
        }
    )
    hybrid = api_search(api_client, mode="hybrid")
    assert hybrid["meta"]["usedVectors"] is True and "Buurtbus rijdt op waterstof" in found(hybrid)
    html = client.get("/zoeken/", {"q": "waterstof"}).content.decode()
    assert LIMITED in html and NOTICE not in html and "Buurtbus rijdt op waterstof" in html
    html = admin_client.get("/zoeken/", {"q": "waterstof"}).content.decode()
    assert NOTICE in html and LIMITED not in html


def test_every_page_and_call_that_searches_answers_while_the_index_is_missing(
    client, api_client, library, org, make_member
):
    remove_folder()
    bus = library["bus"]
    response = api_client.get(f"/api/v1/cases/{bus.uuid}/similar")
    assert response.status_code == 200
    assert response["Search-Degraded"] == "keyword"
    assert response["Search-Notice"].startswith(NOTICE)
    assert "Landelijke vloot op waterstof" in [c["case"]["title"] for c in response.json()]
    response = api_client.post(
        "/api/v1/search/prior-cases", {"text": "waterstof voor bussen"}, format="json"
    )
    assert response.status_code == 200 and response["Search-Degraded"] == "keyword"
    for url in (f"/zoeken/vergelijkbaar/{bus.slug}/", "/zoeken/eerder-gedaan/?title=waterstof"):
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200 and LIMITED in html and NOTICE not in html
    for url in (f"/casussen/{bus.slug}/", f"/organisaties/{org.slug}/", "/casussen/"):
        assert client.get(url).status_code == 200
    client.force_login(make_member(org, Role.CONTRIBUTOR))
    check = client.post("/casussen/nieuw/", {"check_prior": "1", "title": "Waterstof bus"})
    assert check.status_code == 200 and LIMITED in check.content.decode()


def test_the_index_queues_its_rebuild_once_and_the_rebuild_restores_it(
    api_client, library, django_capture_on_commit_callbacks
):
    healthy = api_search(api_client)
    truncate_segments()
    with django_capture_on_commit_callbacks() as queued:
        for _ in range(3):
            assert api_search(api_client)["meta"]["degraded"] == ["keyword"]
    assert len(queued) == 1  # one rebuild, not one per search
    queued[0]()  # what the worker runs: search.heal_index
    body = api_search(api_client)
    assert body["meta"]["degraded"] == [] and body["meta"]["messages"] == []
    assert found(body) == found(healthy)
    assert health.problems() == {}


def test_a_missing_index_heals_through_the_job(api_client, library):
    remove_folder()
    assert api_search(api_client)["meta"]["degraded"] == ["keyword"]
    assert services.rebuild_keyword_index(force=False) is True
    assert api_search(api_client)["meta"]["degraded"] == []
    assert services.rebuild_keyword_index(force=False) is False  # healthy: nothing to do


def test_a_new_case_written_while_the_index_is_missing_is_found_after_healing(
    api_client, library, org
):
    remove_folder()
    case = make_case(organisations=[org], title="Waterstofboot", summary="Een veerpont.")
    services.index("case", case.id)  # cannot write the index: the rows stay the truth
    assert not folder().exists()
    assert "Waterstofboot" in found(api_search(api_client, q="waterstofboot"))  # database
    services.rebuild_keyword_index(force=False)
    body = api_search(api_client, q="waterstofboot")
    assert body["meta"]["degraded"] == [] and found(body)[0] == "Waterstofboot"


def test_a_failing_vector_index_leaves_meaning_out_with_a_notice(api_client, library, monkeypatch):
    def broken(model=None):
        raise RuntimeError("faiss: cannot read the index")

    monkeypatch.setattr(runtime, "vector_index", broken)
    body = api_search(api_client, mode="hybrid")
    assert body["meta"]["degraded"] == ["vectors"] and body["meta"]["usedVectors"] is False
    assert any(VECTORS_NOTICE in m for m in body["meta"]["messages"])
    assert "Buurtbus rijdt op waterstof" in found(body)
    similar = api_client.get(f"/api/v1/cases/{library['bus'].uuid}/similar")
    assert similar.status_code == 200 and similar["Search-Degraded"] == "vectors"


def test_unreadable_embeddings_are_left_out_and_embedded_again(
    api_client, library, django_capture_on_commit_callbacks
):
    damaged = Passage.objects.of("case", library["bus"].pk).filter(kind="summary").get()
    Passage.objects.filter(pk=damaged.pk).update(embedding=b"\x01\x02\x03")
    runtime.reset()
    with django_capture_on_commit_callbacks(execute=True):
        body = api_search(api_client, mode="vector")
    assert body["meta"]["degraded"] == [] and body["meta"]["usedVectors"] is True
    damaged.refresh_from_db()
    assert len(damaged.embedding) == 2 * runtime.provider().dimension  # embedded again
    runtime.reset()
    assert damaged.pk in [
        r["passage"]["id"] for r in api_search(api_client, mode="vector")["results"]
    ]


# ------------------------------------------------------------------ search_index --rebuild


def passages() -> list[tuple]:
    return list(
        Passage.objects.order_by("id").values_list(
            "id", "owner_kind", "owner_id", "position", "text_hash", "embedding"
        )
    )


PARAGRAPH_A = "Alinea over waterstof en vervoer. " * 22  # about 750 characters
PARAGRAPH_B = "Alinea over zonnepanelen op daken. " * 22


@pytest.fixture
def repeated_document():
    from proeftuin.ingestion.models import SourceFile
    from tests.factories import DocumentFactory

    source = SourceFile.objects.create(
        document=DocumentFactory(),
        file="sources/herhaling.txt",
        filename="herhaling.txt",
        content_hash="b" * 64,
        size=1,
        text="\n\n".join([PARAGRAPH_A, PARAGRAPH_B, PARAGRAPH_A, PARAGRAPH_B, PARAGRAPH_A]),
    )
    services.index("document", source.id)
    services.embed_pending()
    return source


def test_repeated_paragraphs_keep_one_passage_each_however_often_indexed(repeated_document):
    assert Passage.objects.of("document", repeated_document.pk).count() == 5
    first = passages()
    services.index("document", repeated_document.id)
    services.index("document", repeated_document.id)
    assert passages() == first
    repeated_document.text = "\n\n".join([PARAGRAPH_B, PARAGRAPH_A, PARAGRAPH_A])
    repeated_document.save(update_fields=["text"])
    services.index("document", repeated_document.id)
    rows = Passage.objects.of("document", repeated_document.pk).order_by("position")
    assert [p.text.startswith("Alinea over zonnepanelen") for p in rows] == [True, False, False]
    assert all(p.embedding is not None for p in rows)  # moved, not embedded again


def test_rebuilding_twice_gives_the_same_passages_as_once(library, repeated_document):
    call_command("search_index", "--rebuild", stdout=StringIO(), stderr=StringIO())
    once = passages()
    call_command("search_index", "--rebuild", stdout=StringIO(), stderr=StringIO())
    assert passages() == once
    assert Passage.objects.of("document", repeated_document.pk).count() == 5


@pytest.mark.parametrize("damage", DAMAGE)
def test_rebuild_succeeds_on_a_damaged_folder(api_client, library, damage, capsys):
    healthy = api_search(api_client)
    before = passages()
    DAMAGE[damage]()
    call_command("search_index", "--status")
    assert "missing" in capsys.readouterr().out or damage != "missing"
    call_command("search_index", "--rebuild")
    assert passages() == before
    body = api_search(api_client)
    assert body["meta"]["degraded"] == [] and found(body) == found(healthy)
    assert [p.name for p in folder().iterdir() if p.name.startswith("gen-")] == [generation().name]
