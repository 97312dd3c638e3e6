import json

from django import template
from django.utils.html import format_html

register = template.Library()

CONTEXT = 160


@register.simple_tag
def in_context(text: str, suggestion) -> str:
    """The quoted passage highlighted inside the sentences around it in the document."""
    start, end = suggestion.start, suggestion.end
    before = text[max(start - CONTEXT, 0) : start]
    after = text[end : end + CONTEXT]
    quote = suggestion.quote if len(suggestion.quote) <= 600 else suggestion.quote[:600] + "…"
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if start > CONTEXT else "",
        before,
        quote,
        after,
        "…" if end + CONTEXT < len(text) else "",
    )


@register.filter
def as_text(value) -> str:
    """A suggested value as people read it: lists joined, records as "key: value" pairs."""
    if isinstance(value, dict):
        return "; ".join(f"{key}: {as_text(item)}" for key, item in value.items() if item)
    if isinstance(value, list):
        return ", ".join(as_text(item) for item in value)
    return "" if value is None else str(value)


@register.filter
def as_json(value) -> str:
    """The value as JSON (for editing records and lists); plain text stays plain."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
