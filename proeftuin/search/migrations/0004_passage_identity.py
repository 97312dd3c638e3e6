"""One passage per owner and position.

Earlier versions matched a case's or document's passages by text alone, so a paragraph that
occurred twice gained a passage at every rebuild. The extra rows are removed here (the
oldest row at a position stays; the next index job or ``search_index --rebuild`` puts the
right text there) and every process rebuilds its vector index (a new ``token``).
"""

import uuid

from django.db import migrations, models
from django.db.models import Count, Min


def remove_duplicates(apps, schema_editor):
    Passage = apps.get_model("search", "Passage")
    SearchState = apps.get_model("search", "SearchState")
    removed = 0
    for owner in ("case", "source"):
        groups = (
            Passage.objects.filter(**{f"{owner}__isnull": False})
            .values(owner, "position")
            .annotate(n=Count("id"), first=Min("id"))
            .filter(n__gt=1)
        )
        for group in groups.iterator():
            extra = Passage.objects.filter(
                **{owner: group[owner], "position": group["position"]}
            ).exclude(id=group["first"])
            removed += extra.delete()[0]
    if removed:
        SearchState.objects.update_or_create(pk=1, defaults={"token": uuid.uuid4()})


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_case_listing_index"),
        ("ingestion", "0002_longer_step_version"),
        ("search", "0003_passage_model_index"),
    ]

    operations = [
        migrations.RunPython(remove_duplicates, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="passage",
            constraint=models.UniqueConstraint(
                fields=("case", "position"), name="search_passage_case_position"
            ),
        ),
        migrations.AddConstraint(
            model_name="passage",
            constraint=models.UniqueConstraint(
                fields=("source", "position"), name="search_passage_source_position"
            ),
        ),
    ]
