from django.urls import path

from proeftuin.comments import views

app_name = "comments"

urlpatterns = [
    path("<slug:key>/<uuid:uuid>/plaatsen/", views.comment_post, name="post"),
    path("<uuid:uuid>/", views.comment_change, name="change"),
]
