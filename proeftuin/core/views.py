"""Site-wide error pages (problem+json under /api/); the home page is the site app's."""

from django.shortcuts import render

from proeftuin.api.problems import not_found as api_not_found


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    return render(request, "core/404.html", status=404)


def server_error(request):
    return render(request, "core/500.html", status=500)
