"""API v1 of adopter matching: the organisations most likely to benefit from an initiative
or a case, and the proven innovations most relevant to an organisation, each with its
reasons (in the caller's language, Dutch by default). Read-only; what the caller may see
decides every feature and result (``proeftuin.diffusion.matching``)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from proeftuin.api.serializers import ProblemSerializer
from proeftuin.cases.service import case_visible
from proeftuin.diffusion.matching_cached import adopter_matches, innovation_matches
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import initiative_visible

PROBLEM = "application/problem+json"
MAX_MATCHES = 50


class MatchQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(
        min_value=1,
        max_value=MAX_MATCHES,
        default=20,
        help_text=gettext_lazy("How many matches to return, best first (1 to 50)."),
    )


class OrganisationMatchSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()
    organisation_type = serializers.CharField()
    province = serializers.CharField()
    url = serializers.URLField(help_text=gettext_lazy("The organisation in the API."))
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


class InnovationMatchSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["initiative", "case"])
    uuid = serializers.UUIDField()
    title = serializers.CharField()
    innovator = serializers.CharField(help_text=gettext_lazy("The lead organisation."))
    page = serializers.URLField(help_text=gettext_lazy("The innovation's page."))
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


def _limit(request) -> int:
    payload = MatchQuerySerializer(data=request.query_params)
    payload.is_valid(raise_exception=True)
    return payload.validated_data["limit"]


def _schema(operation_id: str, tag: str, description, response):
    return extend_schema(
        operation_id=operation_id,
        tags=[tag],
        description=description,
        parameters=[
            OpenApiParameter("uuid", OpenApiTypes.UUID, OpenApiParameter.PATH),
            MatchQuerySerializer,
        ],
        responses={
            200: response(many=True),
            (400, PROBLEM): ProblemSerializer,
            (404, PROBLEM): ProblemSerializer,
        },
    )


ADOPTERS = gettext_lazy(
    "Organisations most likely to benefit from this innovation, best first, each with its "
    "reasons; the innovator and organisations that adopted it left out."
)


class _AdopterMatchesView(APIView):
    not_found = ""

    def innovation(self, request, uuid):
        raise NotImplementedError

    def get(self, request, uuid):
        limit = _limit(request)
        innovation = self.innovation(request, uuid)
        if innovation is None:
            raise NotFound(self.not_found)
        matches = adopter_matches(innovation, user=request.user, limit=limit)
        uuids = dict(
            Organisation.objects.filter(pk__in=[m.subject.pk for m in matches]).values_list(
                "pk", "uuid"
            )
        )
        rows = [
            {
                "uuid": uuids[m.subject.pk],
                "name": m.subject.name,
                "organisation_type": m.subject.organisation_type,
                "province": m.subject.province,
                "url": request.build_absolute_uri(
                    reverse("api:organisation-detail", args=[uuids[m.subject.pk]])
                ),
                "score": m.score,
                "reasons": m.reasons,
            }
            for m in matches
        ]
        return Response(OrganisationMatchSerializer(rows, many=True).data)


class InitiativeAdopterMatchesView(_AdopterMatchesView):
    @_schema(
        "initiatives_adopter_matches_list", "initiatives", ADOPTERS, OrganisationMatchSerializer
    )
    def get(self, request, uuid):
        return super().get(request, uuid)

    def innovation(self, request, uuid):
        self.not_found = _("This initiative does not exist or is not visible to you.")
        return initiative_visible(request.user).filter(uuid=uuid).first()


class CaseAdopterMatchesView(_AdopterMatchesView):
    @_schema("cases_adopter_matches_list", "cases", ADOPTERS, OrganisationMatchSerializer)
    def get(self, request, uuid):
        return super().get(request, uuid)

    def innovation(self, request, uuid):
        self.not_found = _("This case does not exist or is not visible to you.")
        return case_visible(request.user).filter(uuid=uuid).first()


class OrganisationInnovationMatchesView(APIView):
    @_schema(
        "organisations_innovation_matches_list",
        "organisations",
        gettext_lazy(
            "Proven innovations (taken up elsewhere, or cases with measured outcomes) most "
            "relevant to this organisation, best first, each with its reasons."
        ),
        InnovationMatchSerializer,
    )
    def get(self, request, uuid):
        limit = _limit(request)
        organisation = Organisation.objects.filter(uuid=uuid).first()
        if organisation is None:
            raise NotFound(_("This organisation does not exist."))
        matches = innovation_matches(organisation, user=request.user, limit=limit)
        rows = [
            {
                "kind": m.subject.key.split(":")[0],
                "uuid": m.subject.key.split(":")[1],
                "title": m.subject.title,
                "innovator": m.subject.innovator.name,
                "page": request.build_absolute_uri(m.subject.url),
                "score": m.score,
                "reasons": m.reasons,
            }
            for m in matches
        ]
        return Response(InnovationMatchSerializer(rows, many=True).data)


urlpatterns = [
    path(
        "initiatives/<uuid:uuid>/adopter-matches",
        InitiativeAdopterMatchesView.as_view(),
        name="initiative-adopter-matches",
    ),
    path(
        "cases/<uuid:uuid>/adopter-matches",
        CaseAdopterMatchesView.as_view(),
        name="case-adopter-matches",
    ),
    path(
        "organisations/<uuid:uuid>/innovation-matches",
        OrganisationInnovationMatchesView.as_view(),
        name="organisation-innovation-matches",
    ),
]
