"""Search API: the query parameters it accepts and the representation it returns.

The output serializers describe the plain data of ``payload`` (the result contract of
``proeftuin.search.results``), so the OpenAPI document and the responses cannot drift apart.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from proeftuin.core.service import faceted
from proeftuin.search.engine import MODES
from proeftuin.search.models import PassageKind

MAX_LIMIT = 100
MAX_RELATED = 20
MAX_QUERY_CHARS = 10_000
# q travels in the query string, which the API caps (API_MAX_QUERY_STRING, 414); search
# reads only the first 1,000 characters anyway.
MAX_SEARCH_CHARS = 2_000


# --------------------------------------------------------------------------- input


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_SEARCH_CHARS,
        help_text=_("What you are looking for, in your own words (Dutch or English)."),
        error_messages={
            "required": _("Give a search query in the q parameter."),
            "blank": _("The search query is empty; type what you are looking for."),
        },
    )
    mode = serializers.ChoiceField(
        choices=MODES,
        default="hybrid",
        error_messages={"invalid_choice": _("Choose hybrid, keyword or vector as the mode.")},
        help_text=_(
            "hybrid: words and meaning combined (default); keyword: matching words only; "
            "vector: meaning only."
        ),
    )
    limit = serializers.IntegerField(
        min_value=1,
        max_value=MAX_LIMIT,
        default=20,
        help_text=_("How many passages to return, best first (1 to 100)."),
    )


class RelatedQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1,
        max_value=MAX_RELATED,
        default=5,
        help_text=_("How many cases to return, best first (1 to 20)."),
    )


class PriorCasesSerializer(RelatedQuerySerializer):
    text = serializers.CharField(
        max_length=MAX_QUERY_CHARS,
        help_text=_(
            "A description of the idea or plan; only the first 4,000 characters are compared."
        ),
        error_messages={
            "required": _("Describe the idea in the text field."),
            "blank": _("The description is empty; describe the idea in a few sentences."),
        },
    )


def parse_facets(params) -> dict[str, list[str]]:
    """The facet filters in ``params`` (a QueryDict or a dict of lists), validated by the kind
    with facets (the case library, like its list); raises ValidationError like it would."""
    kind = faceted()
    if kind is None:
        return {}
    return kind.faceting.parse(params)


# --------------------------------------------------------------------------- output


class PassageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=PassageKind.choices)
    kind_label = serializers.CharField()
    label = serializers.CharField(help_text=_("Theme, lesson kind or page of the passage."))
    text = serializers.CharField()
    snippet = serializers.CharField(
        help_text=_("HTML excerpt around the matched words, which are marked with <mark>.")
    )
    matched_terms = serializers.ListField(child=serializers.CharField())


class CaseRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.URLField(help_text=_("The case in this API."))
    web_url = serializers.URLField(help_text=_("The case page on the website."))
    organisations = serializers.ListField(child=serializers.CharField())


class DocumentRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    filename = serializers.CharField()
    url = serializers.URLField(help_text=_("The document in this API."))


class InitiativeRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    title = serializers.CharField()
    slug = serializers.CharField()
    web_url = serializers.URLField(help_text=_("The initiative page on the website."))
    organisations = serializers.ListField(child=serializers.CharField())


class SearchResultSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    score = serializers.FloatField(help_text=_("Combined score; higher is better."))
    keyword_rank = serializers.IntegerField(
        allow_null=True, help_text=_("Rank among the keyword matches; null if not among them.")
    )
    vector_rank = serializers.IntegerField(
        allow_null=True,
        help_text=_("Rank among the matches in meaning; null if not among them."),
    )
    similarity = serializers.FloatField(
        allow_null=True,
        help_text=_("Cosine similarity of query and passage; null when meaning was not used."),
    )
    passage = PassageSerializer()
    case = CaseRefSerializer(allow_null=True)
    document = DocumentRefSerializer(
        allow_null=True, help_text=_("The uploaded document, for passages not in a case.")
    )
    initiative = InitiativeRefSerializer(
        allow_null=True, help_text=_("The initiative, for passages of an initiative.")
    )
    barrier = InitiativeRefSerializer(
        allow_null=True,
        help_text=_("The barrier in the register, for passages of a barrier (webUrl: its page)."),
    )
    owner_kind = serializers.CharField(
        help_text=_(
            "The kind of object the passage belongs to: case, document, initiative, barrier."
        )
    )
    owner_kind_label = serializers.CharField(
        help_text=_("That kind in the interface language (Casus, Document, Initiatief).")
    )


class IndexProgressSerializer(serializers.Serializer):
    passages = serializers.IntegerField()
    embedded = serializers.IntegerField()
    pending = serializers.IntegerField()
    complete = serializers.BooleanField(
        help_text=_("True when every passage can also be found by meaning.")
    )


class FacetChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    choices = FacetChoiceSerializer(many=True)


class SearchMetaSerializer(serializers.Serializer):
    query = serializers.CharField()
    mode = serializers.ChoiceField(choices=MODES)
    used_vectors = serializers.BooleanField(
        help_text=_("False when only keywords were used (keyword mode, or no vectors yet).")
    )
    messages = serializers.ListField(child=serializers.CharField())
    degraded = serializers.ListField(
        child=serializers.ChoiceField(choices=["keyword", "vectors"]),
        help_text=_(
            "Indexes that could not be used for this search (being repaired): keyword "
            "matches then come from a simpler search in the database, or meaning is left "
            "out. Empty when everything worked; messages says it in words."
        ),
    )
    suggestions = serializers.ListField(
        child=serializers.CharField(), help_text=_("Corrected queries (did you mean ...).")
    )
    index_progress = IndexProgressSerializer()
    total_cases = serializers.IntegerField(help_text=_("Cases among the matches."))
    facets = FacetSerializer(many=True, help_text=_("Value counts over the matching cases."))


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text=_("Passages found (at most the search depth)."))
    results = SearchResultSerializer(many=True)
    meta = SearchMetaSerializer()


class RelatedCaseSerializer(serializers.Serializer):
    case = CaseRefSerializer()
    score = serializers.FloatField()
    similarity = serializers.FloatField(allow_null=True)
    strength = serializers.CharField(help_text=_("How similar, in words."))
    reasons = serializers.ListField(child=serializers.CharField())
    passages = PassageSerializer(many=True, help_text=_("The best matching passages."))
