"""Security and caching headers: CSP without inline script, HSTS from the environment,
``Cache-Control: private`` on everything personal, and templates without inline script."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from proeftuin.accounts.models import Role

pytestmark = pytest.mark.django_db

TEMPLATE_DIRS = [Path(django_settings.BASE_DIR) / "proeftuin" / "templates"]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [p.strip().split() for p in policy.split(";") if p.strip()]
    return {p[0]: p[1:] for p in parts}


# --- Content-Security-Policy -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/casussen/", "/organisaties/kaart/", "/api/v1/cases"])
def test_csp_allows_no_inline_script_or_style(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    everything = " ".join(v for values in policy.values() for v in values)
    assert "unsafe-inline" not in everything
    assert "unsafe-eval" not in everything


def test_pages_load_scripts_only_from_static_files(client):
    html = client.get("/casussen/").content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "htmx is loaded"
    assert all(re.search(r'\bsrc="/static/', tag) for tag in scripts), scripts


def test_htmx_is_configured_for_the_policy(client):
    """htmx would otherwise add an inline <style> and evaluate hx-on code."""
    html = client.get("/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html)
    assert config is not None
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowEval": false' in config.group(1)


def template_files():
    for folder in TEMPLATE_DIRS:
        yield from sorted(folder.rglob("*.html"))


INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b", re.I)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)


def test_templates_are_found():
    assert len(list(template_files())) > 20


@pytest.mark.parametrize(
    "pattern", [INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE, INLINE_STYLE, JS_URL]
)
def test_no_template_has_inline_script_or_style(pattern):
    offenders = [
        f"{path.name}: {match.group(0)[:80]}"
        for path in template_files()
        for match in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not offenders


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="module">x()</script>',
        '<button onclick="x()">',
        '<div style="color: red">',
        "<style>p {}</style>",
        '<a href="javascript:x()">',
    ],
)
def test_the_template_check_catches_inline_code(snippet):
    patterns = [INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE, INLINE_STYLE, JS_URL]
    assert any(p.search(snippet) for p in patterns)
    assert not any(p.search('<script src="/static/x.js" defer></script>') for p in patterns)


# --- HSTS ----------------------------------------------------------------------------------


def test_no_hsts_by_default(client):
    assert django_settings.SECURE_HSTS_SECONDS == 0
    assert "Strict-Transport-Security" not in client.get("/", secure=True)


def test_hsts_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    assert "Strict-Transport-Security" not in client.get("/")  # only over https
    header = client.get("/", secure=True)["Strict-Transport-Security"]
    assert header == "max-age=31536000; includeSubDomains; preload"


def test_hsts_settings_come_from_the_environment(monkeypatch):
    from proeftuin.conf import security

    monkeypatch.setenv("HSTS_SECONDS", "600")
    monkeypatch.setenv("HSTS_INCLUDE_SUBDOMAINS", "true")
    monkeypatch.setenv("HSTS_PRELOAD", "false")
    try:
        reloaded = importlib.reload(security)
        assert reloaded.SECURE_HSTS_SECONDS == 600
        assert reloaded.SECURE_HSTS_INCLUDE_SUBDOMAINS is True
        assert reloaded.SECURE_HSTS_PRELOAD is False
    finally:
        monkeypatch.undo()
        importlib.reload(security)


# --- caching -------------------------------------------------------------------------------


def cache_control(response) -> set[str]:
    return {p.strip() for p in response.get("Cache-Control", "").split(",") if p.strip()}


def vary(response) -> set[str]:
    return {p.strip().lower() for p in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("path", ["/", "/casussen/", "/organisaties/"])
def test_public_pages_for_anonymous_visitors_stay_cacheable(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "private" not in cache_control(response)
    assert "cookie" in vary(response)


@pytest.mark.parametrize("path", ["/", "/casussen/", "/organisaties/", "/documenten/"])
def test_every_page_for_a_signed_in_user_is_private(client, organisation, make_member, path):
    client.force_login(make_member(organisation, Role.EDITOR))
    response = client.get(path)
    assert response.status_code == 200, path
    assert "private" in cache_control(response)
    assert "public" not in cache_control(response)
    assert "cookie" in vary(response)


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/organisations", "/api/v1/nothing"])
def test_every_api_response_is_private(api_client, path):
    response = api_client.get(path)
    assert "private" in cache_control(response)
    assert {"cookie", "authorization"} <= vary(response)


def test_a_response_that_sets_a_cookie_is_private(client):
    response = client.get("/account/inloggen/")
    assert response.status_code == 200
    assert response.cookies, "the login form sets the CSRF cookie"
    assert "private" in cache_control(response)


def test_no_store_stays_when_made_private(client, organisation, make_member):
    client.force_login(make_member(organisation, Role.EDITOR))
    from django.http import HttpResponse

    from proeftuin.core.middleware import PrivateCacheMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "no-store"
        return response

    request = client.get("/").wsgi_request
    response = PrivateCacheMiddleware(view)(request)
    assert cache_control(response) == {"no-store", "private"}
