"""The page frame's constant parts, rendered once per process instead of on every request.

Every page's head links, header, main menu and footer come out the same for every visitor
who shares a language, the organisation's identity (``brand``) and, for the menu, whether
they are signed in and which menu page they are on. ``{% once %}`` keeps what its body
renders per such key; ``{% main_menu %}`` does the same for the main menu.

Safety: a ``{% once %}`` body sees only the values it is keyed on (``{% once brand=brand
%}`` sees ``brand`` and nothing else: no ``request``, ``user`` or CSRF token), so nothing
that differs between visitors can be kept and shown to another. Translations, fixed URLs
and static addresses depend on the active language, the script prefix and the URL
configuration, which are in every key; a change of settings (tests) empties every store.
"""

from __future__ import annotations

from collections.abc import Callable

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import token_kwargs
from django.template.loader import render_to_string
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from proeftuin.core.templatetags.interface import fixed_url

register = template.Library()

_settings_epoch = 0


@receiver(setting_changed)
def _forget_on_settings_change(**kwargs) -> None:
    global _settings_epoch
    _settings_epoch += 1


class RenderedOnce:
    """Rendered HTML by key for one place in a template, at most ``limit`` keys (all are
    dropped when a new one would exceed it, and when settings change)."""

    def __init__(self, limit: int = 64):
        self.limit = limit
        self.epoch = _settings_epoch
        self.html: dict[tuple, str] = {}

    def get(self, parts: tuple, render: Callable[[], str]) -> str:
        key = (get_language(), get_script_prefix(), get_urlconf(), *parts)
        if self.epoch != _settings_epoch or len(self.html) >= self.limit:
            self.html, self.epoch = {}, _settings_epoch
        html = self.html.get(key)
        if html is None:
            html = self.html[key] = render()
        return html


class OnceNode(template.Node):
    child_nodelists = ()  # holds no {% block %} (refused when parsed): nothing to find inside

    def __init__(self, nodelist, values: dict):
        self.nodelist = nodelist
        self.values = values
        self.rendered = RenderedOnce()

    def render(self, context) -> str:
        values = {name: value.resolve(context) for name, value in self.values.items()}
        return self.rendered.get(tuple(values.items()), lambda: self._render(context, values))

    def _render(self, context, values: dict) -> str:
        inner = template.Context(
            values,
            autoescape=context.autoescape,
            use_l10n=context.use_l10n,
            use_tz=context.use_tz,
        )
        inner.template = context.template
        return self.nodelist.render(inner)


@register.tag
def once(parser, token):
    """``{% once brand=brand %}…{% endonce %}``: the body rendered once per process for each
    language and each combination of the values, seeing only those values."""
    bits = token.split_contents()[1:]
    values = token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError("'once' takes only name=value arguments")
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("a {% block %} cannot be inside {% once %}")
    return OnceNode(nodelist, values)


# The main menu: (URL name, label, for signed-in users only).
MAIN_MENU = (
    ("cases:library", _("Cases"), False),
    ("portfolio:list", _("Initiatives"), False),
    ("diffusion:list", _("Adoptions"), False),
    ("circles:list", _("Groups"), False),
    ("barriers:list", _("Barriers"), False),
    ("funding:rounds", _("Funding"), False),
    ("awards:editions", _("Awards"), False),
    ("organisations:list", _("Organisations"), False),
    ("organisations:map", _("Map"), False),
    ("ingestion:list", _("Documents"), True),
    ("mywork:page", _("My work"), True),
)
_main_menu = RenderedOnce()


def _menu_html(signed_in: bool, current: str) -> str:
    items = [
        {"url": fixed_url(name), "label": label, "current": name == current}
        for name, label, signed_in_only in MAIN_MENU
        if signed_in or not signed_in_only
    ]
    return render_to_string("core/_main_menu.html", {"items": items})


@register.simple_tag(takes_context=True)
def main_menu(context) -> str:
    """The main menu's links, the one for the current page marked ``aria-current``."""
    user = context.get("user")
    signed_in = bool(getattr(user, "is_authenticated", False))
    path = getattr(context.get("request"), "path", None)
    current = next((name for name, *_rest in MAIN_MENU if fixed_url(name) == path), "")
    return _main_menu.get((signed_in, current), lambda: _menu_html(signed_in, current))
