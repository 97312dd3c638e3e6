"""The platform's default pipeline for initiatives, which organisations copy and then edit:
idea, exploration, pilot, evaluation, scaling, standard practice; or stopped (with lessons)
or parked. Forward one step at a time; out of exploration, pilot and evaluation only through
a gate decided by the gatekeeper; stop and park from any open stage; unpark back to where
the initiative was parked from (the service enforces the way back)."""

from django.db import migrations

KIND = "initiative"
OWNERS = ["owner", "editor"]
GATEKEEPER = ["gatekeeper"]

# key, Dutch, English, category, required fields, evaluation due (days)
STAGES = [
    ("idea", "Idee", "Idea", "open", [], None),
    ("exploration", "Verkenning", "Exploration", "open", [], 90),
    ("pilot", "Pilot", "Pilot", "open", [], 180),
    ("evaluation", "Evaluatie", "Evaluation", "open", [], 90),
    ("scaling", "Opschaling", "Scaling", "open", [], 365),
    ("standard", "Staande praktijk", "Standard practice", "closed_success", [], None),
    ("stopped", "Gestopt", "Stopped", "closed_stopped", ["lessons"], None),
    ("parked", "Geparkeerd", "Parked", "parked", [], None),
]
OPEN = ["idea", "exploration", "pilot", "evaluation", "scaling"]
GATED = ["exploration", "pilot", "evaluation"]

# the questions of the gate that ends each stage: Dutch, English, required
QUESTIONS = {
    "exploration": [
        (
            "Is het probleem helder en herkennen de betrokkenen het?",
            "Is the problem clear, and do those involved recognise it?",
            True,
        ),
        (
            "Zijn er een eigenaar, tijd en geld voor een pilot?",
            "Are there an owner, time and money for a pilot?",
            True,
        ),
        (
            "Zijn de risico's (privacy, ethiek, recht, informatiebeveiliging) in kaart gebracht?",
            "Have the risks (privacy, ethics, law, information security) been mapped?",
            True,
        ),
    ],
    "pilot": [
        (
            "Zijn de doelen van de pilot gehaald? Waaruit blijkt dat?",
            "Were the goals of the pilot met? What shows it?",
            True,
        ),
        (
            "Wat vonden gebruikers en medewerkers ervan?",
            "What did users and staff think of it?",
            True,
        ),
        ("Wat zou u een volgende keer anders doen?", "What would you do differently next time?", False),
    ],
    "evaluation": [
        (
            "Wegen de opbrengsten op tegen de kosten en risico's?",
            "Do the benefits outweigh the costs and risks?",
            True,
        ),
        (
            "Zijn er een eigenaar en structureel budget voor opschaling?",
            "Are there an owner and structural budget for scaling?",
            True,
        ),
        (
            "Wat moet er anders bij opschaling?",
            "What needs to change for scaling?",
            False,
        ),
    ],
}


def transitions():
    """(from, to, actors, is gate, label)"""
    rows = []
    for here, there in zip(OPEN, [*OPEN[1:], "standard"], strict=True):
        if here in GATED:
            rows.append((here, there, GATEKEEPER, True, "Poortbesluit: door"))
        else:
            rows.append((here, there, OWNERS, False, "Volgende fase"))
    for here in OPEN:
        rows.append((here, "stopped", OWNERS, False, "Stoppen"))
        rows.append((here, "parked", OWNERS, False, "Parkeren"))
        rows.append(("parked", here, OWNERS, False, "Weer oppakken"))
    for here in GATED:
        rows.append((here, "stopped", GATEKEEPER, True, "Poortbesluit: stoppen"))
        rows.append((here, "parked", GATEKEEPER, True, "Poortbesluit: parkeren"))
        rows.append((here, here, GATEKEEPER, True, "Poortbesluit: bijstellen"))
    return rows


def create(apps, schema_editor):
    Workflow = apps.get_model("core", "Workflow")
    Stage = apps.get_model("core", "Stage")
    GateQuestion = apps.get_model("core", "GateQuestion")
    Transition = apps.get_model("core", "Transition")
    if Workflow.objects.filter(kind=KIND, owner__isnull=True).exists():
        return
    workflow = Workflow.objects.create(kind=KIND, owner=None, name="Innovatietraject (standaard)")
    stages = {}
    for order, (key, name, name_en, category, required, due) in enumerate(STAGES, start=1):
        stages[key] = Stage.objects.create(
            workflow=workflow,
            key=key,
            name=name,
            name_en=name_en,
            order=order * 10,
            category=category,
            required_fields=required,
            evaluation_due_days=due,
            is_initial=key == "idea",
        )
    for key, questions in QUESTIONS.items():
        for order, (text, text_en, required) in enumerate(questions, start=1):
            GateQuestion.objects.create(
                stage=stages[key], text=text, text_en=text_en, required=required, order=order * 10
            )
    for here, there, actors, gate, label in transitions():
        Transition.objects.create(
            workflow=workflow,
            from_stage=stages[here],
            to_stage=stages[there],
            actors=actors,
            is_gate=gate,
            label=label,
        )


def remove(apps, schema_editor):
    apps.get_model("core", "Workflow").objects.filter(kind=KIND, owner__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0006_workflows")]

    operations = [migrations.RunPython(create, remove)]
