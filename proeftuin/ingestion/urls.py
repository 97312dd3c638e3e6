from django.urls import path

from proeftuin.ingestion import views, views_duplicates

app_name = "ingestion"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<uuid:uuid>/", views.source_detail, name="detail"),
    path("<uuid:uuid>/opnieuw/", views.job_retry, name="retry"),
    path("<uuid:uuid>/casus/<int:segment>/", views.segment_action, name="segment"),
    path("suggesties/<uuid:uuid>/", views.suggestion_decide, name="decide"),
    path(
        "<uuid:uuid>/casus/<int:segment>/dubbel/",
        views_duplicates.segment_duplicate,
        name="duplicate",
    ),
]
