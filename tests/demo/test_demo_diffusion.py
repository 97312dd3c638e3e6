"""The demo diffusion story loads through the diffusion services, is idempotent, and has
the SVB-style spread, chains of pass-on adoptions, adapted adoptions and an adoption
abandoned with its reason."""

import pytest
from django.contrib.auth.models import AnonymousUser

from proeftuin.cases.models import Case
from proeftuin.demo.diffusion import load_diffusion
from proeftuin.demo.loader import load_demo
from proeftuin.diffusion.lineage import lineage
from proeftuin.diffusion.models import Adoption, AdoptionStep

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo()
    return load_diffusion()


def test_the_story_loads_once(story):
    assert story.created == Adoption.objects.count() == 14
    again = load_diffusion()
    assert (again.created, again.existing) == (0, 14)
    assert Adoption.objects.count() == 14


def test_the_svb_spread_and_an_abandoned_adoption(story):
    svb = Case.objects.get(owner__abbreviation="SVB")
    tree = lineage(svb, user=AnonymousUser())
    assert len(tree.adoptions) == 9
    assert any("Gemeente Zwolle" in s and "2 organisaties" in s for s in tree.description)
    abandoned = Adoption.objects.get(case=svb, status="abandoned")
    assert "wettelijke taak" in abandoned.abandoned_reason
    assert abandoned.ended_on.year == 2008
    assert list(abandoned.steps.values_list("status", flat=True)) == [
        "interested",
        "exploring",
        "abandoned",
    ]


def test_chains_and_adaptations(story):
    amsterdam = Adoption.objects.get(adopter__name="Gemeente Amsterdam")
    assert amsterdam.source.adopter.name == "Gemeente Nijmegen"
    assert amsterdam.source.source.adopter.name == "Gemeente Groningen"
    assert Adoption.objects.filter(status="adapted").exclude(adaptations="").count() >= 3
    assert AdoptionStep.objects.filter(on__year=2006).exists()
