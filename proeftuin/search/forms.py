"""Forms of the search pages: they only parse; ``search`` decides what is found."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import faceted

MAX_QUERY_CHARS = 1000  # what is kept of the query (search itself reads less)
MAX_IDEA_CHARS = 4000  # what is kept of a described idea
MAX_VALUES_PER_FACET = 30
MAX_VALUE_CHARS = 80
MODES = {
    "hybrid": _("Words and meaning"),
    "keyword": _("Exact words"),
    "vector": _("Meaning only"),
}
# The choice the search page offers, in plain words (the API also takes "vector").
PAGE_MODES = {
    "keyword": _("Search on the words I type"),
    "hybrid": _("Also search on meaning"),
}


class FacetValues(forms.Field):
    """Repeated query parameters (``?layer=local&layer=regional``), like the case library."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        values = [value] if isinstance(value, str) else list(value or [])
        cleaned = sorted({str(v).strip()[:MAX_VALUE_CHARS] for v in values if str(v).strip()})
        if len(cleaned) > MAX_VALUES_PER_FACET:
            raise forms.ValidationError(_("Too many values chosen for one filter."))
        return cleaned


def search_facets() -> list:
    """The facets search offers: those of the searchable kind with facets (the case library)."""
    kind = faceted()
    return list(kind.faceting.facets) if kind is not None else []


class SearchForm(forms.Form):
    """``q``, ``mode`` and one field per facet; bad input falls back to a default."""

    q = forms.CharField(required=False, strip=True)
    mode = forms.CharField(required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data=data if data is not None else {}, **kwargs)
        for facet in search_facets():
            self.fields[facet.key] = FacetValues(required=False, label=facet.label)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]

    def clean_mode(self) -> str:
        mode = self.cleaned_data["mode"]
        return mode if mode in MODES else "hybrid"

    def parsed(self) -> tuple[str, str, dict[str, list[str]]]:
        """(query, mode, facet selection) from the valid fields; invalid ones are left out."""
        self.is_valid()
        data = self.cleaned_data
        selection = {f.key: data[f.key] for f in search_facets() if data.get(f.key)}
        return data.get("q", ""), data.get("mode", "hybrid"), selection


def idea_text(data) -> str:
    """The described idea from ``title``, ``summary``, ``problem`` (an initiative's
    societal problem) and ``text`` parameters, joined."""
    names = ("title", "summary", "problem", "text")
    parts = (str(data.get(name, "")).strip() for name in names)
    return "\n".join(p for p in parts if p)[:MAX_IDEA_CHARS]
