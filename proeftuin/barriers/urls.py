"""Pages of the barrier register (Dutch paths); the public form is /regel-melden/."""

from django.urls import path

from proeftuin.barriers import views, views_authorities, views_patterns, views_reports

app_name = "barriers"

urlpatterns = [
    path("knelpunten/", views.barrier_list, name="list"),
    path("knelpunten/nieuw/", views.barrier_create, name="create"),
    path("knelpunten/patroon/", views_patterns.heatmap, name="heatmap"),
    path("knelpunten/instanties/", views_patterns.authority_list, name="authorities"),
    path(
        "knelpunten/instanties/nieuw/",
        views_authorities.authority_create,
        name="authority_create",
    ),
    path("knelpunten/instanties/<slug:slug>/", views_patterns.authority_report, name="authority"),
    path(
        "knelpunten/instanties/<slug:slug>/bewerken/",
        views_authorities.authority_edit,
        name="authority_edit",
    ),
    path(
        "knelpunten/instanties/<slug:slug>/export/",
        views_patterns.export_create,
        name="export_create",
    ),
    path("knelpunten/export/<uuid:uuid>/", views_patterns.export_page, name="export"),
    path(
        "knelpunten/export/<uuid:uuid>/bestand/",
        views_patterns.export_download,
        name="export_download",
    ),
    path("knelpunten/meldingen/", views_reports.report_list, name="reports"),
    path("knelpunten/meldingen/<uuid:uuid>/", views_reports.report_moderate, name="moderate"),
    path("knelpunten/koppeling/<uuid:uuid>/", views.link_decide, name="link_decide"),
    path("knelpunten/van/<str:kind>/<slug:slug>/", views.subject_links, name="subject_links"),
    path("knelpunten/<slug:slug>/", views.barrier_detail, name="detail"),
    path("knelpunten/<slug:slug>/bewerken/", views.barrier_edit, name="edit"),
    path("knelpunten/<slug:slug>/status/", views.barrier_move, name="move"),
    path("knelpunten/<slug:slug>/samenvoegen/", views.barrier_merge, name="merge"),
    path("knelpunten/<slug:slug>/dossier/", views.barrier_dossier, name="dossier"),
    path("regel-melden/", views_reports.report_form, name="report"),
    path("regel-melden/<uuid:uuid>/", views_reports.report_status, name="report_status"),
]
