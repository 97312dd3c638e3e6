"""The cells of the assignment overview (``funding/review/assignments.html``) and its list
of every reviewer's load, built in Python: a page has 20 applications x 10 reviewers and a
fund may have a hundred reviewers, and as template markup each cell cost a URL reversal, a
CSRF field and a dozen nodes, each line of the list a translation block."""

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def overview_cells(context, application, cells) -> SafeString:
    """One ``<td>`` per reviewer column of ``application``'s row."""
    texts = context.get("_overview_texts")
    if texts is None:
        texts = context["_overview_texts"] = _texts(context)
    return format_html_join(
        "", '<td class="utrecht-table__cell" data-label="{}">{}</td>',
        ((cell.column.name, _cell(texts, application, cell)) for cell in cells),
    )  # fmt: skip


@register.simple_tag
def reviewer_loads(reviewers) -> SafeString:
    """One ``<li>`` per reviewer of the fund: name, load in the round, maximum, expertise."""
    if not reviewers:
        return format_html("<li>{}</li>", _("This fund has no reviewers yet."))
    return format_html_join("", "<li>{}: {}{}</li>", (_load(column) for column in reviewers))


def _load(column) -> tuple:
    member = column.member
    load = _("%(load)s of at most %(max)s") % {"load": column.load, "max": member.max_assignments}
    expertise = member.expertise and format_html(
        ' · <span class="pt-muted">{}</span>', member.expertise
    )
    return column.name, load, expertise or ""


def _texts(context) -> dict:
    token = format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', context.get("csrf_token")
    )
    return {
        "csrf": token,
        "assign_url": reverse("funding:review_assign", args=[context["round"].slug]),
        "withdraw": _("Withdraw"),
        "conflict": _("Conflict of interest"),
        "assign": _("Assign"),
        "full": _("at the maximum"),
    }


def _cell(texts, application, cell) -> SafeString:
    assignment = cell.assignment
    if assignment is not None:
        status = capfirst(assignment.get_status_display())
        if assignment.status == "recused":
            status = format_html("{}: {}", status, assignment.recusal_reason)
        if assignment.status != "assigned":
            return format_html("{}", status)
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
    full = format_html('<br><span class="pt-muted">{}</span>', texts["full"])
    return format_html(
        '<form method="post" action="{}">{}<input type="hidden" name="application" value="{}">'
        '<input type="hidden" name="reviewer" value="{}"><button class="utrecht-button '
        'utrecht-button--secondary-action" type="submit">{}<span class="utrecht-visually-hidden">'
        " {}</span></button></form>{}",
        texts["assign_url"], texts["csrf"], application.uuid, cell.column.member.user.uuid,
        texts["assign"], application.title, full if cell.column.full else mark_safe(""),
    )  # fmt: skip
