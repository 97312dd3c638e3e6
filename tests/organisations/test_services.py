import pytest

from proeftuin.core.errors import ConflictError, DuplicateError, ValidationFailed
from proeftuin.organisations.models import Organisation
from proeftuin.organisations.services import organisation_create, organisation_update

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Gemeente Zaanstad",
    "government_layer": "local",
    "organisation_type": "municipality",
}


def test_create_sets_slug_size_band_and_domains():
    org = organisation_create(**VALID, staff_min=1000, staff_max=1400, domains=["social"])
    assert org.slug == "gemeente-zaanstad"
    assert org.size_band == "l"
    assert [d.key for d in org.domains.all()] == ["social"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"government_layer": "federal"}, "government_layer"),
        ({"staff_exact": 5, "staff_min": 3}, "staff_exact"),
        ({"staff_min": 10, "staff_max": 5}, "staff_max"),
        ({"province": "PV99"}, "province"),
    ],
)
def test_invalid_input_names_the_field_and_stores_nothing(change, field):
    with pytest.raises(ValidationFailed) as error:
        organisation_create(**{**VALID, **change})
    assert field in error.value.field_errors
    assert not Organisation.objects.exists()


def test_unknown_domain_is_refused():
    with pytest.raises(ValidationFailed):
        organisation_create(**VALID, domains=["ruimtevaart"])
    assert not Organisation.objects.exists()


def test_duplicate_name_is_refused_case_insensitively():
    organisation_create(**VALID)
    with pytest.raises(DuplicateError):
        organisation_create(**{**VALID, "name": "gemeente zaanstad"})
    assert Organisation.objects.count() == 1


def test_stale_version_is_a_conflict_and_keeps_the_first_save():
    org = organisation_create(**VALID)
    organisation_update(organisation=org, expected_version=1, municipality="Zaandam")
    with pytest.raises(ConflictError):
        organisation_update(organisation=org, expected_version=1, municipality="Wormer")
    org.refresh_from_db()
    assert (org.municipality, org.version) == ("Zaandam", 2)
