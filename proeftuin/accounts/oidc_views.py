"""Pages of single sign-on: the start (off to the provider) and the callback (back again).

Both answer 404 while single sign-on is not configured. Every failure ends on one Dutch error
page; a success signs the account in through Django's ``login()``.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.contrib.auth.signals import user_login_failed
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from proeftuin.accounts import oidc
from proeftuin.accounts.oidc import AccountRefused, SignOnError

NEXT_SESSION_KEY = "oidc_next"


def _configured_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not oidc.is_configured():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@_configured_only
def oidc_login(request):
    """Remember where to go afterwards and send the browser to the provider."""
    next_url = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    request.session[NEXT_SESSION_KEY] = next_url if safe else ""
    callback = request.build_absolute_uri(reverse("accounts:oidc_callback"))
    try:
        return oidc.authorization_redirect(request, redirect_uri=callback)
    except SignOnError as error:
        return _error_page(request, error)


@require_GET
@_configured_only
def oidc_callback(request):
    """Check the provider's answer, find or create the account and sign it in."""
    claims = {}
    try:
        claims = oidc.verified_claims(request)
        user = authenticate(request, oidc_claims=claims)
    except AccountRefused as error:
        user_login_failed.send(
            sender=__name__, credentials={"username": claims.get("email", "")}, request=request
        )
        return _error_page(request, error)
    except SignOnError as error:
        return _error_page(request, error)
    if user is None:
        return _error_page(
            request,
            AccountRefused(
                _(
                    "Your account may not sign in: it has been deactivated or is temporarily "
                    "blocked. Ask an administrator."
                )
            ),
        )
    next_url = request.session.pop(NEXT_SESSION_KEY, "")
    login(request, user)
    return redirect(next_url or settings.LOGIN_REDIRECT_URL)


def _error_page(request, error: SignOnError):
    context = {"message": error.message, "provider_name": settings.OIDC_PROVIDER_NAME}
    return render(request, "accounts/oidc_error.html", context, status=error.status)
