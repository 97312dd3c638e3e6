from django.urls import path

from proeftuin.cases import views, views_lifecycle

app_name = "cases"

urlpatterns = [
    path("", views.case_library, name="library"),
    path("export.csv", views.case_export, name="export"),
    path("nieuw/", views.case_create, name="create"),
    path("<slug:slug>/", views.case_detail, name="detail"),
    path("<slug:slug>/bewerken/", views.case_edit, name="edit"),
    path("<slug:slug>/publiceren/", views_lifecycle.case_publish, name="publish"),
    path("<slug:slug>/archiveren/", views_lifecycle.case_archive, name="archive"),
    path("<slug:slug>/uit-archief/", views_lifecycle.case_unarchive, name="unarchive"),
]
