from django.urls import path

from proeftuin.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_library, name="library"),
    path("export.csv", views.case_export, name="export"),
    path("nieuw/", views.case_create, name="create"),
    path("<slug:slug>/", views.case_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.case_edit, name="edit"),
]
