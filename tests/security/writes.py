"""Attempts to change organisation A's things. Each ``Write`` is tried by every actor
below its needed level (refused, nothing changed, nothing revealed), then by one actor
who holds the role (done: the positive control)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from proeftuin.cases.forms import FORMSETS
from proeftuin.cases.models import Case
from proeftuin.ingestion.models import DuplicateChoice, Job, SourceFile, Suggestion
from proeftuin.notifications.models import Notification
from proeftuin.organisations.models import Organisation
from tests.security.world import ACTORS, DOCUMENT_TEXT, NOTIFICATION_RECIPIENT, World

REFUSED = {302, 400, 401, 403, 404}


@dataclass
class Write:
    name: str
    routes: tuple[str, ...]
    needs: int  # role in A needed to succeed
    attempt: Callable[[World, object], object]  # (world, client) -> response
    state: Callable[[World], object]  # what must stay the same when refused
    allowed_actor: str = "a_editor"
    check_done: bool = True  # False: the allowed actor's attempt is covered elsewhere
    attackers: tuple[str, ...] | None = None  # None: every actor below ``needs``

    def tried_by(self, world: World) -> list[str]:
        if self.attackers is not None:
            return list(self.attackers)
        return [actor for actor in ACTORS if world.level(actor) < self.needs]


# a user's own things (a notification): everyone else tries, whatever their role in A
NOT_THE_RECIPIENT = tuple(a for a in ACTORS if a != NOTIFICATION_RECIPIENT)


def empty_formsets() -> dict[str, str]:
    data = {}
    for name in FORMSETS:
        data.update({f"{name}-TOTAL_FORMS": "0", f"{name}-INITIAL_FORMS": "0"})
    return data


def case_form(lead, **overrides) -> dict:
    data = {"title": "Overgenomen casus", "summary": "Samenvatting.", "stage": "idea"}
    data.update(lead_organisation=str(lead.pk), theme_set="casebook", status="draft")
    return {**data, "visibility": "public", **empty_formsets(), **overrides}


def api_case(organisation, **overrides) -> dict:
    data = {
        "title": "Overgenomen casus",
        "summary": "Samenvatting.",
        "stage": "idea",
        "status": "published",
        "visibility": "public",
        "organisations": [str(organisation.uuid)],
    }
    return {**data, **overrides}


def _cases_led_by_a(world) -> list:
    return sorted(
        Case.objects.filter(
            case_organisations__organisation=world.a, case_organisations__is_lead=True
        ).values_list("pk", flat=True)
    )


def _draft(world) -> tuple:
    case = Case.objects.get(pk=world.cases["draft"].pk)
    return case.title, case.version, case.status


def _suggestions(world) -> list:
    return sorted(
        Suggestion.objects.filter(source=world.source).values_list("pk", "status", "edited_value")
    )


def _jobs(world) -> int:
    return Job.objects.filter(source=world.source).count()


def _organisation_a(world) -> tuple:
    org = Organisation.objects.get(pk=world.a.pk)
    return org.name, org.website


def _first_suggestion(world):
    return world.source.suggestions.order_by("pk").first()


def _duplicate_choices(world) -> tuple:
    choices = DuplicateChoice.objects.filter(source=world.source)
    return sorted(choices.values_list("segment", "choice", "case")), _draft(world)


def _decided_suggestion(world):
    return world.source.suggestions.exclude(status="pending").order_by("pk").first()


def _citing_cases(world) -> int:
    return Case.objects.filter(citations__document=world.source.document).count()


def _status(world, key: str) -> str:
    return Case.objects.get(pk=world.cases[key].pk).status


def _archived_org_case(world) -> str:
    """The state of the un-archive attempts: A's "org" case, archived once beforehand."""
    if not getattr(world, "archived_for_test", False):
        Case.objects.filter(pk=world.cases["org"].pk).update(
            status="archived", archived_from="published"
        )
        world.archived_for_test = True
    return _status(world, "org")


def _source_deleted(world) -> bool:
    return SourceFile.objects.get(pk=world.source.pk).deleted_at is not None


def _notification_read(world) -> bool:
    return Notification.objects.get(pk=world.notification.pk).read_at is not None


def _version(world, key: str) -> str:
    return str(Case.objects.get(pk=world.cases[key].pk).version)


WRITES = [
    Write(
        "publish",
        ("cases:publish",),
        30,
        lambda w, c: c.post(
            f"/casussen/{w.cases['draft'].slug}/publiceren/", {"version": _version(w, "draft")}
        ),
        _draft,
    ),
    Write(
        "archive",
        ("cases:archive",),
        30,
        lambda w, c: c.post(
            f"/casussen/{w.cases['pub'].slug}/archiveren/",
            {"version": _version(w, "pub"), "reason": "Overgenomen"},
        ),
        lambda w: _status(w, "pub"),
    ),
    Write(
        "un-archive",
        ("cases:unarchive",),
        30,
        lambda w, c: c.post(
            f"/casussen/{w.cases['org'].slug}/uit-archief/", {"version": _version(w, "org")}
        ),
        _archived_org_case,
    ),
    Write(
        "delete document",
        ("ingestion:delete",),
        30,
        lambda w, c: c.post(f"/documenten/{w.source.uuid}/verwijderen/"),
        _source_deleted,
    ),
    Write(
        "edit page",
        ("cases:edit",),
        30,
        lambda w, c: c.post(
            f"/casussen/{w.cases['draft'].slug}/bewerken/",
            case_form(w.a, version=str(w.cases["draft"].version)),
        ),
        _draft,
    ),
    Write(
        "api change",
        ("api:case-detail",),
        30,
        lambda w, c: c.patch(
            f"/api/v1/cases/{w.cases['draft'].uuid}",
            {"title": "Overgenomen", "version": w.cases["draft"].version},
            content_type="application/json",
        ),
        _draft,
    ),
    Write(
        "form: A as lead",
        ("cases:create",),
        20,
        lambda w, c: c.post("/casussen/nieuw/", case_form(w.a)),
        _cases_led_by_a,
        allowed_actor="a_contributor",
    ),
    Write(
        "api: A as lead, published",
        ("api:case-list",),
        30,
        lambda w, c: c.post("/api/v1/cases", api_case(w.a), content_type="application/json"),
        _cases_led_by_a,
    ),
    Write(
        "api: A as lead, own organisation as owner",
        ("api:case-list",),
        30,
        lambda w, c: c.post(
            "/api/v1/cases",
            api_case(w.a, owner=str((w.b if c.actor.startswith("b_") else w.a).uuid)),
            content_type="application/json",
        ),
        _cases_led_by_a,
    ),
    Write(
        "form: cite A's document",
        ("cases:create",),
        10,
        lambda w, c: c.post(
            "/casussen/nieuw/",
            case_form(
                w.a if c.actor.startswith("a_") else w.b,
                **{
                    "citations-TOTAL_FORMS": "1",
                    "citations-0-field": "summary",
                    "citations-0-document": str(w.source.document.pk),
                },
            ),
        ),
        _citing_cases,
        allowed_actor="a_contributor",
    ),
    Write(
        "api: cite A's document",
        ("api:case-list",),
        10,
        lambda w, c: c.post(
            "/api/v1/cases",
            api_case(
                w.a if c.actor.startswith("a_") else w.b,
                status="draft",
                citations=[{"field": "summary", "document": w.source.document.key}],
            ),
            content_type="application/json",
        ),
        _citing_cases,
        allowed_actor="a_contributor",
    ),
    Write(
        "decide",
        ("ingestion:decide",),
        30,
        lambda w, c: c.post(
            f"/documenten/suggesties/{_first_suggestion(w).uuid}/", {"decision": "rejected"}
        ),
        _suggestions,
    ),
    Write(
        "decide in place (htmx)",
        ("ingestion:decide",),
        30,
        lambda w, c: c.post(
            f"/documenten/suggesties/{_first_suggestion(w).uuid}/",
            {"decision": "edited", f"s{_first_suggestion(w).uuid.hex}-new_name": "Overgenomen"},
            headers={"HX-Request": "true"},
        ),
        _suggestions,
    ),
    Write(
        "duplicate: add to A's draft",
        ("ingestion:duplicate",),
        30,
        lambda w, c: c.post(
            f"/documenten/{w.source.uuid}/casus/0/dubbel/",
            {"action": "merge", "case": str(w.cases["draft"].uuid)},
        ),
        _duplicate_choices,
    ),
    Write(
        "duplicate: a new case anyway",
        ("ingestion:duplicate",),
        30,
        lambda w, c: c.post(f"/documenten/{w.source.uuid}/casus/0/dubbel/", {"action": "new"}),
        _duplicate_choices,
    ),
    Write(
        "undo",
        ("ingestion:undo",),
        30,
        lambda w, c: c.post(f"/documenten/suggesties/{_decided_suggestion(w).uuid}/ongedaan/"),
        _suggestions,
    ),
    Write(
        "accept above",
        ("ingestion:accept_above",),
        30,
        lambda w, c: c.post(f"/documenten/{w.source.uuid}/casus/0/accepteren/", {"threshold": "0"}),
        _suggestions,
    ),
    Write(
        "make draft case",
        ("ingestion:segment",),
        30,
        lambda w, c: c.post(f"/documenten/{w.source.uuid}/casus/0/"),
        _citing_cases,
        check_done=False,  # nothing is accepted in this world; tests/ingestion builds one
    ),
    Write(
        "re-run",
        ("ingestion:retry",),
        30,
        lambda w, c: c.post(f"/documenten/{w.source.uuid}/opnieuw/"),
        _jobs,
    ),
    Write(
        "api decision",
        ("api:suggestion-decision",),
        30,
        lambda w, c: c.post(
            f"/api/v1/suggestions/{_first_suggestion(w).uuid}/decision",
            {"decision": "rejected"},
            content_type="application/json",
        ),
        _suggestions,
    ),
    Write(
        "api undo",
        ("api:suggestion-undo",),
        30,
        lambda w, c: c.post(
            f"/api/v1/suggestions/{_decided_suggestion(w).uuid}/undo",
            content_type="application/json",
        ),
        _suggestions,
    ),
    Write(
        "organisation profile",
        ("organisations:edit",),
        40,
        lambda w, c: c.post(
            "/organisaties/gemeente-alfa/bewerken/", {"name": "Overgenomen", "version": "1"}
        ),
        _organisation_a,
        allowed_actor="a_admin",
        check_done=False,  # a full profile form; tests/organisations saves it
    ),
    Write(
        "api organisation profile",
        ("api:organisation-detail",),
        40,
        lambda w, c: c.patch(
            f"/api/v1/organisations/{w.a.uuid}",
            {"website": "https://overgenomen.example"},
            content_type="application/json",
            headers={"If-Match": f'"{w.a.version}"'},
        ),
        _organisation_a,
        allowed_actor="a_admin",
    ),
    Write(
        "mark someone else's notification read",
        ("notifications:mark_read",),
        0,
        lambda w, c: c.post(f"/meldingen/{w.notification.uuid}/gelezen/"),
        _notification_read,
        allowed_actor=NOTIFICATION_RECIPIENT,
        attackers=NOT_THE_RECIPIENT,
    ),
    Write(
        "mark all read (one's own only)",
        ("notifications:mark_all_read",),
        0,
        lambda w, c: c.post("/meldingen/alles-gelezen/"),
        _notification_read,
        allowed_actor=NOTIFICATION_RECIPIENT,
        attackers=NOT_THE_RECIPIENT,
    ),
]


def upload_same_bytes(client, *, api: bool, name: str = "kopie.txt"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, DOCUMENT_TEXT, content_type="text/plain")
    url = "/api/v1/documents" if api else "/documenten/"
    return client.post(url, {"file": upload})


def own_sources(world, organisation) -> list:
    return list(SourceFile.objects.filter(owner=organisation))
