"""Adopter matching pages, under /overname/ (namespace ``matching``)."""

from django.urls import path

from proeftuin.diffusion import views_matching as views

app_name = "matching"

urlpatterns = [
    path(
        "initiatief/<slug:slug>/wie-heeft-hier-ook-iets-aan/",
        views.initiative_matches,
        name="initiative",
    ),
    path("casus/<slug:slug>/wie-heeft-hier-ook-iets-aan/", views.case_matches, name="case"),
    path(
        "organisatie/<slug:slug>/wat-past-bij-ons/",
        views.organisation_matches,
        name="organisation",
    ),
]
