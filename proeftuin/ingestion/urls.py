from django.urls import path

from proeftuin.ingestion import review_views, views, views_delete, views_duplicates

app_name = "ingestion"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<uuid:uuid>/", views.source_detail, name="detail"),
    path("<uuid:uuid>/opnieuw/", views.job_retry, name="retry"),
    path("<uuid:uuid>/verwijderen/", views_delete.source_delete, name="delete"),
    path("<uuid:uuid>/casus/<int:segment>/", views.segment_action, name="segment"),
    path(
        "<uuid:uuid>/casus/<int:segment>/dubbel/",
        views_duplicates.segment_duplicate,
        name="duplicate",
    ),
    path(
        "<uuid:uuid>/casus/<int:segment>/accepteren/",
        review_views.accept_above,
        name="accept_above",
    ),
    path("suggesties/<uuid:uuid>/", review_views.suggestion_decide, name="decide"),
    path("suggesties/<uuid:uuid>/ongedaan/", review_views.suggestion_undo, name="undo"),
]
