"""Query strings of list pages: the current filters, without some parameters."""


def querystring_without(request, *names: str) -> str:
    """``request``'s GET parameters, urlencoded, leaving out ``names`` (e.g. the page)."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
