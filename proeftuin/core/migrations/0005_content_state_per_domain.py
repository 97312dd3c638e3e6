"""ContentState gets a row per content domain; the one site-wide row goes (every cache key
changes with the new format anyway, so nothing stale can be served)."""

from django.db import migrations, models


def drop_site_wide_row(apps, schema_editor):
    apps.get_model("core", "ContentState").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_events"),
    ]

    operations = [
        migrations.RunPython(drop_site_wide_row, migrations.RunPython.noop),
        migrations.AddField(
            model_name="contentstate",
            name="domain",
            field=models.CharField(default="", max_length=50, unique=True),
            preserve_default=False,
        ),
    ]
