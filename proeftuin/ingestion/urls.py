from django.urls import path

from proeftuin.ingestion import views

app_name = "ingestion"

urlpatterns = [
    path("", views.source_list, name="list"),
    path("<uuid:uuid>/", views.source_detail, name="detail"),
    path("<uuid:uuid>/opnieuw/", views.job_retry, name="retry"),
    path("<uuid:uuid>/casus/<int:segment>/", views.segment_action, name="segment"),
    path("suggesties/<uuid:uuid>/", views.suggestion_decide, name="decide"),
]
