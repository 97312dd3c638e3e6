"""/api/v1: the router of every app's API and the OpenAPI document (API-51)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.routers import DefaultRouter

from proeftuin.awards.api.views import AwardEditionViewSet, AwardNominationViewSet
from proeftuin.barriers.api.views import BarrierViewSet
from proeftuin.cases.api.views import CaseViewSet
from proeftuin.circles.api.views import (
    CircleViewSet,
    MeetingDetail,
    MeetingList,
    MemberList,
    QuestionList,
)
from proeftuin.diffusion.api.views import (
    AdoptionViewSet,
    CaseLineageView,
    InitiativeLineageView,
)
from proeftuin.diffusion.service import matching_api_urls as matching_urls
from proeftuin.funding.api.views import FundingRoundViewSet
from proeftuin.funding.api.views import urlpatterns as funding_urls
from proeftuin.ingestion.api.views import DocumentViewSet, SuggestionViewSet
from proeftuin.organisations.api.views import OrganisationViewSet
from proeftuin.patents.api.views import ClaimDecisionView, ClaimList, PatentViewSet
from proeftuin.patents.api.views import MeetingList as PatentMeetingList
from proeftuin.portfolio.api.views import (
    InitiativeViewSet,
    KpiViewSet,
    MeasurementViewSet,
    ReflectionViewSet,
)
from proeftuin.search.api.views import PriorCasesView, SearchView, SimilarCasesView

app_name = "api"

UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class Router(DefaultRouter):
    """Lookups by uuid match only uuids: anything else is an unknown address (404)."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        if getattr(viewset, "lookup_field", None) != "uuid":
            return super().get_lookup_regex(viewset, lookup_prefix)
        name = getattr(viewset, "lookup_url_kwarg", None) or "uuid"
        return f"(?P<{lookup_prefix}{name}>{UUID_PATTERN})"


router = Router(trailing_slash=False)
router.include_root_view = False
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("cases", CaseViewSet, basename="case")
router.register("documents", DocumentViewSet, basename="document")
router.register("suggestions", SuggestionViewSet, basename="suggestion")
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("adoptions", AdoptionViewSet, basename="adoption")
router.register("barriers", BarrierViewSet, basename="barrier")
router.register("circles", CircleViewSet, basename="circle")
router.register("patents", PatentViewSet, basename="patent")
router.register("funding/rounds", FundingRoundViewSet, basename="funding-round")
router.register("awards/editions", AwardEditionViewSet, basename="award-edition")
router.register("awards/nominations", AwardNominationViewSet, basename="award-nomination")

PART_LIST = {"get": "list", "post": "create"}
PART_DETAIL = {"get": "retrieve", "put": "update", "patch": "partial_update", "delete": "destroy"}
INITIATIVE = "initiatives/<uuid:initiative>"
KPI = f"{INITIATIVE}/kpis/<uuid:kpi>"
initiative_parts = [
    path(
        f"{INITIATIVE}/reflections",
        ReflectionViewSet.as_view(PART_LIST),
        name="initiative-reflection-list",
    ),
    path(
        f"{INITIATIVE}/reflections/<uuid:uuid>",
        ReflectionViewSet.as_view(PART_DETAIL),
        name="initiative-reflection-detail",
    ),
    path(f"{INITIATIVE}/kpis", KpiViewSet.as_view(PART_LIST), name="initiative-kpi-list"),
    path(
        f"{INITIATIVE}/kpis/<uuid:uuid>",
        KpiViewSet.as_view(PART_DETAIL),
        name="initiative-kpi-detail",
    ),
    path(
        f"{KPI}/measurements",
        MeasurementViewSet.as_view(PART_LIST),
        name="initiative-kpi-measurement-list",
    ),
    path(
        f"{KPI}/measurements/<uuid:uuid>",
        MeasurementViewSet.as_view(PART_DETAIL),
        name="initiative-kpi-measurement-detail",
    ),
]

CIRCLE = "circles/<uuid:circle>"
circle_parts = [
    path(f"{CIRCLE}/members", MemberList.as_view(), name="circle-member-list"),
    path(f"{CIRCLE}/meetings", MeetingList.as_view(), name="circle-meeting-list"),
    path(f"{CIRCLE}/meetings/<uuid:uuid>", MeetingDetail.as_view(), name="circle-meeting-detail"),
    path(f"{CIRCLE}/questions", QuestionList.as_view(), name="circle-question-list"),
]

PATENT = "patents/<uuid:patent>"
patent_parts = [
    path(f"{PATENT}/meetings", PatentMeetingList.as_view(), name="patent-meeting-list"),
    path(f"{PATENT}/claims", ClaimList.as_view(), name="patent-claim-list"),
    path(
        f"{PATENT}/claims/<uuid:uuid>/decision",
        ClaimDecisionView.as_view(),
        name="patent-claim-decision",
    ),
]

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="schema-yaml"),
    path("search", SearchView.as_view(), name="search"),
    path("search/prior-cases", PriorCasesView.as_view(), name="search-prior-cases"),
    path("cases/<uuid:uuid>/similar", SimilarCasesView.as_view(), name="case-similar"),
    path(f"{INITIATIVE}/lineage", InitiativeLineageView.as_view(), name="initiative-lineage"),
    path("cases/<uuid:uuid>/lineage", CaseLineageView.as_view(), name="case-lineage"),
    *initiative_parts,
    *circle_parts,
    *patent_parts,
    *funding_urls,
    *matching_urls,
    path("", include(router.urls)),
]
