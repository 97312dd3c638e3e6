from django.urls import path

from proeftuin.patents import views, views_actions, views_report

app_name = "patents"

PATENT = "patenten/<uuid:uuid>"
PROGRAMME = "programmas/<slug:slug>/patenten"

urlpatterns = [
    path("patenten/", views.patent_list, name="list"),
    path(f"{PATENT}/", views.patent_detail, name="detail"),
    path(f"{PATENT}/bijeenkomsten/", views_actions.meeting_add, name="meeting_add"),
    path(f"{PATENT}/vergoedingen/", views_actions.claim_add, name="claim_add"),
    path(f"{PATENT}/vergoedingen/<uuid:claim>/", views_actions.claim_decide, name="claim_decide"),
    path(f"{PATENT}/beeindigen/", views_actions.patent_end, name="end"),
    path(f"{PROGRAMME}/", views_report.programme_report, name="report"),
    path(f"{PROGRAMME}/export.csv", views_report.programme_report_csv, name="report_csv"),
    path(f"{PROGRAMME}/nieuw/", views.patent_award, name="award"),
]
