"""What every page's frame needs: the organisation's name and logo, and the theme address."""

from proeftuin.site.selectors import site_identity


def site(request):
    return {"brand": site_identity()}
