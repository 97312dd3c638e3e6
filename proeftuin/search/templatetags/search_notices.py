"""``{% search_notices as notices %}``: what the similar-cases and "has this been done
before?" panels tell the user when an index of this process cannot be used right now."""

from django import template

from proeftuin.search.health import notices

register = template.Library()


@register.simple_tag
def search_notices() -> list[str]:
    return notices()
