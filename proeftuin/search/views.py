"""Search pages: results, index progress, similar cases and "has this been done before?".

Views parse, call ``proeftuin.search.service`` and render; an htmx request (``HX-Request``)
gets only the partial it swaps in.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from proeftuin.core.service import querystring_without, with_related
from proeftuin.search.forms import PAGE_MODES, SearchForm, idea_text
from proeftuin.search.service import (
    index_progress,
    is_administrator,
    looks_english,
    notices_for,
    prior_cases,
    search,
    similar_cases,
    strength,
)

PAGE_SIZE = 10
WHY_WORDS = 6
MAX_POLLS = 120  # stop refreshing the progress after this many polls (10 minutes at 5 s)


def _htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


def _render(request, full: str, partial: str, context: dict):
    response = render(request, partial if _htmx(request) else full, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def rated(hits) -> list[tuple]:
    """``(CaseHit, strength label)`` pairs, as ``search/_related.html`` shows them."""
    return [(hit, strength(hit.similarity)) for hit in hits]


@require_GET
def search_results(request):
    query, mode, selection = SearchForm(request.GET).parsed()
    results = search(user=request.user, query=query, selection=selection, mode=mode)
    page = Paginator(results.cases, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "results": results,
        "query": query,
        "mode": results.mode,
        "modes": list(PAGE_MODES.items()),
        "filtered": bool(selection),
        "english": bool(query) and not results.cases and looks_english(query),
        "index_notices": notices_for(request.user, results.index_notices),
        "administrator": is_administrator(request.user),
        "page": page,
        "cases": [(case, _why(case)) for case in page.object_list],
        "documents": _documents(results.documents) if page.number == 1 else [],
        "querystring": querystring_without(request, "pagina"),
        "suggestions": [(s, _with_query(request, s)) for s in results.suggestions],
        "querystring_hybrid": _with_params(request, mode="hybrid"),
        "htmx": _htmx(request),
    }
    return _render(request, "search/results.html", "search/_results.html", context)


def _why(case) -> list[str]:
    """Why a case was found: the words that matched, and whether the meaning did."""
    words = list(dict.fromkeys(w for p in case.passages for w in p.matched_terms))
    why = []
    if words:
        why.append(_("matching words: %(words)s") % {"words": ", ".join(words[:WHY_WORDS])})
    if case.similarity is not None:
        why.append(_("similar in meaning"))
    return why


def _documents(hits) -> list[dict]:
    """Hits listed apart (uploaded documents) per object, in rank order, up to three
    passages each."""
    files: dict[tuple, dict] = {}
    for hit in hits:
        owner = hit.owner
        group = files.setdefault(
            (hit.owner_kind, owner.id),
            {"uuid": owner.uuid, "name": owner.title, "url": owner.url, "passages": []},
        )
        if len(group["passages"]) < 3:
            group["passages"].append(hit)
    return list(files.values())


def _with_query(request, query: str) -> str:
    """The current search's parameters with another query, from the first page."""
    return _with_params(request, q=query)


def _with_params(request, **changed) -> str:
    """The current search's parameters with some changed, from the first page."""
    params = request.GET.copy()
    params.pop("pagina", None)
    for name, value in changed.items():
        params[name] = value
    return params.urlencode()


@require_GET
def search_progress(request):
    """The index progress fragment that the results page polls while vectors are added
    (administrators only: everyone else gets an empty fragment, which stops the polling)."""
    if not is_administrator(request.user):
        response = HttpResponse("")
        response["Cache-Control"] = "no-store"
        return response
    try:
        polls = max(0, int(request.GET.get("n", "0")))
    except ValueError:
        polls = 0
    context = {"progress": index_progress(), "polled": True, "polls": polls + 1}
    context["keep_polling"] = polls + 1 < MAX_POLLS
    context["querystring"] = querystring_without(request, "n")
    response = render(request, "search/_progress.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def similar(request, slug: str):
    """ "Vergelijkbare casussen" of one case, loaded apart from the cached case page."""
    kind = with_related()
    case = kind.visible_to(request.user).filter(slug=slug).first() if kind else None
    if case is None:
        raise Http404(_("This case does not exist or is not visible to you."))
    context = {"case": case, "similar": rated(similar_cases(user=request.user, case=case))}
    return _render(request, "search/similar.html", "search/_similar.html", context)


@require_http_methods(["GET", "POST"])
def prior(request):
    """ "Is dit al eerder gedaan?": cases like a described idea (``title``/``summary``/``text``)."""
    text = idea_text(request.POST if request.method == "POST" else request.GET)
    found = prior_cases(user=request.user, text=text) if text else []
    context = {"prior_cases": rated(found), "prior_query": text}
    return _render(request, "search/prior.html", "search/_prior_cases.html", context)
