"""The Django admin (every registered model) is closed to everyone but platform
administrators: the suite covers the ``admin`` namespace wholesale."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.security.world import ACTORS

pytestmark = pytest.mark.django_db


def changelists() -> list[str]:
    return [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "platform_admin"])
def test_admin_is_closed(world, client_for, actor):
    client = client_for(actor)
    for url in ["/beheer/", *changelists()]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_platform_admin_reaches_the_admin(world, client_for):
    assert client_for("platform_admin").get("/beheer/").status_code == 200
