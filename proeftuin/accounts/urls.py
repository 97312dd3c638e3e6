from django.contrib.auth import views as auth_views
from django.urls import path

from proeftuin.accounts import oidc_views

app_name = "accounts"

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("sso/", oidc_views.oidc_login, name="oidc_login"),
    path("sso/terug/", oidc_views.oidc_callback, name="oidc_callback"),
]
