import importlib

import pytest


@pytest.fixture(autouse=True)
def default_workflows(request):
    """A transactional test empties the database after itself, data migrations included;
    the next one gets the default pipelines back (initiatives and applications)."""
    if "transactional_db" not in request.fixturenames and not _transactional(request):
        return
    from django.apps import apps

    for module in (
        "proeftuin.core.migrations.0007_default_initiative_workflow",
        "proeftuin.funding.migrations.0002_default_application_workflows",
    ):
        importlib.import_module(module).create(apps, None)


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))
