"""The site's addresses with the decision part's pages and API wired the way the lead
wires them (pages in the "funding" namespace, API views under /api/v1/), for the tests of
this part until funding/urls.py includes them."""

from django.urls import include, path

from proeftuin.funding import urls_decide
from proeftuin.funding.api import decide as api_decide
from proeftuin.urls import urlpatterns as site

urlpatterns = [
    path("fondsen/", include((urls_decide.urlpatterns, "funding"))),
    path("api/v1/", include(api_decide.urlpatterns)),
    *site,
]
