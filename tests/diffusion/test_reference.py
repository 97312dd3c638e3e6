"""When an innovation is proven (``innovation_is_proven``), shared by the patents and
"Wat past bij ons?"."""

import pytest

from proeftuin.core.workflows.models import Stage
from proeftuin.diffusion.service import innovation_is_proven
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, make_case, make_initiative

pytestmark = pytest.mark.django_db


def test_taken_up_by_another_organisation_proves_it():
    owner, other = OrganisationFactory(), OrganisationFactory()
    initiative = make_initiative(owner)
    assert not innovation_is_proven(initiative)
    adoption = make_adoption(initiative, other, status="piloting")
    assert not innovation_is_proven(initiative)
    adoption.status = "adapted"
    adoption.save()
    assert innovation_is_proven(initiative)


def test_a_scaling_initiative_is_proven():
    initiative = make_initiative(OrganisationFactory())
    scaling = Stage.objects.filter(workflow=initiative.workflow, key="scaling").first()
    assert scaling is not None
    initiative.stage = scaling
    initiative.save()
    assert innovation_is_proven(initiative)


def test_a_case_with_outcomes_is_proven():
    owner = OrganisationFactory()
    assert not innovation_is_proven(make_case(organisations=[owner], outcomes=[]))
    assert innovation_is_proven(make_case(organisations=[owner], title="Met uitkomsten"))
