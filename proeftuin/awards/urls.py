from django.urls import path

from proeftuin.awards import views

app_name = "awards"

NOMINATION = "prijzen/nominaties/<uuid:uuid>"

urlpatterns = [
    path("prijzen/", views.edition_list, name="editions"),
    path("prijzen/<slug:slug>/", views.edition_detail, name="edition"),
    path("prijzen/<slug:slug>/nomineren/", views.nominate, name="nominate"),
    path(f"{NOMINATION}/", views.nomination_detail, name="nomination"),
    path(f"{NOMINATION}/toestemming/", views.consent, name="consent"),
    path(f"{NOMINATION}/inzending/", views.submission, name="submission"),
]
