"""Every scorecard keeps its weighted mean once submitted; the submitted cards so far get
theirs here, computed from their scores in the database."""

from django.db import migrations, models
from django.db.models import F, FloatField, OuterRef, Subquery, Sum
from django.db.models.functions import Cast


def fill(apps, schema_editor):
    Scorecard = apps.get_model("awards", "Scorecard")
    Score = apps.get_model("awards", "Score")
    per_card = Score.objects.filter(scorecard=OuterRef("pk")).values("scorecard")
    weighted = per_card.annotate(
        m=Cast(Sum(F("value") * F("criterion__weight")), FloatField())
        / Cast(Sum("criterion__weight"), FloatField())
    ).values("m")
    Scorecard.objects.filter(submitted_at__isnull=False).update(
        weighted_mean=Subquery(weighted)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_casebook_analysis"),
    ]

    operations = [
        migrations.AddField(
            model_name="scorecard",
            name="weighted_mean",
            field=models.FloatField(blank=True, null=True, verbose_name="weighted mean"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
