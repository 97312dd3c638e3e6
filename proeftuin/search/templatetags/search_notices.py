"""``{% search_notices as notices %}``: what the similar-cases and "has this been done
before?" panels tell the user when an index of this process cannot be used right now."""

from django import template

from proeftuin.search.health import notices, notices_for

register = template.Library()


@register.simple_tag(takes_context=True)
def search_notices(context) -> list[str]:
    """Administrators read what is wrong; everyone else at most a neutral sentence."""
    request = context.get("request")
    return notices_for(getattr(request, "user", None), notices())
