"""The one page that refuses what was asked, for every app's views."""

from django.shortcuts import render


def forbidden(request, reason: str, status: int = 403):
    """A page refusing what was asked, with the reason in Dutch."""
    return render(request, "core/forbidden.html", {"reason": reason}, status=status)
