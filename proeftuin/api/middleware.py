"""Every API response carries the full API version (NL API Design Rules, API-57)."""

from django.conf import settings


class ApiVersionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSION
            vary = response.get("Vary")
            response["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
        return response
