from django.urls import path

from proeftuin.mywork import views

app_name = "mywork"

urlpatterns = [
    path("", views.my_work, name="page"),
]
