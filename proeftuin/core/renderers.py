"""The form renderer: every widget gets the Utrecht class of its kind, so each form on the
site looks the same without each form class naming them (settings.FORM_RENDERER).

A widget that already has a ``utrecht-*`` class keeps its own; the admin's widgets (classes
starting with ``v``, e.g. ``vTextField``, or inside ``admin/`` templates) are left alone."""

from __future__ import annotations

import re

from django.forms.renderers import DjangoTemplates

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
BY_TEMPLATE = {
    "django/forms/widgets/textarea.html": "utrecht-textarea utrecht-textarea--html-textarea",
    "django/forms/widgets/select.html": "utrecht-select utrecht-select--html-select",
    "django/forms/widgets/checkbox.html": "utrecht-checkbox utrecht-checkbox--html-input",
}
# Checkbox and radio lists: the class goes on each option, not on the list around them.
BY_OPTION = {
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input",
    "radio": "utrecht-radio-button utrecht-radio-button--html-input",
}
TEXT_TYPES = {"text", "email", "password", "number", "url", "search", "tel", "date"}
ADMIN_CLASS = re.compile(r"^v[A-Z]")  # vTextField, vLargeTextField, ...


def _has_own_class(attrs: dict) -> bool:
    classes = str(attrs.get("class", "")).split()
    return any(c.startswith("utrecht-") or ADMIN_CLASS.match(c) for c in classes)


def _add(attrs: dict, css: str) -> None:
    if not _has_own_class(attrs):
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()


def widget_class(widget: dict) -> str | None:
    css = BY_TEMPLATE.get(widget.get("template_name", ""))
    if css is None and widget.get("type") in TEXT_TYPES:
        css = TEXTBOX
    return css


class UtrechtFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict) and not template_name.startswith("admin/"):
            css = widget_class(widget)
            if css:
                _add(widget.setdefault("attrs", {}), css)
            for _group, options, _index in widget.get("optgroups", []):
                for option in options:
                    if option.get("type") in BY_OPTION:
                        _add(option.setdefault("attrs", {}), BY_OPTION[option["type"]])
        return super().render(template_name, context, request)
