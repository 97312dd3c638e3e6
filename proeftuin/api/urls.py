"""/api/v1: the router of every app's API and the OpenAPI document."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from proeftuin.cases.api.views import CaseViewSet
from proeftuin.organisations.api.views import OrganisationViewSet

app_name = "api"

router = DefaultRouter(trailing_slash=False)
router.include_root_view = False
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("cases", CaseViewSet, basename="case")

urlpatterns = [
    path("openapi.yaml", SpectacularAPIView.as_view(), name="schema"),
    path("", include(router.urls)),
]
