"""Template helpers every page shares: breadcrumbs and form fields linked to their errors."""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _

register = template.Library()


@lru_cache(maxsize=256)
def _reversed(name: str, prefix: str, urlconf: str) -> str:
    return reverse(name, urlconf=urlconf)


def fixed_url(name: str) -> str:
    """``reverse(name)`` for a URL name without arguments, reversed once per process (per
    script prefix and URL configuration): every page's header, footer and breadcrumbs ask
    for the same dozen addresses. Raises NoReverseMatch like ``reverse``."""
    return _reversed(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@register.simple_tag(name="fixed_url")
def fixed_url_tag(name: str) -> str:
    """``{% fixed_url 'home' %}`` or ``{% fixed_url 'home' as home_url %}``: as ``{% url %}``
    for a name without arguments, without reversing it again on every page."""
    return fixed_url(name)


def _href(target) -> str:
    """A URL name without arguments ("cases:library") or a ready URL ("/casussen/x/")."""
    target = str(target)
    if target.startswith(("/", "?", "#")):
        return target
    try:
        return fixed_url(target)
    except NoReverseMatch:
        return target


@register.inclusion_tag("core/_breadcrumbs.html")
def breadcrumbs(*trail, current=""):
    """The NL Design System breadcrumb navigation: Home, then pairs of (URL name or URL,
    label), then the current page (not a link). Usage:
    ``{% breadcrumbs "cases:library" _("Case library") current=case.title %}``."""
    if len(trail) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes pairs of (URL, label)")
    crumbs = [(fixed_url("home"), _("Home"))]
    crumbs += [(_href(trail[i]), trail[i + 1]) for i in range(0, len(trail), 2)]
    return {"crumbs": crumbs, "current": current}


@register.simple_tag
def field_widget(field):
    """A bound field's widget pointing at its own error message and help text (the ids
    ``core/_field.html`` gives them), with ``aria-invalid="true"`` when it has an error.
    Works for every form rendered through that template, so no form has to do it itself."""
    ids = []
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    attrs = {}
    if ids and not field.field.widget.attrs.get("aria-describedby"):
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


def _field_errors(form, prefix: str = ""):
    """(href, text) for each error of a form: field errors link to their input."""
    items = [("", f"{prefix}{error}") for error in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            if field.is_hidden:
                items.append(("", f"{prefix}{error}"))
            else:
                target = field.id_for_label or field.auto_id
                items.append((f"#{target}", f"{prefix}{field.label}: {error}"))
    return items


@register.simple_tag
def error_summary(form=None, formsets=None):
    """Every error of a form and its formsets, in page order, for the error summary at the
    top of the form (``core/_form_errors.html``)."""
    items = _field_errors(form) if getattr(form, "is_bound", False) else []
    for formset in formsets or ():
        if not getattr(formset, "is_bound", False):
            continue
        label = getattr(formset, "label", "")
        items += [("", f"{label}: {error}") for error in formset.non_form_errors()]
        for number, subform in enumerate(formset.forms, start=1):
            items += _field_errors(subform, prefix=f"{label} {number} – ")
    return items
