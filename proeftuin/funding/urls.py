from django.urls import include, path

from proeftuin.funding import urls_apply, urls_decide, urls_review, views_rounds

app_name = "funding"

FUND = "subsidies/fondsen/<slug:slug>"
ROUND = "subsidies/rondes/<slug:slug>"

urlpatterns = [
    path("subsidies/", views_rounds.round_list, name="rounds"),
    path("subsidies/fondsen/nieuw/", views_rounds.fund_create, name="fund_create"),
    path(f"{FUND}/", views_rounds.fund_detail, name="fund"),
    path(f"{FUND}/leden/", views_rounds.fund_member_add, name="fund_member_add"),
    path(
        f"{FUND}/leden/<int:member>/verwijderen/",
        views_rounds.fund_member_remove,
        name="fund_member_remove",
    ),
    path(f"{FUND}/rondes/nieuw/", views_rounds.round_create, name="round_create"),
    path(f"{ROUND}/", views_rounds.round_detail, name="round"),
    path(f"{ROUND}/inrichten/", views_rounds.round_setup, name="round_setup"),
    path(f"{ROUND}/inrichten/<str:part>/", views_rounds.round_part_add, name="round_part_add"),
    path(
        f"{ROUND}/inrichten/<str:part>/<int:pk>/verwijderen/",
        views_rounds.round_part_remove,
        name="round_part_remove",
    ),
    *urls_apply.urlpatterns,
    path("subsidies/", include(urls_review.urlpatterns)),
    path("subsidies/", include(urls_decide.urlpatterns)),
]
