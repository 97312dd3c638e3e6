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
