"""The page frame rendered once per process ({% once %}, {% main_menu %}): what is kept
depends only on what it is keyed on, so no visitor sees another's page parts."""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

from tests.factories import UserFactory


def once(body: str, args: str = "") -> Template:
    return Template("{% load i18n static frame %}{% once " + args + " %}" + body + "{% endonce %}")


def test_the_body_is_rendered_once_per_value_and_sees_only_its_values():
    template = once("{{ a }}|{{ b }}|{{ request.path }}|{% csrf_token %}", "a=a")
    request = RequestFactory().get("/geheim/")
    context = {"a": 1, "b": "private", "request": request, "csrf_token": "token"}
    assert template.render(Context(context)) == "1|||"
    assert template.render(Context({**context, "a": 2})) == "2|||"
    calls = []
    counting = once("{{ a }}", "a=a")
    counting.nodelist[1].nodelist.render = lambda context: calls.append(1) or "x"
    for _n in range(3):
        assert counting.render(Context({"a": 1})) == "x"
    assert len(calls) == 1


def test_the_body_is_kept_per_language():
    template = once('{% translate "Cases" %}')
    with translation.override("nl"):
        assert template.render(Context()) == "Casussen"
    with translation.override("en"):
        assert template.render(Context()) == "Cases"


def test_a_change_of_settings_renders_again(settings):
    template = once("{% static 'proeftuin/app.css' %}")
    settings.STATIC_URL = "/een/"
    first = template.render(Context())
    settings.STATIC_URL = "/twee/"
    assert (first, template.render(Context())) == (
        "/een/proeftuin/app.css",
        "/twee/proeftuin/app.css",
    )


def test_blocks_and_positional_arguments_are_refused():
    with pytest.raises(TemplateSyntaxError):
        once("{% block title %}x{% endblock %}")
    with pytest.raises(TemplateSyntaxError):
        once("x", "brand")


def menu(html: str) -> list[str]:
    nav = re.search(r'<ul class="pt-nav__list">(.*?)</ul>', html, re.S)[1]
    return [
        ("*" if "aria-current" in item else "") + re.sub(r"<[^>]+>", "", item)
        for item in re.findall(r"<li>(.*?)</li>", nav, re.S)
    ]


@pytest.mark.django_db
def test_the_main_menu_marks_the_current_page_and_shows_signed_in_links_only_to_them(client):
    assert menu(client.get("/casussen/").content.decode()) == [
        "*Casussen",
        "Initiatieven",
        "Adopties",
        "Groepen",
        "Knelpunten",
        "Subsidies",
        "Prijzen",
        "Organisaties",
        "Kaart",
    ]
    assert menu(client.get("/organisaties/kaart/").content.decode())[8] == "*Kaart"
    assert menu(client.get("/knelpunten/").content.decode())[4] == "*Knelpunten"
    assert menu(client.get("/subsidies/").content.decode())[5] == "*Subsidies"
    assert menu(client.get("/prijzen/").content.decode())[6] == "*Prijzen"
    client.force_login(UserFactory())
    assert menu(client.get("/mijn-werk/").content.decode()) == [
        "Casussen",
        "Initiatieven",
        "Adopties",
        "Groepen",
        "Knelpunten",
        "Subsidies",
        "Prijzen",
        "Organisaties",
        "Kaart",
        "Documenten",
        "*Mijn werk",
    ]
    client.logout()
    assert "Mijn werk" not in client.get("/mijn-werk/", follow=True).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert menu(client.get("/").content.decode()) == [
        "Cases",
        "Initiatives",
        "Adoptions",
        "Groups",
        "Barriers",
        "Funding",
        "Awards",
        "Organisations",
        "Map",
    ]
