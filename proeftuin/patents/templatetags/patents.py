"""``{% patents_of innovation %}``: the innovation patents of an initiative or a case the
viewer may see, as links (for the innovation's adoption pages; the diffusion app names no
patent)."""

from django import template
from django.template.loader import render_to_string

from proeftuin.diffusion.service import canonical
from proeftuin.patents.selectors import patent_visible
from proeftuin.portfolio.service import Initiative

register = template.Library()


@register.simple_tag(takes_context=True)
def patents_of(context, innovation) -> str:
    record = canonical(innovation)
    field = "initiative" if isinstance(record, Initiative) else "case"
    rows = patent_visible(context["request"].user).filter(**{field: record})
    patents = list(rows.select_related("programme").only("uuid", "title", "programme__name"))
    if not patents:
        return ""
    return render_to_string("patents/_of_innovation.html", {"patents": patents})
