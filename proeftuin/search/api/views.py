"""Search API views: parse, call the search service, render.

What a caller gets back is decided by ``proeftuin.search.service`` for ``request.user``:
anonymous callers find published public cases only.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from proeftuin.api.serializers import ProblemSerializer
from proeftuin.core.service import with_related
from proeftuin.search import service
from proeftuin.search.api.payload import Links, related_data, search_data
from proeftuin.search.api.serializers import (
    PriorCasesSerializer,
    RelatedCaseSerializer,
    RelatedQuerySerializer,
    SearchQuerySerializer,
    SearchResponseSerializer,
    parse_facets,
)
from proeftuin.search.forms import search_facets


def facet_parameters() -> list[OpenApiParameter]:
    """One query parameter per facet of the kind with facets (the case library's filters)."""
    return [
        OpenApiParameter(
            facet.key,
            OpenApiTypes.STR,
            many=True,
            explode=True,
            description=facet.label,
        )
        for facet in search_facets()
    ]


PROBLEM = "application/problem+json"
NOTICE_HEADERS = [
    OpenApiParameter(
        "Search-Degraded",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description=gettext_lazy(
            "Only when an index could not be used (it is being repaired): keyword, vectors "
            "or both, comma-separated. The cases were then found without it."
        ),
    ),
    OpenApiParameter(
        "Search-Notice",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200],
        description=gettext_lazy(
            "With Search-Degraded: what that means, in the interface language (ASCII)."
        ),
    ),
]


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _related_response(cases, request) -> Response:
    """Similar or earlier cases; the notice headers when an index could not be used."""
    response = Response(RelatedCaseSerializer(related_data(cases, Links(request)), many=True).data)
    if cases.degraded:
        response["Search-Degraded"] = ", ".join(cases.degraded)
        response["Search-Notice"] = _ascii(" ".join(str(m) for m in cases.messages))
    return response


def _valid(serializer_class, data) -> dict:
    payload = serializer_class(data=data)
    payload.is_valid(raise_exception=True)
    return payload.validated_data


def _search_params(query_params) -> tuple[dict, dict[str, list[str]]]:
    """The query, mode and limit, and the facet filters; every problem reported at once."""
    payload = SearchQuerySerializer(data=query_params)
    errors = {} if payload.is_valid() else dict(payload.errors)
    try:
        selection = parse_facets(query_params)
    except ValidationError as exc:
        errors.update(exc.detail)
    if errors:
        raise ValidationError(errors)
    return payload.validated_data, selection


class SearchView(APIView):
    """Search the passages of cases and documents."""

    @extend_schema(
        operation_id="search",
        tags=["search"],
        description=gettext_lazy(
            "Passages of cases (and of documents you may see) that match the query, best "
            "first: found by matching words, by meaning, or both (hybrid). Takes the same "
            "filters as the case list. meta holds the facet counts over the matching cases, "
            "notices, spelling suggestions and how far the meaning index is."
        ),
        parameters=[SearchQuerySerializer, *facet_parameters()],
        responses={200: SearchResponseSerializer, (400, PROBLEM): ProblemSerializer},
    )
    def get(self, request):
        params, selection = _search_params(request.query_params)
        results = service.search(
            user=request.user, query=params["q"], selection=selection, mode=params["mode"]
        )
        data = search_data(results, params["limit"], Links(request))
        return Response(SearchResponseSerializer(data).data)


class PriorCasesView(APIView):
    """Has this been done before? Cases like a described idea."""

    @extend_schema(
        operation_id="search_prior_cases",
        tags=["search"],
        description=gettext_lazy(
            "Has this been done before? Cases you may see that resemble a described idea or "
            "plan, best first, each with the reasons it came up."
        ),
        request=PriorCasesSerializer,
        parameters=NOTICE_HEADERS,
        responses={
            200: RelatedCaseSerializer(many=True),
            (400, PROBLEM): ProblemSerializer,
        },
    )
    def post(self, request):
        payload = _valid(PriorCasesSerializer, request.data)
        cases = service.prior_cases(user=request.user, text=payload["text"], limit=payload["limit"])
        return _related_response(cases, request)


class SimilarCasesView(APIView):
    """Cases like one case."""

    @extend_schema(
        operation_id="cases_similar_list",
        tags=["cases"],
        description=gettext_lazy(
            "Cases you may see that resemble this case (itself left out), best first, each "
            "with the reasons it came up."
        ),
        parameters=[
            OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH),
            RelatedQuerySerializer,
            *NOTICE_HEADERS,
        ],
        responses={
            200: RelatedCaseSerializer(many=True),
            (400, PROBLEM): ProblemSerializer,
            (404, PROBLEM): ProblemSerializer,
        },
    )
    def get(self, request, uuid):
        params = _valid(RelatedQuerySerializer, request.query_params)
        kind = with_related()
        case = kind.visible_to(request.user).filter(uuid=uuid).first() if kind else None
        if case is None:
            raise NotFound(_("This case does not exist or is not visible to you."))
        cases = service.similar_cases(user=request.user, case=case, limit=params["limit"])
        return _related_response(cases, request)
