"""Dutch first: the interface is Dutch unless the visitor chose English (language cookie).

Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language, so a public
servant with an English browser still gets the Dutch interface by default.
"""

from django.conf import settings
from django.utils import translation


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
