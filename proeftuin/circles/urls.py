from django.urls import path

from proeftuin.circles import views, views_actions

app_name = "circles"

GROUP = "<uuid:uuid>"
MEETING = f"{GROUP}/bijeenkomsten/<uuid:meeting>"

urlpatterns = [
    path("", views.circle_list, name="list"),
    path("mijn/", views.my_circles, name="mine"),
    path("nieuw/<slug:kind>/<slug:slug>/", views.circle_create, name="create"),
    path("uitnodigingen/<uuid:invitation>/", views_actions.answer, name="answer"),
    path(f"{GROUP}/", views.circle_detail, name="detail"),
    path(f"{GROUP}/bewerken/", views.circle_edit, name="edit"),
    path(f"{GROUP}/aanvragen/", views_actions.join, name="join"),
    path(f"{GROUP}/aanvragen/<uuid:request_uuid>/", views_actions.decide, name="decide"),
    path(f"{GROUP}/uitnodigen/", views_actions.invite, name="invite"),
    path(f"{GROUP}/leden/<uuid:member>/", views_actions.member, name="member"),
    path(f"{GROUP}/bijeenkomsten/nieuw/", views_actions.meeting_add, name="meeting_add"),
    path(f"{MEETING}/", views.meeting_detail, name="meeting"),
    path(f"{MEETING}/documenten/", views_actions.document_add, name="document_add"),
    path(f"{GROUP}/documenten/<uuid:document>/", views.document_download, name="document"),
    path(f"{GROUP}/vragen/", views_actions.question_add, name="question_add"),
    path(f"{GROUP}/vragen/<uuid:question>/", views.question_detail, name="question"),
]
