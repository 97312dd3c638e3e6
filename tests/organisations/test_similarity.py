import pytest

from proeftuin.organisations.geo import province_map
from proeftuin.organisations.selectors import organisation_similar
from proeftuin.organisations.services import domain_get_or_create
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_similar_organisations_are_ranked_with_reasons():
    water = domain_get_or_create(key="water", name="Water en klimaat")
    me = OrganisationFactory(
        name="Waterschap A",
        government_layer="regional",
        organisation_type="water_board",
        staff_exact=800,
        province="PV30",
    )
    me.domains.add(water)
    twin = OrganisationFactory(
        name="Waterschap B",
        government_layer="regional",
        organisation_type="water_board",
        staff_exact=700,
        province="PV30",
    )
    twin.domains.add(water)
    cousin = OrganisationFactory(
        name="Provincie C",
        government_layer="provincial",
        organisation_type="province",
        staff_exact=1200,
        province="PV30",
    )
    OrganisationFactory(
        name="Ministerie D",
        government_layer="national",
        organisation_type="ministry",
        staff_exact=30000,
        province="PV28",
    )
    ranked = organisation_similar(me)
    assert [s.organisation for s in ranked] == [twin, cousin]
    assert len(ranked[0].reasons) == 5
    assert ranked[0].score > ranked[1].score
    assert all(s.organisation != me for s in ranked)


def test_province_map_has_the_twelve_provinces():
    shapes = province_map().shapes
    assert [s.code for s in shapes] == [f"PV{n}" for n in range(20, 32)]
    assert all(s.path.startswith("M") and s.path.endswith("Z") for s in shapes)
