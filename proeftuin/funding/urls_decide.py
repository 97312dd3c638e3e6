"""Page addresses of the decision part (included by funding/urls.py, namespace "funding")."""

from django.urls import path

from proeftuin.funding import views_decide, views_decide_grant

ROUND = "rondes/<slug:slug>"
APPLICATION = "aanvragen/<uuid:uuid>/besluit"

urlpatterns = [
    path(f"{ROUND}/besluiten/", views_decide.decide_round, name="decide_round"),
    path(f"{ROUND}/besluitbrieven/", views_decide.decide_letters, name="decide_letters"),
    path(f"{ROUND}/cijfers/", views_decide.decide_analytics, name="decide_analytics"),
    path(
        f"{ROUND}/cijfers.<str:fmt>",
        views_decide.decide_analytics_file,
        name="decide_analytics_file",
    ),
    path(f"{ROUND}/resultaten/", views_decide.decide_results, name="decide_results"),
    path(f"{APPLICATION}/", views_decide_grant.decide_application, name="decide_application"),
    path(f"{APPLICATION}/nemen/", views_decide_grant.decide_one, name="decide_one"),
    path(
        f"{APPLICATION}/initiatief/", views_decide_grant.decide_initiative, name="decide_initiative"
    ),
    path(
        f"{APPLICATION}/tranches/", views_decide_grant.decide_tranche_add, name="decide_tranche_add"
    ),
    path(
        f"{APPLICATION}/tranches/<uuid:tranche>/betaald/",
        views_decide_grant.decide_tranche_paid,
        name="decide_tranche_paid",
    ),
    path(
        f"{APPLICATION}/verplichtingen/<uuid:obligation>/",
        views_decide_grant.decide_obligation,
        name="decide_obligation",
    ),
    path(
        f"{APPLICATION}/brieven/<uuid:letter>.<str:fmt>",
        views_decide_grant.decide_letter_file,
        name="decide_letter_file",
    ),
    path(
        f"{APPLICATION}/brieven/<uuid:letter>/opnieuw/",
        views_decide_grant.decide_letter_resend,
        name="decide_letter_resend",
    ),
]
