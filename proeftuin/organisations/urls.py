from django.urls import path

from proeftuin.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("kaart/", views.organisation_map, name="map"),
    path("nieuw/", views.organisation_create, name="create"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.organisation_edit, name="edit"),
]
