"""The organisation theme: name, logo and colours from settings, served as /thema.css, with a
system check for contrast."""

import pytest
from django.core.checks import run_checks

from proeftuin.site.selectors import site_identity

pytestmark = pytest.mark.django_db


def theme_checks():
    return [m for m in run_checks() if m.id.startswith("sitepages.")]


def test_without_settings_the_word_mark_is_proeftuin_and_thema_css_is_empty(client):
    body = client.get("/").content.decode()
    assert '<a class="pt-wordmark" href="/">Proeftuin</a>' in body
    assert "<title>" in body and "– Proeftuin</title>" in body
    css = client.get("/thema.css")
    assert css["Content-Type"].startswith("text/css")
    assert "--pt-colour" not in css.content.decode()
    assert theme_checks() == []


def test_organisation_name_logo_and_colours(client, settings):
    settings.SITE_NAME = "Gemeente Proefstad"
    settings.SITE_LOGO = "proeftuin/favicon-test.svg"
    settings.THEME_PRIMARY_COLOUR = "#003366"
    settings.THEME_SECONDARY_COLOUR = "#222222"
    body = client.get("/casussen/").content.decode()
    assert 'alt="Gemeente Proefstad"' in body
    assert 'src="/static/proeftuin/favicon-test.svg"' in body
    assert "– Gemeente Proefstad</title>" in body
    assert f"/thema.css?v={site_identity().theme_version}" in body
    response = client.get("/thema.css")
    css = response.content.decode()
    assert "--pt-colour-primary: #003366;" in css
    assert "--pt-colour-primary-hover: #002952;" in css  # 20 % darker, as the check computes
    assert "--pt-colour-secondary: #222222;" in css
    assert "max-age=86400" in response["Cache-Control"]
    assert theme_checks() == []


def test_the_theme_version_changes_with_the_colours(settings):
    before = site_identity().theme_version
    settings.THEME_PRIMARY_COLOUR = "#003366"
    assert site_identity().theme_version != before


def test_a_colour_without_contrast_gives_a_warning(settings):
    settings.THEME_PRIMARY_COLOUR = "#ffcc00"  # white text on yellow: 1.6:1
    messages = theme_checks()
    assert {m.id for m in messages} == {"sitepages.W002"}
    assert any(
        "primary buttons: primary-text #ffffff on primary #ffcc00" in m.msg for m in messages
    )


def test_dark_text_on_a_light_primary_passes_the_button_pairs_but_not_the_word_mark(settings):
    settings.THEME_PRIMARY_COLOUR = "#ffcc00"
    settings.THEME_PRIMARY_TEXT_COLOUR = "#000000"
    failing = [m.msg for m in theme_checks()]
    assert not any("primary buttons:" in m for m in failing)
    assert any("secondary buttons, word mark" in m for m in failing)


def test_an_invalid_colour_is_ignored_with_a_warning(client, settings):
    settings.THEME_SECONDARY_COLOUR = "red; } body { display: none"
    assert [m.id for m in theme_checks()] == ["sitepages.W001"]
    css = client.get("/thema.css").content.decode()
    assert "display" not in css and "--pt-colour" not in css


def test_favicon_is_the_initial_on_the_primary_colour(client, settings):
    settings.SITE_NAME = "Waterschap Zuid"
    settings.THEME_PRIMARY_COLOUR = "#003366"
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/favicon.svg"
    svg = client.get("/favicon.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    body = svg.content.decode()
    assert 'fill="#003366"' in body and ">W</text>" in body
    assert client.head("/favicon.svg").status_code == 200


def test_the_sign_in_page_keeps_the_name(client, settings):
    """Django's sign-in view puts its own ``site`` in the context; the brand is not shadowed."""
    settings.SITE_NAME = "Provincie Proefland"
    body = client.get("/account/inloggen/").content.decode()
    assert '<a class="pt-wordmark" href="/">Provincie Proefland</a>' in body


def test_a_logo_from_another_site_is_allowed_by_the_content_security_policy():
    """Settings are read once at start-up, so this starts Django afresh with the setting."""
    import os
    import subprocess
    import sys

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'proeftuin.settings'; "
        "django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {**os.environ, "SECRET_KEY": "x", "SITE_LOGO": "https://cdn.example.nl/logo.svg"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "'https://cdn.example.nl'" in result.stdout
