"""The project's URLs plus the review part's pages under the funding namespace and its API
views, for the review tests until the lead wires them into funding/urls.py and
proeftuin/api/urls.py."""

from django.urls import include, path

from proeftuin.funding import urls_review
from proeftuin.funding.api import review as review_api
from proeftuin.urls import urlpatterns as project

urlpatterns = [
    path("fondsen/", include((urls_review.urlpatterns, "funding"))),
    path("api/v1/", include((review_api.urlpatterns, "review_api"))),
    *project,
]
