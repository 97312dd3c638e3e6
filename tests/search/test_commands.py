"""The commands `proeftuin search` and `proeftuin search_index` (and ingest leaving the index
alone: it stores nothing)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from proeftuin.accounts.models import Role
from proeftuin.ingestion.models import SourceFile
from proeftuin.search import runtime, services
from proeftuin.search.models import Passage
from proeftuin.search.selectors import index_progress
from tests.factories import OrganisationFactory, make_case
from tests.search_support import indexed_case

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def search_json(*args) -> dict:
    return json.loads(run("search", *args, "--json")[0])


def usage_error(*args) -> str:
    with pytest.raises(CommandError) as caught:
        run(*args)
    assert caught.value.returncode == 2
    return str(caught.value)


@pytest.fixture
def library(organisation):
    public = indexed_case(
        title="Waterstofbus voor ouderen",
        summary="Een buurtbus op waterstof brengt ouderen naar de huisarts.",
        organisations=[OrganisationFactory(province="PV26")],
    )
    hidden = indexed_case(
        title="Geheime zeppelinproef",
        summary="Een zeppelin op waterstof bezorgt pakketten in de polder.",
        visibility="organisation",
        organisations=[organisation],
    )
    return {"public": public, "hidden": hidden}


# --------------------------------------------------------------------------- search


def test_search_json_follows_the_documented_schema(library):
    data = search_json("waterstof buurtbus")
    assert set(data) == {"schemaVersion", "count", "results", "meta"}
    assert data["schemaVersion"] == 1
    assert set(data["meta"]) == {
        "query",
        "mode",
        "usedVectors",
        "messages",
        "degraded",
        "suggestions",
        "indexProgress",
        "totalCases",
        "facets",
    }
    first = data["results"][0]
    assert set(first) == {
        "rank",
        "score",
        "keywordRank",
        "vectorRank",
        "similarity",
        "passage",
        "case",
        "document",
        "initiative",
        "barrier",
        "circle",
        "round",
        "experiment",
        "edition",
        "ownerKind",
        "ownerKindLabel",
    }
    assert (first["ownerKind"], first["ownerKindLabel"], first["initiative"]) == (
        "case",
        "Casus",
        None,
    )
    assert first["rank"] == 1 and isinstance(first["score"], float)
    assert set(first["passage"]) == {
        "id",
        "kind",
        "kindLabel",
        "label",
        "text",
        "snippet",
        "matchedTerms",
    }
    assert first["case"] == {
        "uuid": str(library["public"].uuid),
        "title": "Waterstofbus voor ouderen",
        "slug": library["public"].slug,
        "organisations": first["case"]["organisations"],
    }
    assert data["meta"]["indexProgress"]["complete"] is True


def test_search_is_anonymous_unless_a_user_is_given(library, organisation, make_member):
    anonymous = search_json("zeppelin pakketten")
    assert str(library["hidden"].uuid) not in json.dumps(anonymous)
    member = make_member(organisation, Role.VIEWER)
    as_member = search_json("zeppelin pakketten", "--user", member.email.upper())
    assert as_member["results"][0]["case"]["uuid"] == str(library["hidden"].uuid)


def test_search_limit_mode_and_facets(library):
    assert len(search_json("waterstof", "--limit", "1")["results"]) == 1
    keyword = search_json("waterstof", "--mode", "keyword")
    assert keyword["meta"]["mode"] == "keyword" and not keyword["meta"]["usedVectors"]
    narrowed = search_json("waterstof", "--facet", "province=PV20")
    assert narrowed["results"] == []
    assert search_json("waterstof", "--facet", "province=PV26")["results"]


def test_search_table_shows_rank_score_case_and_passage(library):
    out, _err = run("search", "waterstofbus", "--mode", "keyword", "--limit", "3")
    lines = out.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("#"))
    assert "UUID" in header
    row = lines[lines.index(header) + 1]
    assert row.split()[0] == "1"
    assert "Waterstofbus voor ouderen" in row and str(library["public"].uuid) in row
    assert float(row.split()[1]) > 0
    assert any("passage" in line for line in lines[-1:])  # the count at the end


def test_search_table_without_results_says_so(library):
    out, _err = run("search", "kernfusie", "--mode", "keyword")
    assert out.strip()  # a message instead of an empty table


@pytest.mark.parametrize(
    "args",
    [
        ("search", ""),
        ("search", "   "),
        ("search", "waterstof", "--limit", "0"),
        ("search", "waterstof", "--limit", "101"),
        ("search", "waterstof", "--facet", "planet=mars"),
        ("search", "waterstof", "--facet", "province"),
        ("search", "waterstof", "--user", "nobody@example.org"),
    ],
)
def test_search_usage_errors_exit_with_2(args):
    assert usage_error(*args)


def test_search_empty_query_exits_2_with_a_message_on_stderr(tmp_path):
    env = {**os.environ, "DATA_DIR": str(tmp_path), "SECRET_KEY": ""}
    env.pop("SECRET_KEY")
    proeftuin = Path(sys.executable).with_name("proeftuin")
    done = subprocess.run(
        [str(proeftuin), "search", " "], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.strip()


# --------------------------------------------------------------------------- search_index


def test_status_tells_how_far_the_index_is(library):
    out, _err = run("search_index", "--status", "--json")
    state = json.loads(out)
    assert state["passages"] == Passage.objects.count() > 0
    assert state["embedded"] == state["passages"] and state["pending"] == 0
    assert state["complete"] is True
    assert state["backend"] == runtime.backend_name()
    assert state["indexDir"] == str(runtime.index_dir())
    assert state["vectorModel"] == "test-hashing-64"
    text, _err = run("search_index")  # --status is the default
    assert "test-hashing-64" in text and str(runtime.index_dir()) in text


def test_rebuild_recreates_passages_and_keyword_index(library):
    runtime.keyword_backend().clear()
    Passage.objects.all().delete()
    out, err = run("search_index", "--rebuild")
    assert out.strip() and err.strip()
    assert Passage.objects.of("case", library["public"].pk).exists()
    assert index_progress().pending == Passage.objects.count()
    assert search_json("waterstofbus", "--mode", "keyword")["results"]


def test_embed_reports_each_batch_and_resumes(settings):
    settings.EMBEDDING_BATCH_SIZE = 2
    case = make_case(title="Drijvende zonneparken")
    services.index("case", case.id, embed=False)
    total = index_progress().passages
    assert services.embed_pending(limit=2) == 2  # as if an earlier run was stopped
    out, err = run("search_index", "--embed")
    progress_lines = [line for line in err.splitlines() if line.strip()]
    assert len(progress_lines) == (total - 2 + 1) // 2
    assert all(f"/{total}" in line or str(total) in line for line in progress_lines)
    assert index_progress().complete
    assert out.strip()
    _out, err = run("search_index", "--embed")  # nothing left: no batches
    assert err.strip() == ""


def test_embed_stopped_with_ctrl_c_can_run_again(monkeypatch):
    case = make_case()
    services.index("case", case.id, embed=False)

    def interrupted(limit=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(services, "embed_pending", interrupted)
    _out, err = run("search_index", "--embed")
    assert err.strip()
    monkeypatch.undo()
    run("search_index", "--embed")
    assert index_progress().complete


def test_embed_waits_for_another_embedding_process_until_the_timeout():
    from django.core.cache import cache

    case = make_case()
    services.index("case", case.id, embed=False)
    assert cache.add(services.EMBED_LOCK, "1", 60)  # another process is embedding
    try:
        with pytest.raises(CommandError) as caught:
            run("search_index", "--embed", "--timeout", "0.01", "--interval", "0.02")
    finally:
        cache.delete(services.EMBED_LOCK)
    assert caught.value.returncode == 1
    assert not index_progress().complete
    run("search_index", "--embed")
    assert index_progress().complete


def test_watch_embeds_new_passages_until_stopped(monkeypatch):
    from proeftuin.search.management.commands import search_index

    case = make_case()
    services.index("case", case.id, embed=False)

    def stop(seconds):
        raise KeyboardInterrupt

    monkeypatch.setattr(search_index.time, "sleep", stop)
    _out, err = run("search_index", "--watch", "--interval", "0.1")
    assert index_progress().complete
    assert "Ctrl+C" in err


def test_embed_without_a_provider_is_an_error(settings):
    settings.EMBEDDING_PROVIDER = "nonexistent"
    with pytest.raises(CommandError):
        run("search_index", "--embed")


# --------------------------------------------------------------------------- ingest


def test_ingest_prints_without_storing_so_the_index_is_untouched(tmp_path):
    report = tmp_path / "verslag.txt"
    report.write_text(
        "Gemeente Voorbeeld\n\nDe gemeente zette wijkteams in om gezinnen eerder te helpen.\n",
        encoding="utf-8",
    )
    out, _err = run("ingest", str(report), "--json")
    assert json.loads(out)["documents"][0]["file"].endswith("verslag.txt")
    assert not SourceFile.objects.exists()
    assert not Passage.objects.exists()


@pytest.mark.django_db(transaction=True)  # the upload commits, so its jobs run as in real use
def test_ingest_store_returns_when_the_file_is_indexed_with_embeddings(tmp_path, organisation):
    report = tmp_path / "verslag.txt"
    report.write_text(
        "Gemeente Voorbeeld\n\nDe gemeente zette buurtteams met fietskoeriers in.\n",
        encoding="utf-8",
    )
    out, _err = run("ingest", str(report), "--json", "--store", "--owner", organisation.slug)
    stored = json.loads(out)["documents"][0]["stored"]
    assert stored["job"] == "succeeded" and stored["new"] is True
    assert stored["search"]["passages"] >= 1
    assert stored["search"]["embedded"] == stored["search"]["passages"]
    source = SourceFile.objects.get()
    assert source.owner == organisation
    assert Passage.objects.of("document", source.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_ingest_store_without_waiting_and_an_unknown_owner(tmp_path, settings):
    report = tmp_path / "verslag.txt"
    report.write_text("Een korte tekst over deelauto's in de wijk.\n", encoding="utf-8")
    usage_error("ingest", str(report), "--store", "--owner", "bestaat-niet")
    out, _err = run("ingest", str(report), "--store", "--no-wait")
    assert "opgeslagen" in out
