"""Root URLs: pages in Dutch, the API under /api/v1, the admin for administrators."""

from django.contrib import admin
from django.urls import include, path

from proeftuin.site import views as site_views

urlpatterns = [
    path("api/v1/", include("proeftuin.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("", site_views.home, name="home"),  # un-namespaced: reversed as "home" everywhere
    path("account/", include("proeftuin.accounts.urls")),
    path("casussen/", include("proeftuin.cases.urls")),
    path("initiatieven/", include("proeftuin.portfolio.urls")),
    path("adopties/", include("proeftuin.diffusion.urls")),
    path("organisaties/", include("proeftuin.organisations.urls")),
    path("documenten/", include("proeftuin.ingestion.urls")),
    path("zoeken/", include("proeftuin.search.urls")),
    path("", include("proeftuin.site.urls")),
    path("mijn-werk/", include("proeftuin.mywork.urls")),
    path("groepen/", include("proeftuin.circles.urls")),
    path("meldingen/", include("proeftuin.notifications.urls")),
    path("reacties/", include("proeftuin.comments.urls")),
    path("", include("proeftuin.barriers.urls")),
    path("overname/", include("proeftuin.diffusion.urls_matching")),
    path("", include("proeftuin.patents.urls")),
    path("", include("proeftuin.funding.urls")),
    path("", include("proeftuin.awards.urls")),
]

handler404 = "proeftuin.core.views.not_found"
handler500 = "proeftuin.core.views.server_error"
