"""Optional step "llm": case fields suggested by a language model the organisation runs.

Registered by :func:`register_if_configured` at start-up, and only when LLM_ENDPOINT_URL
is set; otherwise nothing here runs and no text leaves the application. The model gets the
versioned prompt in ``prompts/`` and one passage of the case at a time (at most
LLM_MAX_CHARS characters). For every value it must give an exact quote from that passage;
the quote is searched in ``doc.text`` within the passage (exactly, or else with any run of
whitespace matching any other, as PDF line breaks are often flattened by the model) and
gives the suggestion's offsets. A value whose quote is not found is dropped, as is a value
of an unknown field or outside the allowed codes.

Every suggestion records ``step_version = "<prompt version>+<model>"``. A prompt file is
never edited once used: write ``extract-case-v2.md`` and point :data:`PROMPT` at it.

Any failure of the model (unreachable, HTTP error, time-out, malformed answer) is logged as
a warning and the step returns no suggestions for that case; the pipeline goes on.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

from proeftuin.cases.service import BarrierCategory, LessonKind
from proeftuin.core.registry import Registry
from proeftuin.ingestion.extraction.registry import Step
from proeftuin.ingestion.llm.client import ChatClient, LLMError
from proeftuin.ingestion.types import Extracted, NormalisedDocument, Segment
from proeftuin.organisations.service import GovernmentLayer, OrganisationType

logger = logging.getLogger("proeftuin.ingestion.llm")

NAME = "llm"
PROMPT = "extract-case-v1"
MAX_CONFIDENCE = 0.8
DEFAULT_CONFIDENCE = 0.5
MIN_CHARS = 500  # floor for LLM_MAX_CHARS, so a typo cannot cut a case into slivers
MAX_TEXT = 4000
BREAKS = ("\n\n", "\n", ". ", " ")

TEXT_FIELDS = {"title", "summary", "organisation.name", "organisation.website"}
YEAR_FIELDS = {"year_start", "year_end"}
CODE_FIELDS = {
    "organisation.government_layer": set(GovernmentLayer.values),
    "organisation.organisation_type": set(OrganisationType.values),
}
# Per list field: its keys, each with its allowed codes (a set), "text" or "optional".
OBJECT_FIELDS: dict[str, dict[str, Any]] = {
    "lessons": {"kind": set(LessonKind.values), "text": "text"},
    "barriers": {"category": set(BarrierCategory.values), "text": "text"},
    "partners": {"name": "text"},
    "people": {"name": "text", "role": "optional"},
}


def load_prompt(name: str = PROMPT) -> str:
    """The text of ``prompts/<name>.md``; the name is the prompt version."""
    path = resources.files("proeftuin.ingestion.llm").joinpath("prompts", f"{name}.md")
    return path.read_text(encoding="utf-8")


def register_if_configured(registry: Registry[Step] | None = None) -> Step | None:
    """Add step "llm" to the extraction steps when LLM_ENDPOINT_URL is set (called once at
    start-up from the app's ``ready()``); the registered step, or None when it is off."""
    from django.conf import settings

    endpoint = getattr(settings, "LLM_ENDPOINT_URL", "")
    if not endpoint:
        return None
    model = getattr(settings, "LLM_MODEL", "")
    if not model:
        logger.warning(
            "LLM_ENDPOINT_URL is ingesteld maar LLM_MODEL niet: taalmodelstap staat uit."
        )
        return None
    if registry is None:
        from proeftuin.ingestion.extraction import steps  # the built-in steps register first

        registry = steps
    if NAME in registry:
        return registry[NAME]
    client = ChatClient(
        base_url=endpoint,
        model=model,
        api_key=getattr(settings, "LLM_API_KEY", ""),
        timeout=float(getattr(settings, "LLM_TIMEOUT_SECONDS", 60)),
    )
    step = make_step(client, max_chars=int(getattr(settings, "LLM_MAX_CHARS", 12000)))
    _check_version_fits(step.version)
    registry.add(NAME, step)
    logger.info("Taalmodelstap aan: %s (%s)", client.url, step.version)
    return step


def make_step(client: ChatClient, *, prompt: str = PROMPT, max_chars: int = 12000) -> Step:
    """A step that asks ``client`` for the case fields, one passage at a time."""
    instructions = load_prompt(prompt)
    version = f"{prompt}+{client.model}"
    size = max(max_chars, MIN_CHARS)

    def run(doc: NormalisedDocument, segment: Segment) -> list[Extracted]:
        """Case fields suggested by the configured language model, each with an exact quote."""
        results: dict[tuple[str, str], Extracted] = {}
        try:
            for start, end in passages(doc.text, segment.start, segment.end, size):
                answer = client.complete_json(_messages(instructions, segment, doc.text[start:end]))
                for item in suggestions(answer, doc.text, start, end, version):
                    key = (item.field, json.dumps(item.value, sort_keys=True, ensure_ascii=False))
                    results.setdefault(key, item)
        except LLMError as exc:
            logger.warning("Taalmodelstap overgeslagen voor case %r: %s", segment.title, exc)
            return []
        except Exception:  # a bug or odd answer here must never fail the whole pipeline
            logger.warning(
                "Taalmodelstap overgeslagen voor case %r: onverwachte fout",
                segment.title,
                exc_info=True,
            )
            return []
        return sorted(results.values(), key=lambda item: (item.start, item.field))

    return Step(NAME, version, run, (run.__doc__ or "").strip())


def _messages(instructions: str, segment: Segment, passage: str) -> list[dict[str, str]]:
    user = (
        f"Case: {segment.title}\n\n"
        'Passage (geef quotes letterlijk uit deze tekst):\n"""\n'
        f'{passage}\n"""'
    )
    return [{"role": "system", "content": instructions}, {"role": "user", "content": user}]


def passages(text: str, start: int, end: int, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) windows of at most ``size`` characters covering text[start:end], cut at a
    paragraph break, line break, sentence end or space in the second half of the window."""
    while start < end:
        stop = min(start + size, end)
        if stop < end:
            for mark in BREAKS:
                cut = text.rfind(mark, start + size // 2, stop)
                if cut >= 0:
                    stop = cut + len(mark)
                    break
        if text[start:stop].strip():
            yield start, stop
        start = stop


def suggestions(
    answer: dict[str, Any], text: str, start: int, end: int, version: str
) -> list[Extracted]:
    """The valid suggestions of one answer whose quote is found in text[start:end]."""
    items = answer.get("suggestions")
    if not isinstance(items, list):
        return []
    results, dropped = [], 0
    for item in items:
        if not isinstance(item, dict):
            continue
        field, value = item.get("field"), clean_value(item.get("field"), item.get("value"))
        if value is None:
            continue
        span = locate(text, item.get("quote"), start, end)
        if span is None:
            dropped += 1
            continue
        confidence = _confidence(item.get("confidence"))
        results.append(Extracted(field, value, span[0], span[1], confidence, NAME, version))
    if dropped:
        logger.info("Taalmodel: %d suggestie(s) zonder letterlijke quote weggelaten", dropped)
    return results


def clean_value(field: Any, value: Any) -> Any:
    """The value in the case's shape, or None when the field or value is not allowed."""
    if field in TEXT_FIELDS:
        return _text(value)
    if field in YEAR_FIELDS:
        return _year(value)
    if field in CODE_FIELDS:
        return value if isinstance(value, str) and value in CODE_FIELDS[field] else None
    if field in OBJECT_FIELDS and isinstance(value, dict):
        cleaned = {}
        for key, rule in OBJECT_FIELDS[field].items():
            part = value.get(key)
            if isinstance(rule, set):
                if part not in rule:
                    return None
                cleaned[key] = part
            else:
                cleaned[key] = _text(part) or ("" if rule == "optional" else None)
                if cleaned[key] is None:
                    return None
        return cleaned
    return None


def locate(text: str, quote: Any, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of ``quote`` in text[start:end]: exactly, else with whitespace runs matching
    any whitespace (the model tends to turn line breaks into spaces)."""
    if not isinstance(quote, str) or len(quote.strip()) < 2:
        return None
    quote = quote.strip()
    found = text.find(quote, start, end)
    if found >= 0:
        return found, found + len(quote)
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
    match = pattern.search(text, start, end)
    return (match.start(), match.end()) if match else None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:MAX_TEXT] if value else None


def _year(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1800 <= value <= 2100:
        return value
    return None


def _confidence(value: Any) -> float:
    """The model's own 0..1 when it gave one, never above MAX_CONFIDENCE."""
    valid = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
    return round(min(float(value) if valid else DEFAULT_CONFIDENCE, MAX_CONFIDENCE), 3)


def _check_version_fits(version: str) -> None:
    """Warn at start-up when "<prompt>+<model>" is longer than the suggestion column."""
    from proeftuin.ingestion.models import Suggestion

    limit = Suggestion._meta.get_field("step_version").max_length
    if limit and len(version) > limit:
        logger.warning(
            "step_version %r is langer dan %d tekens (Suggestion.step_version); op PostgreSQL "
            "mislukt het opslaan. Verbreed die kolom of kies een kortere LLM_MODEL-naam.",
            version,
            limit,
        )
