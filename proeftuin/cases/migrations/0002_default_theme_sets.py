from django.db import migrations


def forwards(apps, schema_editor):
    from proeftuin.cases.themes import install_default_theme_sets

    install_default_theme_sets(apps.get_model("cases", "ThemeSet"), apps.get_model("cases", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
