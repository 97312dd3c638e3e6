"""Initiatives in search: findable by their problem, who suffers from it, the process or
chain, the intended result, lessons, learning questions and reflections, by whoever may
see the initiative (``Initiative.objects.visible_to``); registered from
``PortfolioConfig.ready`` (``proeftuin.core.searchable``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from proeftuin.core.jobs import enqueue
from proeftuin.core.service import (
    EditorialStatus,
    Searchable,
    SearchOwner,
    SearchText,
    content_changed,
    register_searchable,
)
from proeftuin.portfolio.models import Initiative, Reflection

KIND = "initiative"
JOB = "search.index_initiative"
DOMAIN = "initiatives"
# Problem description fields: passages of the "summary" kind, labelled with the field
DESCRIBING = ("affected", "chain", "intended_result")
REFLECTION_FIELDS = (
    "unexpected",
    "easy",
    "interventions",
    "course_change",
    "help_needed",
    "transfer",
)


def initiative_changed(initiative_id: int) -> None:
    """Call inside the transaction of every write to an initiative or its parts: the
    "initiatives" content domain moves on, and its passages are brought up to date after
    commit (a background job, never in the request)."""
    content_changed(DOMAIN)
    enqueue(JOB, initiative_id)


def _field_label(name: str) -> str:
    return str(Initiative._meta.get_field(name).verbose_name).capitalize()


def _reflection_text(reflection: Reflection) -> str:
    parts = []
    for name in REFLECTION_FIELDS:
        value = getattr(reflection, name)
        if value.strip():
            label = str(Reflection._meta.get_field(name).verbose_name).capitalize()
            parts.append(f"{label}: {value}")
    return "\n".join(parts)


def initiative_texts(initiative_id: int) -> list[SearchText] | None:
    """The passages of an initiative: its problem (with its title and the names of its
    organisations), who suffers, the process or chain, the intended result, its lessons,
    each learning question and each reflection; ``None`` when it is gone or archived."""
    initiative = (
        Initiative.objects.filter(pk=initiative_id)
        .exclude(status=EditorialStatus.ARCHIVED)
        .select_related("owner")
        .prefetch_related("partners", "learning_questions", "reflections")
        .first()
    )
    if initiative is None:
        return None
    names = [initiative.owner, *initiative.partners.all()]
    context = "\n".join(" ".join(filter(None, [o.name, o.abbreviation])) for o in names)
    texts = [SearchText("summary", initiative.title, initiative.problem, context)]
    texts += [
        SearchText("summary", _field_label(name), getattr(initiative, name))
        for name in DESCRIBING
        if getattr(initiative, name).strip()
    ]
    if initiative.lessons.strip():
        texts.append(SearchText("lesson", _field_label("lessons"), initiative.lessons))
    texts += [
        SearchText("lesson", _("Learning question"), q.text)
        for q in initiative.learning_questions.all()
        if q.text.strip()
    ]
    for reflection in initiative.reflections.all():
        text = _reflection_text(reflection)
        if text:
            label = _("Reflection of %(date)s") % {"date": reflection.date.isoformat()}
            texts.append(SearchText("lesson", label, text))
    return texts


def initiative_owners(ids) -> dict[int, SearchOwner]:
    """What hits show of initiatives: title, page and lead organisation."""
    rows = Initiative.objects.filter(id__in=ids).values_list(
        "id", "uuid", "slug", "title", "owner__name"
    )
    owners = {}
    for initiative_id, uuid, slug, title, owner in rows:
        owners[initiative_id] = SearchOwner(
            id=initiative_id,
            uuid=str(uuid),
            title=title,
            url=reverse("portfolio:detail", kwargs={"slug": slug}),
            slug=slug,
            details=(owner,),
            api={"uuid": str(uuid), "title": title, "slug": slug, "organisations": [owner]},
            links={"web_url": ("portfolio:detail", {"slug": slug})},
        )
    return owners


def register() -> None:
    register_searchable(
        Searchable(
            key=KIND,
            model="portfolio.Initiative",
            label=gettext_lazy("Initiative"),
            texts=initiative_texts,
            visible_to=Initiative.objects.visible_to,
            owners=initiative_owners,
            all_ids=lambda: Initiative.objects.values_list("id", flat=True).iterator(),
            job=JOB,
        )
    )
