"""/api/v1: the router of every app's API and the OpenAPI document (API-51)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.routers import DefaultRouter

from proeftuin.cases.api.views import CaseViewSet
from proeftuin.ingestion.api.views import DocumentViewSet, SuggestionViewSet
from proeftuin.organisations.api.views import OrganisationViewSet
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

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(), name="schema-yaml"),
    path("search", SearchView.as_view(), name="search"),
    path("search/prior-cases", PriorCasesView.as_view(), name="search-prior-cases"),
    path("cases/<uuid:uuid>/similar", SimilarCasesView.as_view(), name="case-similar"),
    path("", include(router.urls)),
]
