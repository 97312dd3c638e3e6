"""Footer pages at Dutch addresses, the organisation theme and the favicon (root URLs)."""

from django.urls import path

from proeftuin.site import views
from proeftuin.site.choices import PageKind

app_name = "sitepages"

urlpatterns = [
    path("contact/", views.page, {"kind": PageKind.CONTACT}, name="contact"),
    path("privacy/", views.page, {"kind": PageKind.PRIVACY}, name="privacy"),
    path("toegankelijkheid/", views.page, {"kind": PageKind.ACCESSIBILITY}, name="accessibility"),
    path("over/", views.page, {"kind": PageKind.ABOUT}, name="about"),
    path("thema.css", views.theme_css, name="theme_css"),
    path("favicon.svg", views.favicon, name="favicon"),
    path("favicon.ico", views.favicon_ico, name="favicon_ico"),
]
