"""The form renderer: every widget gets the Utrecht class of its kind, so each form on the
site looks the same without each form class naming them (settings.FORM_RENDERER).

A widget that already has a ``utrecht-*`` class keeps its own; the admin's widgets (classes
starting with ``v``, e.g. ``vTextField``, or inside ``admin/`` templates) are left alone.

A ``<select>`` and a list of checkboxes are written out here rather than through Django's
widget templates, which render a template per option: a filter of 200 organisations took a
third of a list page's CPU, a panel's choice among 900 nominations (the awards' management
page) most of it. The HTML is the same as those templates give
(``tests/core/test_renderers.py`` compares them)."""

from __future__ import annotations

import re

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

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
SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
CHECKBOXES = "django/forms/widgets/checkbox_select.html"
CHECKBOX = "django/forms/widgets/checkbox_option.html"
TEXT_TYPES = {
    "text",
    "email",
    "password",
    "number",
    "url",
    "search",
    "tel",
    "date",
    "datetime-local",
}
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
    write_selects = True  # False: every widget through its templates (to compare)

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
        if template_name == SELECT and self.write_selects and _plain_select(widget):
            return mark_safe(_select_html(widget))
        if template_name == CHECKBOXES and self.write_selects and _plain_list(widget, CHECKBOX):
            return mark_safe(_checkboxes_html(widget))
        return super().render(template_name, context, request)


def _text(value) -> bool:
    return isinstance(value, str | Promise)


def _plain_select(widget: dict) -> bool:
    """Whether ``widget`` renders as Django's own templates would write it: options with the
    standard template and text labels (a number or date would be localised by a template)."""
    return _plain_list(widget, OPTION)


def _plain_list(widget: dict, option_template: str) -> bool:
    for group_name, options, _index in widget["optgroups"]:
        if group_name and not _text(group_name):
            return False
        for option in options:
            if option.get("template_name") != option_template or not _text(option["label"]):
                return False
    return _text(widget["name"])


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: escaped unless already safe."""
    text = str(value)
    return text if isinstance(value, SafeData) else conditional_escape(text)


def _attrs_html(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {conditional_escape(name)}")
        if value is not True:
            parts.append(f'="{_formatted(value)}"')
    return "".join(parts)


def _select_html(widget: dict) -> str:
    """``django/forms/widgets/select.html`` with its options (each option template ends in a
    line break), stripped as the renderer does."""
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{_formatted(option["value"])}"'
                f"{_attrs_html(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _input_html(option: dict) -> str:
    """``django/forms/widgets/checkbox_option.html`` of one checkbox (each of the templates
    it includes ends in a line break)."""
    attrs, value = option["attrs"], option["value"]
    html = f'<input type="{option["type"]}" name="{conditional_escape(option["name"])}"'
    html += "" if value is None else f' value="{_formatted(value)}"'
    html += f"{_attrs_html(attrs)}>\n"
    if option.get("wrap_label"):
        label_for = f' for="{_formatted(attrs["id"])}"' if attrs.get("id") else ""
        html = f"<label{label_for}>{html} {conditional_escape(option['label'])}</label>"
    return html + "\n\n"


def _checkboxes_html(widget: dict) -> str:
    """``django/forms/widgets/checkbox_select.html`` (``multiple_input.html``) with its
    options, stripped as the renderer does."""
    attrs = widget["attrs"]
    parts = ["<div"]
    if attrs.get("id"):
        parts.append(f' id="{_formatted(attrs["id"])}"')
    if attrs.get("class"):
        parts.append(f' class="{_formatted(attrs["class"])}"')
    parts.append(">")
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f"\n  <div><label>{conditional_escape(group_name)}</label>")
        for option in options:
            parts.append(f"<div>\n    {_input_html(option)}</div>")
        if group_name:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)
