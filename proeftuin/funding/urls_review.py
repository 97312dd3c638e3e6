"""Page URLs of the review part (namespace-free names prefixed with ``review_``; included
by ``funding/urls.py`` under the app's namespace)."""

from django.urls import path

from proeftuin.funding import views_review as views

ROUND = "rondes/<slug:slug>"

urlpatterns = [
    path("beoordelingen/", views.review_queue, name="review_queue"),
    path("beoordelingen/<uuid:uuid>/", views.review_form, name="review_form"),
    path("beoordelingen/<uuid:uuid>/terugtrekken/", views.review_recuse, name="review_recuse"),
    path("belangenverklaringen/", views.review_conflicts, name="review_conflicts"),
    path(
        "belangenverklaringen/<uuid:uuid>/verwijderen/",
        views.review_conflict_remove,
        name="review_conflict_remove",
    ),
    path(f"{ROUND}/toewijzingen/", views.review_assignments, name="review_assignments"),
    path(f"{ROUND}/toewijzingen/toewijzen/", views.review_assign, name="review_assign"),
    path(
        f"{ROUND}/toewijzingen/automatisch/",
        views.review_assign_batch,
        name="review_assign_batch",
    ),
    path("toewijzingen/<uuid:uuid>/intrekken/", views.review_unassign, name="review_unassign"),
    path(f"{ROUND}/beoordelingen/", views.review_ranking, name="review_ranking"),
    path("aanvragen/<uuid:uuid>/beoordelingen/", views.review_summary, name="review_summary"),
    path(
        "aanvragen/<uuid:uuid>/beoordelingen/klaar-voor-besluit/",
        views.review_prepare,
        name="review_prepare",
    ),
]
