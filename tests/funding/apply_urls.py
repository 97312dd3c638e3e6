"""The site's addresses with the applying part's pages and API wired the way the lead
wires them (pages in the "funding" namespace, API views under /api/v1/),
for the tests of this part until funding/urls.py includes them."""

from django.urls import include, path

from proeftuin.funding import urls_apply
from proeftuin.funding.api import apply as api_apply
from proeftuin.urls import urlpatterns as site

urlpatterns = [
    path("", include((urls_apply.urlpatterns, "funding"))),
    path("api/v1/", include(api_apply.urlpatterns)),
    *site,
]
