"""``{% duplicate_groups source as dup %}``: per case in a document, the cases in the
library it may duplicate (only those the signed-in user may see), or the choice made."""

from django import template
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.service import can_edit_case, case_visible
from proeftuin.ingestion.duplicates import source_duplicates
from proeftuin.ingestion.permissions import can_review

register = template.Library()

FIELD_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "year_start": _("First year"),
    "year_end": _("Last year"),
    "organisation.name": _("Organisation"),
}


def _conflict_rows(choice) -> list[dict]:
    themes = {}
    if choice.case is not None:
        themes = {t.key: t.name for t in choice.case.theme_set.themes.all()}
    rows = []
    for conflict in choice.conflicts:
        field = conflict.get("field", "")
        theme = field.removeprefix("sections.")
        label = FIELD_LABELS.get(field) or themes.get(theme) or theme
        rows.append({**conflict, "label": label})
    return rows


@register.simple_tag(takes_context=True)
def duplicate_groups(context, source) -> dict:
    user = context["request"].user
    if not source.suggestions.exists():
        return {"groups": [], "may_review": False}
    groups = source_duplicates(user=user, source=source)
    may_review = can_review(user, source)[0]
    visible = set(
        case_visible(user)
        .filter(pk__in=[g.choice.case_id for g in groups if g.choice and g.choice.case_id])
        .values_list("pk", flat=True)
    )
    for group in groups:
        for candidate in group.candidates:
            candidate.may_merge = may_review and can_edit_case(user, candidate.case)[0]
        if group.choice is not None:
            group.shown_case = group.choice.case if group.choice.case_id in visible else None
            group.conflicts = _conflict_rows(group.choice) if group.shown_case else []
    return {"groups": groups, "may_review": may_review}
