"""The two default procedures of a funding round, as core workflows (data that
administrators edit): one stage (draft, submitted, screening, more information requested,
in review, ready for decision, granted or rejected, withdrawn) and two stages (an idea
sketch first, a full proposal on invitation, then the same). Applicants submit and
withdraw; screeners and managers screen; managers decide."""

from django.db import migrations

APPLICANT = ["applicant"]
SCREENING = ["screener", "manager"]
MANAGER = ["manager"]

# key, Dutch, English, category, required fields
COMMON = [
    ("submitted", "Ingediend", "Submitted", "open", ["problem", "idea"]),
    ("screening", "Screening", "Screening", "open", []),
    ("more_info", "Aanvulling gevraagd", "More information requested", "open", []),
    ("in_review", "In beoordeling", "In review", "open", []),
    ("decision", "Klaar voor besluit", "Ready for decision", "open", []),
    ("granted", "Toegekend", "Granted", "closed_success", []),
    ("rejected", "Afgewezen", "Rejected", "closed_stopped", []),
    ("withdrawn", "Ingetrokken", "Withdrawn", "closed_stopped", []),
]
ONE_STAGE = [("draft", "Concept", "Draft", "open", [])] + COMMON
TWO_STAGE = [
    ("sketch", "Ideeschets", "Idea sketch", "open", []),
    ("sketch_submitted", "Schets ingediend", "Sketch submitted", "open", ["problem", "idea"]),
    ("sketch_review", "Schets in beoordeling", "Sketch in review", "open", []),
    ("proposal", "Uitgewerkt voorstel", "Full proposal", "open", []),
] + COMMON

COMMON_MOVES = [
    ("submitted", "screening", SCREENING, "Screening starten"),
    ("screening", "more_info", SCREENING, "Aanvulling vragen"),
    ("more_info", "submitted", APPLICANT, "Aangevuld opnieuw indienen"),
    ("screening", "in_review", SCREENING, "Ontvankelijk: naar beoordeling"),
    ("screening", "rejected", SCREENING, "Niet ontvankelijk"),
    ("in_review", "decision", MANAGER, "Klaar voor besluit"),
    ("decision", "in_review", MANAGER, "Terug naar beoordeling"),
    ("decision", "granted", MANAGER, "Toekennen"),
    ("decision", "rejected", MANAGER, "Afwijzen"),
]
OPEN_COMMON = ["submitted", "screening", "more_info", "in_review", "decision"]

PROCEDURES = {
    "application": (
        "Subsidieaanvraag (standaard)",
        ONE_STAGE,
        [("draft", "submitted", APPLICANT, "Indienen"), *COMMON_MOVES],
        ["draft", *OPEN_COMMON],
    ),
    "application_two_stage": (
        "Subsidieaanvraag in twee stappen (standaard)",
        TWO_STAGE,
        [
            ("sketch", "sketch_submitted", APPLICANT, "Ideeschets indienen"),
            ("sketch_submitted", "sketch_review", SCREENING, "Schets beoordelen"),
            ("sketch_review", "proposal", MANAGER, "Uitnodigen voor uitgewerkt voorstel"),
            ("sketch_review", "rejected", MANAGER, "Schets afwijzen"),
            ("proposal", "submitted", APPLICANT, "Voorstel indienen"),
            *COMMON_MOVES,
        ],
        ["sketch", "sketch_submitted", "sketch_review", "proposal", *OPEN_COMMON],
    ),
}


def create(apps, schema_editor):
    Workflow = apps.get_model("core", "Workflow")
    Stage = apps.get_model("core", "Stage")
    Transition = apps.get_model("core", "Transition")
    for kind, (name, stages, moves, withdrawable) in PROCEDURES.items():
        if Workflow.objects.filter(kind=kind, owner__isnull=True).exists():
            continue
        workflow = Workflow.objects.create(kind=kind, owner=None, name=name)
        rows = {}
        for order, (key, dutch, english, category, required) in enumerate(stages, start=1):
            rows[key] = Stage.objects.create(
                workflow=workflow,
                key=key,
                name=dutch,
                name_en=english,
                order=order * 10,
                category=category,
                required_fields=required,
                is_initial=order == 1,
            )
        for here, there, actors, label in moves:
            Transition.objects.create(
                workflow=workflow,
                from_stage=rows[here],
                to_stage=rows[there],
                actors=actors,
                is_gate=False,
                label=label,
            )
        for here in withdrawable:
            Transition.objects.create(
                workflow=workflow,
                from_stage=rows[here],
                to_stage=rows["withdrawn"],
                actors=APPLICANT,
                is_gate=False,
                label="Intrekken",
            )


def remove(apps, schema_editor):
    Workflow = apps.get_model("core", "Workflow")
    Workflow.objects.filter(kind__in=list(PROCEDURES), owner__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial"), ("core", "0008_workflow_version")]

    operations = [migrations.RunPython(create, remove)]
