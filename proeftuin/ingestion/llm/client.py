"""A minimal client for an OpenAI-compatible chat-completions endpoint (standard library only).

Every failure - unreachable server, HTTP error, time-out, an answer that is not the expected
JSON - raises :class:`LLMError` with a Dutch message; the extraction step logs it and goes on
without suggestions. The API key is sent as a bearer token and never logged.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

MAX_RESPONSE_BYTES = 2_000_000
READ_CHUNK = 65_536


class LLMError(Exception):
    """The language model gave no usable answer; the message is Dutch, for the log."""


@dataclass(frozen=True)
class ChatClient:
    """POSTs to ``{base_url}/chat/completions`` and returns the reply parsed as a JSON object."""

    base_url: str
    model: str
    api_key: str = ""
    timeout: float = 60.0

    @property
    def url(self) -> str:
        base = self.base_url.rstrip("/")
        return base if base.endswith("/chat/completions") else f"{base}/chat/completions"

    def complete_json(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        """Send the messages (temperature 0, JSON mode); the parsed JSON object of the reply."""
        if urlsplit(self.url).scheme not in ("http", "https"):
            raise LLMError(f"LLM_ENDPOINT_URL moet met http:// of https:// beginnen: {self.url}")
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "response_format": {"type": "json_object"},
        }
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(
            self.url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )
        return _reply_object(self._send(request))

    def _send(self, request: urllib.request.Request) -> bytes:
        deadline = time.monotonic() + self.timeout
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _read_until(response, deadline)
        except urllib.error.HTTPError as exc:
            raise LLMError(f"Het taalmodel antwoordde met HTTP-status {exc.code}.") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise LLMError(self._timeout_message()) from exc
            raise LLMError(f"Het taalmodel is niet bereikbaar ({exc.reason}).") from exc
        except TimeoutError as exc:
            raise LLMError(self._timeout_message()) from exc
        except (OSError, http.client.HTTPException) as exc:
            raise LLMError(f"De verbinding met het taalmodel mislukte ({exc}).") from exc

    def _timeout_message(self) -> str:
        return f"Het taalmodel antwoordde niet binnen {self.timeout:g} seconden."


def _read_until(response, deadline: float) -> bytes:
    """The body, at most MAX_RESPONSE_BYTES, read before the deadline (a trickling server
    cannot keep the step waiting longer than the time-out)."""
    parts, size = [], 0
    while chunk := response.read(READ_CHUNK):
        parts.append(chunk)
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise LLMError("Het antwoord van het taalmodel is te groot.")
        if time.monotonic() > deadline:
            raise TimeoutError
    return b"".join(parts)


def _reply_object(raw: bytes) -> dict[str, Any]:
    """The JSON object in ``choices[0].message.content`` of a chat-completions response."""
    try:
        envelope = json.loads(raw.decode("utf-8"))
        content = envelope["choices"][0]["message"]["content"]
    except (UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError("Het antwoord van het taalmodel heeft niet de verwachte vorm.") from exc
    if not isinstance(content, str):
        raise LLMError("Het antwoord van het taalmodel bevat geen tekst.")
    try:
        data = json.loads(_without_fences(content))
    except ValueError as exc:
        raise LLMError("Het taalmodel gaf geen geldige JSON terug.") from exc
    if not isinstance(data, dict):
        raise LLMError("Het taalmodel gaf geen JSON-object terug.")
    return data


def _without_fences(content: str) -> str:
    """Some servers wrap JSON-mode output in a Markdown code block anyway."""
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rstrip().removesuffix("```")
    return text
