from django.urls import path

from proeftuin.awards import (
    views,
    views_casebooks,
    views_judging,
    views_manage,
    views_setup,
    views_steps,
)

app_name = "awards"

EDITION = "prijzen/<slug:slug>"
NOMINATION = "prijzen/nominaties/<uuid:uuid>"
CASEBOOK = "prijzen/casebooks/<uuid:uuid>"

urlpatterns = [
    path("prijzen/", views.edition_list, name="editions"),
    path("prijzen/casebooks/", views_casebooks.casebook_list, name="casebooks"),
    path("prijzen/casebooks/nieuw/", views_casebooks.casebook_new, name="casebook_new"),
    path("prijzen/nieuwe-prijs/", views_setup.competition_new, name="competition_new"),
    path(
        "prijzen/verkiezingen/<slug:competition>/nieuwe-editie/",
        views_setup.edition_new,
        name="edition_new",
    ),
    path(f"{CASEBOOK}/", views_casebooks.casebook_detail, name="casebook"),
    path(
        f"{CASEBOOK}/versies/<int:number>/<str:kind>/",
        views_casebooks.casebook_file,
        name="casebook_file",
    ),
    path(f"{CASEBOOK}/opnieuw/", views_casebooks.casebook_again, name="casebook_again"),
    path(f"{EDITION}/", views.edition_detail, name="edition"),
    path(f"{EDITION}/nomineren/", views.nominate, name="nominate"),
    path(f"{EDITION}/beheer/", views_manage.manage, name="manage"),
    path(f"{EDITION}/beheer/inrichten/", views_setup.setup, name="setup"),
    path(f"{EDITION}/beheer/criteria/", views_setup.criterion_add, name="criterion_add"),
    path(
        f"{EDITION}/beheer/criteria/<int:pk>/verwijderen/",
        views_setup.criterion_remove,
        name="criterion_remove",
    ),
    path(f"{EDITION}/beheer/categorieen/", views_setup.category_add, name="category_add"),
    path(
        f"{EDITION}/beheer/categorieen/<int:pk>/verwijderen/",
        views_setup.category_remove,
        name="category_remove",
    ),
    path(
        f"{EDITION}/beheer/panels/<str:kind>/leden/",
        views_manage.panel_member,
        name="panel_member",
    ),
    path(f"{EDITION}/beheer/besluit/<str:decision>/", views_manage.decide, name="decide"),
    path(
        f"{EDITION}/beheer/herinneren/<str:kind>/<str:step>/",
        views_steps.remind,
        name="remind",
    ),
    path(f"{EDITION}/jurering/", views_judging.judging, name="judging"),
    path(f"{NOMINATION}/", views.nomination_detail, name="nomination"),
    path(f"{NOMINATION}/toestemming/", views.consent, name="consent"),
    path(f"{NOMINATION}/inzending/", views.submission, name="submission"),
    path(f"{NOMINATION}/casus/", views_manage.to_case, name="to_case"),
    path(f"{NOMINATION}/casus/koppelen/", views_manage.link_case, name="link_case"),
    path(f"{NOMINATION}/scores/<str:kind>/<str:step>/", views_judging.scorecard, name="scorecard"),
    path(f"{NOMINATION}/overleg/<str:kind>/<str:step>/", views_judging.consensus, name="consensus"),
    path(f"{NOMINATION}/terugtrekken/<str:kind>/", views_steps.recusal, name="recuse"),
    path(f"{NOMINATION}/werkbezoek/", views_steps.site_visit, name="site_visit"),
    path(f"{NOMINATION}/stem/", views_steps.vote, name="vote"),
]
