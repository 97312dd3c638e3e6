"""A URL conf with deliberately wrong pages, to show that the visibility helper fails."""

from django.http import HttpResponse
from django.urls import path

from proeftuin.cases.models import Case
from proeftuin.urls import urlpatterns as site_urlpatterns


def _everything(request):
    return HttpResponse(" ".join(Case.objects.values_list("title", flat=True)))


def _nothing(request):
    return HttpResponse("")


def _any_case(request, slug):
    return HttpResponse(Case.objects.get(slug=slug).title)


urlpatterns = [
    path("alles/", _everything, name="everything"),
    path("niets/", _nothing, name="nothing"),
    path("casus/<slug:slug>/", _any_case, name="any-case"),
    *site_urlpatterns,
]
