from django.contrib.auth import views as auth_views
from django.urls import path

from proeftuin.accounts import oidc_views, views

app_name = "accounts"

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beveiliging/", views.security, name="security"),
    path("tweestaps/instellen/", views.second_factor_setup, name="second_factor_setup"),
    path("tweestaps/code/", views.second_factor_verify, name="second_factor_verify"),
    path("tweestaps/uitschakelen/", views.second_factor_remove, name="second_factor_remove"),
    path("tweestaps/herstelcodes/", views.recovery_codes_new, name="recovery_codes_new"),
    path("wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("sso/", oidc_views.oidc_login, name="oidc_login"),
    path("sso/terug/", oidc_views.oidc_callback, name="oidc_callback"),
]
