"""Passages belong to any registered kind: ``(owner_kind, owner_id)`` replaces the two
foreign keys ``case`` and ``source``.

Existing rows move over: a case passage becomes ``("case", case_id)``, a document passage
``("document", source_id)``. Deleting an owner still removes its passages: the kind's app
registers it (``proeftuin.core.searchable``), which connects a ``post_delete`` handler.
The ``search_vector`` column of PostgreSQL (``0002``) depends on ``text`` and ``terms`` only
and is kept. The tantivy index has new owner fields: a folder of an earlier version fails
its check and is rebuilt from the rows (``search.heal_index``).
"""

import uuid

from django.db import migrations, models

KINDS = (("case", "case_id"), ("document", "source_id"))


def forwards(apps, schema_editor):
    Passage = apps.get_model("search", "Passage")
    SearchState = apps.get_model("search", "SearchState")
    for kind, column in KINDS:
        Passage.objects.filter(**{f"{column}__isnull": False}).update(
            owner_kind=kind, owner_id=models.F(column)
        )
    if Passage.objects.exists():
        SearchState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


def backwards(apps, schema_editor):
    Passage = apps.get_model("search", "Passage")
    for kind, column in KINDS:
        Passage.objects.filter(owner_kind=kind).update(**{column: models.F("owner_id")})
    Passage.objects.exclude(owner_kind__in=[kind for kind, _column in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_passage_identity")]

    operations = [
        migrations.AddField(
            model_name="passage",
            name="owner_kind",
            field=models.CharField(default="", max_length=32, verbose_name="owner kind"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="passage",
            name="owner_id",
            field=models.PositiveBigIntegerField(null=True, verbose_name="owner id"),
        ),
        migrations.RemoveConstraint(model_name="passage", name="search_passage_one_owner"),
        migrations.RemoveConstraint(model_name="passage", name="search_passage_case_position"),
        migrations.RemoveConstraint(model_name="passage", name="search_passage_source_position"),
        migrations.RunPython(forwards, backwards),
        migrations.AlterModelOptions(
            name="passage", options={"ordering": ["owner_kind", "owner_id", "position"]}
        ),
        migrations.RemoveField(model_name="passage", name="case"),
        migrations.RemoveField(model_name="passage", name="source"),
        migrations.AlterField(
            model_name="passage",
            name="owner_id",
            field=models.PositiveBigIntegerField(verbose_name="owner id"),
        ),
        migrations.AddConstraint(
            model_name="passage",
            constraint=models.UniqueConstraint(
                fields=("owner_kind", "owner_id", "position"),
                name="search_passage_owner_position",
            ),
        ),
    ]
