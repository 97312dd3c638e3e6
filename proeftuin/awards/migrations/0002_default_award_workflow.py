"""The default way of a nomination through an edition, as a core workflow (data that
administrators edit): nominated, submitted, long list, top ten, finalist, winner; or not
selected, withdrawn. The nominee submits and withdraws; the organisers record each step of
the panels (a finalist can only come from the top ten, a winner only from the finalists)."""

from django.db import migrations

KIND = "award"
NOMINEE = ["nominee"]
ORGANISER = ["organiser"]
BOTH = ["nominee", "organiser"]

# key, Dutch, English, category
STAGES = [
    ("nominated", "Genomineerd", "Nominated", "open"),
    ("submitted", "Inzending ontvangen", "Submission received", "open"),
    ("long_list", "Longlist", "Long list", "open"),
    ("top_ten", "Top tien", "Top ten", "open"),
    ("finalist", "Finalist", "Finalist", "open"),
    ("winner", "Winnaar", "Winner", "closed_success"),
    ("not_selected", "Niet geselecteerd", "Not selected", "closed_stopped"),
    ("withdrawn", "Teruggetrokken", "Withdrawn", "closed_stopped"),
]
MOVES = [
    ("nominated", "submitted", NOMINEE, "Inzending indienen"),
    ("submitted", "long_list", ORGANISER, "Op de longlist"),
    ("long_list", "top_ten", ORGANISER, "In de top tien"),
    ("top_ten", "finalist", ORGANISER, "Finalist"),
    ("finalist", "winner", ORGANISER, "Winnaar"),
    ("submitted", "not_selected", ORGANISER, "Niet geselecteerd"),
    ("long_list", "not_selected", ORGANISER, "Niet geselecteerd"),
    ("top_ten", "not_selected", ORGANISER, "Niet geselecteerd"),
    ("finalist", "not_selected", ORGANISER, "Niet gewonnen"),
    ("nominated", "withdrawn", BOTH, "Terugtrekken"),
    ("submitted", "withdrawn", BOTH, "Terugtrekken"),
]


def create(apps, schema_editor):
    Workflow = apps.get_model("core", "Workflow")
    Stage = apps.get_model("core", "Stage")
    Transition = apps.get_model("core", "Transition")
    if Workflow.objects.filter(kind=KIND, owner__isnull=True).exists():
        return
    workflow = Workflow.objects.create(kind=KIND, owner=None, name="Verkiezing (standaard)")
    rows = {}
    for order, (key, dutch, english, category) in enumerate(STAGES, start=1):
        rows[key] = Stage.objects.create(
            workflow=workflow,
            key=key,
            name=dutch,
            name_en=english,
            order=order * 10,
            category=category,
            required_fields=[],
            is_initial=order == 1,
        )
    for here, there, actors, label in MOVES:
        Transition.objects.create(
            workflow=workflow,
            from_stage=rows[here],
            to_stage=rows[there],
            actors=actors,
            is_gate=False,
            label=label,
        )


def remove(apps, schema_editor):
    apps.get_model("core", "Workflow").objects.filter(kind=KIND, owner__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial"), ("core", "0008_workflow_version")]

    operations = [migrations.RunPython(create, remove)]
