"""Send a signed-in user who must use a second factor, and has not yet in this session, to
set it up or to enter a code, on every page and in the admin.

A second factor is required for platform and organisation administrators and anyone who may
use the admin; a user who set one up voluntarily must also enter it. Until then the API
treats the session as anonymous. Must come after django-otp's OTPMiddleware."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from proeftuin.accounts.events import SECOND_FACTOR_SESSION_KEY
from proeftuin.accounts.selectors import second_factor_required
from proeftuin.accounts.twofactor import has_second_factor

OPEN_URL_NAMES = (
    "accounts:second_factor_setup",
    "accounts:second_factor_verify",
    "accounts:logout",
    "set_language",
)


def second_factor_step(request) -> str | None:
    """``"verify"`` or ``"setup"`` when the user still has to pass a second factor."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return None
    if request.session.get(SECOND_FACTOR_SESSION_KEY) or second_factor_required(user):
        return "verify" if has_second_factor(user) else "setup"
    return None


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        if self._open_paths is None:
            paths = [reverse(name) for name in OPEN_URL_NAMES]
            self._open_paths = (*paths, settings.STATIC_URL, settings.MEDIA_URL)
        return self._open_paths

    def __call__(self, request):
        if request.path_info.startswith(self.open_paths()):
            return self.get_response(request)
        step = second_factor_step(request)
        if step is None:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            request.user = AnonymousUser()
            return self.get_response(request)
        target = reverse(f"accounts:second_factor_{step}")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
