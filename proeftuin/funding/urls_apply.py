"""Page URLs of the applying and screening part (namespace-free names prefixed with
``apply_``; added to ``funding/urls.py``'s urlpatterns, namespace "funding", all under
the app's "subsidies/" like the round pages)."""

from django.urls import path

from proeftuin.funding import views_apply as views
from proeftuin.funding import views_apply_parts as parts
from proeftuin.funding import views_apply_screening as screening

ROUND = "subsidies/rondes/<slug:slug>/aanvraag"
APP = "subsidies/aanvragen/<uuid:uuid>"

urlpatterns = [
    path(f"{ROUND}/nieuw/", views.apply_start, name="apply_start"),
    path("subsidies/mijn-aanvragen/", views.apply_mine, name="apply_mine"),
    path(f"{APP}/", views.apply_detail, name="apply_detail"),
    path(f"{APP}/bewerken/", views.apply_edit, name="apply_edit"),
    path(f"{APP}/indienen/", views.apply_submit, name="apply_submit"),
    path(f"{APP}/intrekken/", views.apply_withdraw, name="apply_withdraw"),
    path(f"{APP}/partners/", parts.apply_partner_add, name="apply_partner_add"),
    path(
        f"{APP}/partners/<uuid:organisation>/verwijderen/",
        parts.apply_partner_remove,
        name="apply_partner_remove",
    ),
    path(f"{APP}/aanvragers/", parts.apply_team_add, name="apply_team_add"),
    path(
        f"{APP}/aanvragers/<uuid:user>/verwijderen/",
        parts.apply_team_remove,
        name="apply_team_remove",
    ),
    path(f"{APP}/kpis/", parts.apply_kpi_add, name="apply_kpi_add"),
    path(f"{APP}/kpis/<uuid:kpi>/verwijderen/", parts.apply_kpi_remove, name="apply_kpi_remove"),
    path(f"{APP}/bijlagen/", parts.apply_attachment_add, name="apply_attachment_add"),
    path(f"{APP}/bijlagen/<uuid:attachment>/", parts.apply_attachment, name="apply_attachment"),
    path(
        f"{APP}/bijlagen/<uuid:attachment>/verwijderen/",
        parts.apply_attachment_remove,
        name="apply_attachment_remove",
    ),
    path("subsidies/screening/", screening.apply_screening_list, name="apply_screening_list"),
    path(f"{APP}/screening/", screening.apply_screen, name="apply_screen"),
]
