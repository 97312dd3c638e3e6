"""The cells of the assignment overview (``funding/review/assignments.html``) and its list
of every reviewer's load, built in Python: a page has 20 applications x 10 reviewers and a
fund may have a hundred reviewers, and as template markup each cell cost a URL reversal, a
CSRF field and a dozen nodes, each line of the list a translation block."""

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def overview_cells(context, application, cells) -> SafeString:
    """One ``<td>`` per reviewer column of ``application``'s row. Every value is escaped
    once (the row's application here, each column once per page) and the cells are joined
    as text, which is safe because nothing else goes in."""
    texts = context.render_context.get("_overview_texts")
    if texts is None:
        texts = context.render_context["_overview_texts"] = _texts(context)
    row = {"uuid": escape(application.uuid), "title": escape(application.title)}
    return mark_safe("".join(_td(texts, row, cell) for cell in cells))


def _td(texts, row: dict, cell) -> str:
    column = _column(texts, cell.column)
    content = _cell(texts, row, cell, column)
    return f'<td class="utrecht-table__cell" data-label="{column["name"]}">{content}</td>'


def _column(texts, column) -> dict:
    """A reviewer column's escaped name and key, once per page."""
    found = texts["columns"].get(id(column))
    if found is None:
        full = format_html('<br><span class="pt-muted">{}</span>', texts["full"])
        found = texts["columns"][id(column)] = {
            "name": escape(column.name),
            "reviewer": escape(column.user.uuid),
            "full": full if column.full else "",
        }
    return found


@register.simple_tag
def reviewer_loads(reviewers) -> SafeString:
    """One ``<li>`` per reviewer of the fund: name, load in the round, maximum, expertise."""
    if not reviewers:
        return format_html("<li>{}</li>", _("This fund has no reviewers yet."))
    return format_html_join("", "<li>{}: {}{}</li>", (_load(column) for column in reviewers))


def _load(column) -> tuple:
    load = _("%(load)s of at most %(max)s") % {"load": column.load, "max": column.max_assignments}
    expertise = column.expertise and format_html(
        ' · <span class="pt-muted">{}</span>', column.expertise
    )
    return column.name, load, expertise or ""


def _texts(context) -> dict:
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', context.get("csrf_token")
    )
    return {
        "csrf": token,
        "assign_url": escape(reverse("funding:review_assign", args=[context["round"].slug])),
        "withdraw": escape(_("Withdraw")),
        "conflict": escape(_("Conflict of interest")),
        "assign": escape(_("Assign")),
        "full": _("at the maximum"),
        "columns": {},
    }


def _cell(texts, row: dict, cell, column: dict) -> str:
    assignment = cell.assignment
    if assignment is not None:
        status = capfirst(assignment.get_status_display())
        if assignment.status == "recused":
            status = format_html("{}: {}", status, assignment.recusal_reason)
        if assignment.status != "assigned":
            return conditional_escape(status)
        url = reverse("funding:review_unassign", args=[assignment.uuid])
        return format_html(
            '{}<form method="post" action="{}">{}<button class="utrecht-button '
            'utrecht-button--subtle" type="submit">{}</button></form>',
            status, url, texts["csrf"], texts["withdraw"],
        )  # fmt: skip
    if cell.conflict:
        return format_html(
            '<strong>{}</strong><br><span class="pt-muted">{}</span>',
            texts["conflict"], cell.conflict,
        )  # fmt: skip
    return (
        f'<form method="post" action="{texts["assign_url"]}">{texts["csrf"]}'
        f'<input type="hidden" name="application" value="{row["uuid"]}">'
        f'<input type="hidden" name="reviewer" value="{column["reviewer"]}">'
        '<button class="utrecht-button utrecht-button--secondary-action" type="submit">'
        f'{texts["assign"]}<span class="utrecht-visually-hidden"> {row["title"]}</span>'
        f"</button></form>{column['full']}"
    )
