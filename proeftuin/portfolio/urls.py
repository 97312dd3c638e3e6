from django.urls import path

from proeftuin.portfolio import (
    views,
    views_case,
    views_dashboard,
    views_parts,
    views_pipeline,
    views_stages,
)

app_name = "portfolio"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("nieuw/", views.initiative_create, name="create"),
    path("overzicht/", views_dashboard.dashboard_organisation, name="dashboard"),
    path(
        "overzicht/programma/<slug:slug>/",
        views_dashboard.dashboard_programme,
        name="dashboard_programme",
    ),
    path("overzicht/export/", views_dashboard.export_create, name="export_create"),
    path("overzicht/export/<uuid:uuid>/", views_dashboard.export_status, name="export"),
    path(
        "overzicht/export/<uuid:uuid>/bestand/",
        views_dashboard.export_download,
        name="export_download",
    ),
    path("werkwijze/", views_pipeline.pipeline_overview, name="pipelines"),
    path("werkwijze/<slug:slug>/", views_pipeline.pipeline_detail, name="pipeline"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.initiative_edit, name="edit"),
    path("<slug:slug>/fase/", views_stages.stage_change, name="stage"),
    path("<slug:slug>/casus/", views_case.initiative_case, name="to_case"),
    path(
        "<slug:slug>/kpis/<uuid:kpi>/metingen/nieuw/",
        views_parts.measurement_add,
        name="measurement_add",
    ),
    path(
        "<slug:slug>/kpis/<uuid:kpi>/metingen/<uuid:uuid>/",
        views_parts.measurement_edit,
        name="measurement_edit",
    ),
    path("<slug:slug>/<slug:kind>/nieuw/", views_parts.part_add, name="part_add"),
    path("<slug:slug>/<slug:kind>/<uuid:uuid>/", views_parts.part_edit, name="part_edit"),
]
