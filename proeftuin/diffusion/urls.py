from django.urls import path

from proeftuin.diffusion import views, views_pages

app_name = "diffusion"

urlpatterns = [
    path("", views_pages.adoption_list, name="list"),
    path("organisatie/<slug:slug>/", views_pages.organisation_adoptions, name="organisation"),
    path("<uuid:uuid>/", views.adoption_detail, name="detail"),
    path("<uuid:uuid>/bewerken/", views.adoption_edit, name="edit"),
    path("<uuid:uuid>/status/", views.adoption_status, name="status"),
    path("<uuid:uuid>/eigen-initiatief/", views.adoption_own_initiative, name="own_initiative"),
    path("<uuid:uuid>/intrekken/", views.adoption_withdraw, name="withdraw"),
    path("<slug:kind>/<slug:slug>/", views_pages.innovation_lineage, name="lineage"),
    path("<slug:kind>/<slug:slug>/overnemen/", views.adoption_start, name="start"),
]
