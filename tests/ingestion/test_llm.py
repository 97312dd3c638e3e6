"""The optional language-model step against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from proeftuin.core.registry import Registry
from proeftuin.ingestion.extraction import run_steps, steps
from proeftuin.ingestion.llm import step as llm_step
from proeftuin.ingestion.llm.client import ChatClient, LLMError
from proeftuin.ingestion.llm.step import (
    PROMPT,
    load_prompt,
    locate,
    make_step,
    passages,
    register_if_configured,
)
from proeftuin.ingestion.pipeline import run_pipeline
from proeftuin.ingestion.types import Block, NormalisedDocument, PageSpan, Segment

MODEL = "test-model-7b"
KEY = "sk-test-123"
TEXT = (
    "INLEIDING\n\nDit boek bevat cases.\n\n"
    "SLIM MELDEN\n\n"
    "De gemeente Zuidhaven startte in 2016 met Slim melden, een app voor\n"
    "meldingen over de openbare ruimte. Een valkuil was dat de raad pas laat\n"
    "werd betrokken. De privacywet stond het koppelen van bestanden in de weg.\n"
)
CASE_START = TEXT.index("SLIM MELDEN")


def document() -> NormalisedDocument:
    block = Block("paragraph", TEXT, 0, len(TEXT), 1)
    return NormalisedDocument("text", TEXT, [block], [PageSpan(1, 0, len(TEXT))])


def case() -> Segment:
    return Segment("SLIM MELDEN", CASE_START, len(TEXT), "case-study")


GOOD = {
    "suggestions": [
        {"field": "title", "value": "Slim melden", "quote": "Slim melden", "confidence": 0.95},
        {"field": "year_start", "value": 2016, "quote": "startte in 2016", "confidence": 0.7},
        {
            "field": "organisation.name",
            "value": "Gemeente Zuidhaven",
            "quote": "De gemeente Zuidhaven",
        },
        {
            "field": "lessons",
            "value": {"kind": "pitfall", "text": "De raad werd pas laat betrokken."},
            "quote": "de raad pas laat werd betrokken",  # line break in the text: a space here
            "confidence": 0.6,
        },
        {
            "field": "barriers",
            "value": {"category": "legal", "text": "Privacywet verhinderde koppelen."},
            "quote": "De privacywet stond het koppelen van bestanden in de weg.",
            "confidence": 0.5,
        },
        {"field": "partners", "value": {"name": "Ministerie van X"}, "quote": "samen met BZK"},
        {"field": "title", "value": "Verzonnen", "quote": "Dit boek bevat cases."},
        {"field": "organisation.government_layer", "value": "galactic", "quote": "gemeente"},
        {"field": "unknown.field", "value": "x", "quote": "Slim melden"},
    ]
}


class FakeServer:
    """An OpenAI-compatible /v1/chat/completions that records requests and replies as told."""

    def __init__(self):
        self.requests: list[dict] = []
        self.mode = "ok"
        self.content = json.dumps(GOOD)
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                server.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                with contextlib.suppress(OSError):  # the client gave up (time-out test)
                    server.reply(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/v1"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def reply(self, handler: BaseHTTPRequestHandler) -> None:
        if self.mode == "error":
            return self._send(handler, 500, b'{"error": "model overloaded"}')
        if self.mode == "slow":
            time.sleep(1.5)
        if self.mode == "garbage":
            return self._send(handler, 200, b"<html>not json</html>")
        envelope = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": MODEL,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": self.content}}],
        }
        return self._send(handler, 200, json.dumps(envelope).encode())

    @staticmethod
    def _send(handler, status: int, body: bytes) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")


@pytest.fixture
def server(no_proxy):
    fake = FakeServer()
    yield fake
    fake.close()


@pytest.fixture
def configured(settings, server):
    settings.LLM_ENDPOINT_URL = server.url
    settings.LLM_API_KEY = KEY
    settings.LLM_MODEL = MODEL
    settings.LLM_TIMEOUT_SECONDS = 0.5
    settings.LLM_MAX_CHARS = 12000
    registry = Registry("test steps")
    return register_if_configured(registry), registry


def test_request_carries_model_prompt_passage_and_key(configured, server):
    llm, _ = configured
    llm(document(), case())
    assert len(server.requests) == 1
    request = server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == f"Bearer {KEY}"
    body = request["body"]
    assert body["model"] == MODEL
    assert body["temperature"] == 0
    assert body["response_format"] == {"type": "json_object"}
    system, user = body["messages"]
    assert system == {"role": "system", "content": load_prompt(PROMPT)}
    assert "exact quote" in system["content"].lower() or "letterlijk" in system["content"]
    assert TEXT[CASE_START:] in user["content"]
    assert "Dit boek bevat cases." not in user["content"]  # only the case is sent


def test_suggestions_have_offsets_quotes_and_versions(configured):
    llm, registry = configured
    assert registry.names() == ["llm"]
    assert llm.version == f"{PROMPT}+{MODEL}"
    doc = document()
    found = {item.field: item for item in llm(doc, case())}
    assert set(found) == {"title", "year_start", "organisation.name", "lessons", "barriers"}
    for item in found.values():
        assert item.step == "llm"
        assert PROMPT in item.step_version and MODEL in item.step_version
        assert CASE_START <= item.start < item.end <= len(TEXT)
        assert 0 <= item.confidence <= 0.8
    title = found["title"]
    assert doc.quote(title.start, title.end) == "Slim melden"
    assert title.value == "Slim melden"
    assert title.confidence == 0.8  # the model said 0.95: capped
    assert found["organisation.name"].confidence == 0.5  # no confidence given
    assert found["year_start"].value == 2016
    assert doc.quote(found["year_start"].start, found["year_start"].end) == "startte in 2016"
    lesson = found["lessons"]
    assert lesson.value == {"kind": "pitfall", "text": "De raad werd pas laat betrokken."}
    assert doc.quote(lesson.start, lesson.end) == "de raad pas laat\nwerd betrokken"
    assert found["barriers"].value["category"] == "legal"


def test_hallucinated_quotes_and_invalid_values_are_dropped(configured):
    llm, _ = configured
    items = llm(document(), case())
    assert all(item.value != "Verzonnen" for item in items)  # quote outside the case
    assert not [i for i in items if i.field == "partners"]  # quote not in the text
    assert not [i for i in items if i.field.startswith("organisation.government")]
    assert not [i for i in items if i.field == "unknown.field"]


@pytest.mark.parametrize(
    "mode, content",
    [
        ("error", None),
        ("slow", None),
        ("garbage", None),
        ("ok", "this is not json {"),
        ("ok", json.dumps(["a", "list"])),
        ("ok", json.dumps({"suggestions": "nope"})),
        ("ok", json.dumps({"suggestions": [None, 3, {"field": "title"}]})),
    ],
)
def test_failures_give_no_suggestions_and_no_exception(configured, server, mode, content, caplog):
    llm, _ = configured
    server.mode = mode
    if content is not None:
        server.content = content
    started = time.monotonic()
    assert llm(document(), case()) == []
    assert time.monotonic() - started < 1.4
    if mode != "ok" or content.startswith("this"):
        assert "Taalmodelstap overgeslagen" in caplog.text


def test_unreachable_server_gives_no_suggestions(no_proxy, caplog):
    fake = FakeServer()
    url = fake.url
    fake.close()  # nothing listens on that port any more
    client = ChatClient(base_url=url, model=MODEL, timeout=0.5)
    assert make_step(client)(document(), case()) == []
    assert "niet bereikbaar" in caplog.text or "verbinding" in caplog.text


@pytest.mark.parametrize("mode", ["ok", "error"])
def test_pipeline_with_the_step(configured, server, monkeypatch, mode):
    _, registry = configured
    everything = Registry("built-in and llm")
    for name, item in [*steps.items(), *registry.items()]:
        everything.add(name, item)
    monkeypatch.setattr("proeftuin.ingestion.extraction.registry.steps", everything)
    server.mode = mode
    result = run_pipeline(TEXT.encode(), "case.txt")
    found = [item for _, items in result.cases for item in items]
    from_llm = [item for item in found if item.step == "llm"]
    assert [item for item in found if item.step != "llm"]  # built-in steps ran
    assert bool(from_llm) == (mode == "ok")  # a model that is down costs only its suggestions
    for item in from_llm:
        assert result.document.quote(item.start, item.end).strip()


def test_off_without_endpoint_no_registration_and_no_network(settings, monkeypatch):
    settings.LLM_ENDPOINT_URL = ""
    settings.LLM_MODEL = MODEL

    def no_network(*args, **kwargs):
        raise AssertionError("no network call expected")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    registry = Registry("test steps")
    assert register_if_configured(registry) is None
    assert len(registry) == 0
    before = steps.names()
    assert register_if_configured() is None  # the real registry stays as it was
    assert steps.names() == before
    if "llm" not in before:  # unless a developer's .env switched it on
        run_steps(document(), case())


def test_endpoint_without_model_stays_off(settings, caplog):
    settings.LLM_ENDPOINT_URL = "http://127.0.0.1:9/v1"
    settings.LLM_MODEL = ""
    registry = Registry("test steps")
    assert register_if_configured(registry) is None
    assert len(registry) == 0
    assert "LLM_MODEL" in caplog.text


def test_registering_twice_keeps_one_step(configured):
    llm, registry = configured
    assert register_if_configured(registry) is llm
    assert registry.names() == ["llm"]


def test_long_cases_are_sent_in_passages(settings, server):
    settings.LLM_ENDPOINT_URL = server.url
    settings.LLM_MODEL = MODEL
    settings.LLM_MAX_CHARS = 600
    text = ("Een zin over Slim melden in de wijk. " * 20 + "\n\n") * 3
    doc = NormalisedDocument("text", text, [], [PageSpan(1, 0, len(text))])
    server.content = json.dumps(
        {"suggestions": [{"field": "title", "value": "Slim melden", "quote": "Slim melden"}]}
    )
    llm = register_if_configured(Registry("test steps"))
    items = llm(doc, Segment("X", 0, len(text), "whole-document"))
    assert len(server.requests) == len(list(passages(text, 0, len(text), 600))) > 1
    assert len(items) == 1 and items[0].start == text.index("Slim melden")
    for request in server.requests:
        assert len(request["body"]["messages"][1]["content"]) < 600 + 200


def test_passages_cover_the_range_at_breaks():
    text = "a" * 10 + "\n\n" + "b" * 10 + ". " + "c" * 30
    windows = list(passages(text, 0, len(text), 20))
    assert windows[0] == (0, 12)  # cut after the paragraph break
    assert windows[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(windows))


def test_locate_is_verbatim_or_whitespace_tolerant_within_the_range():
    text = "Alpha beta\ngamma. Delta"
    assert locate(text, "beta gamma", 0, len(text)) == (6, 16)
    assert locate(text, "Delta", 0, 10) is None  # outside the passage
    assert locate(text, "delta", 0, len(text)) is None  # case matters
    assert locate(text, "", 0, len(text)) is None


def test_client_errors_are_dutch_llm_errors():
    with pytest.raises(LLMError, match="http:// of https://"):
        ChatClient(base_url="file:///etc", model=MODEL).complete_json([])


def test_step_module_logger_is_under_proeftuin():
    assert llm_step.logger.name.startswith("proeftuin.")
