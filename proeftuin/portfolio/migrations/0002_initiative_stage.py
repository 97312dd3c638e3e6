"""Initiatives move through a workflow: existing initiatives start at the initial stage of
their organisation's initiative workflow (its own copy, else the platform default)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def put_in_initial_stage(apps, schema_editor):
    Initiative = apps.get_model("portfolio", "Initiative")
    Workflow = apps.get_model("core", "Workflow")
    Stage = apps.get_model("core", "Stage")
    default = Workflow.objects.filter(kind="initiative", owner__isnull=True).first()
    for initiative in Initiative.objects.filter(stage__isnull=True).iterator():
        workflow = (
            Workflow.objects.filter(kind="initiative", owner_id=initiative.owner_id).first()
            or default
        )
        stage = Stage.objects.get(workflow=workflow, is_initial=True)
        Initiative.objects.filter(pk=initiative.pk).update(workflow=workflow, stage=stage)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0007_default_initiative_workflow"),
        ("portfolio", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="workflow",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.workflow",
                verbose_name="workflow",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="stage",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.stage",
                verbose_name="stage",
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="stage_entered_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="in this stage since"
            ),
        ),
        migrations.AddField(
            model_name="initiative",
            name="stage_version",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="stage version"
            ),
        ),
        migrations.RunPython(put_in_initial_stage, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="initiative",
            name="workflow",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.workflow",
                verbose_name="workflow",
            ),
        ),
        migrations.AlterField(
            model_name="initiative",
            name="stage",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.stage",
                verbose_name="stage",
            ),
        ),
    ]
