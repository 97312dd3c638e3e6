"""Sign-in on every page: ``SecondFactorMiddleware`` sends a signed-in user who must use a
second factor, and has not yet in this session, to set it up or to enter a code, on every
page and in the admin; ``HtmxSignInMiddleware`` sends the whole page there (not a part of
it) when an htmx request is answered with a redirect to sign in.

A second factor is required for platform and organisation administrators and anyone who may
use the admin; a user who set one up voluntarily must also enter it. Until then the API
treats the session as anonymous. Must come after django-otp's OTPMiddleware."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, QueryDict
from django.http.response import HttpResponseRedirectBase
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

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


SIGN_IN_URL_NAMES = ("accounts:second_factor_setup", "accounts:second_factor_verify")


class HtmxSignInMiddleware:
    """Send the whole page, not a part of it, to the sign-in page.

    An htmx request (a decision in the review queue, a refreshed list, the progress that
    polls itself) answered with a redirect to sign in, or to pass the second factor, would be
    followed by the browser in the background, and the sign-in page would be swapped into a
    part of the page. Instead the answer tells htmx to go there (``HX-Redirect``), and
    ``next`` is the page the reader is on (htmx's ``HX-Current-URL``), not the address of the
    fragment or form, so that after signing in the reader is back where they were. Must come
    before the middleware that redirects (authentication, second factor)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._paths: frozenset[str] | None = None

    def sign_in_paths(self) -> frozenset[str]:
        if self._paths is None:
            paths = [resolve_url(settings.LOGIN_URL), *map(reverse, SIGN_IN_URL_NAMES)]
            self._paths = frozenset(paths)
        return self._paths

    def __call__(self, request):
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or not isinstance(
            response, HttpResponseRedirectBase
        ):
            return response
        target = urlsplit(response["Location"])
        if target.path not in self.sign_in_paths():
            return response
        query = QueryDict(target.query, mutable=True)
        query.pop("next", None)
        page = current_page(request)
        if page:
            query["next"] = page
        answer = HttpResponse(status=401)  # refused as before; htmx follows HX-Redirect anyway
        answer["HX-Redirect"] = target.path + (f"?{query.urlencode()}" if query else "")
        return answer


def current_page(request) -> str:
    """The page the reader is on, as htmx tells it: path, query and anchor, on this site."""
    url = request.headers.get("HX-Current-URL", "")
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(url)
    return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
