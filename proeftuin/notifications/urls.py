from django.urls import path

from proeftuin.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<uuid:uuid>/gelezen/", views.mark_read, name="mark_read"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("voorkeuren/", views.preferences, name="preferences"),
]
