from django.db import migrations


def forwards(apps, schema_editor):
    from proeftuin.organisations.domains import install_default_domains

    install_default_domains(apps.get_model("organisations", "Domain"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
