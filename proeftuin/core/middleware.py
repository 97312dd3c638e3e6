"""Site-wide middleware: the interface language, and private caching of personal responses.

Dutch first: the interface is Dutch unless the visitor chose English (language cookie).

Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language, so a public
servant with an English browser still gets the Dutch interface by default.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class DutchFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PrivateCacheMiddleware:
    """Keep what one person sees out of shared caches.

    A response is ``Cache-Control: private`` when it is for a signed-in user, comes from the
    API (whose answers depend on who asks: session or token), or sets a cookie. Every
    response varies on Cookie, because the same page looks different when signed in. Public
    pages for anonymous visitors keep whatever caching they had.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        if _is_private(request, response):
            patch_cache_control(response, private=True)
        return response


def _is_private(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        bool(user is not None and user.is_authenticated)
        or request.path_info.startswith("/api/")
        or bool(response.cookies)
    )
