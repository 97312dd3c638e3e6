"""The content generation: a number every cache of derived content is keyed on."""

from django.db.models import F

from proeftuin.core.models import ContentState


def content_generation() -> str:
    """A short key that changes after every committed write to the content."""
    row = ContentState.objects.filter(pk=1).values_list("token", "generation").first()
    return f"{row[0].hex}:{row[1]}" if row else "none:0"


def content_changed() -> None:
    """Call inside the writing transaction of every change to cases or organisations."""
    if not ContentState.objects.filter(pk=1).update(generation=F("generation") + 1):
        ContentState.objects.get_or_create(pk=1, defaults={"generation": 1})
