from django.urls import path

from proeftuin.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_results, name="results"),
    path("voortgang/", views.search_progress, name="progress"),
    path("vergelijkbaar/<slug:slug>/", views.similar, name="similar"),
    path("eerder-gedaan/", views.prior, name="prior"),
]
