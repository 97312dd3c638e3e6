"""Public interface of the organisations app for other apps."""

from proeftuin.organisations.choices import (
    GovernmentLayer,
    OrganisationType,
    Province,
    SizeBand,
    format_staff,
)
from proeftuin.organisations.geo import ATTRIBUTION as MAP_ATTRIBUTION
from proeftuin.organisations.geo import TOPOJSON as PROVINCE_TOPOJSON
from proeftuin.organisations.geo import province_map, shaded_provinces
from proeftuin.organisations.models import Domain, Organisation, Programme
from proeftuin.organisations.permissions import can_manage_programme, is_programme_manager
from proeftuin.organisations.selectors import (
    organisation_counts_by_province,
    organisation_get,
    organisation_ids_sharing_review_decisions,
    organisation_queryset,
    organisation_similar,
    programme_visible,
    programmes_managed,
    programmes_visible,
)
from proeftuin.organisations.services import (
    domain_get_or_create,
    organisation_create,
    organisation_update,
    programme_save,
)
from proeftuin.organisations.similarity import criteria as similarity_criteria

__all__ = [
    "MAP_ATTRIBUTION",
    "PROVINCE_TOPOJSON",
    "Domain",
    "GovernmentLayer",
    "Organisation",
    "OrganisationType",
    "Programme",
    "Province",
    "SizeBand",
    "can_manage_programme",
    "domain_get_or_create",
    "format_staff",
    "is_programme_manager",
    "organisation_counts_by_province",
    "organisation_create",
    "organisation_get",
    "organisation_ids_sharing_review_decisions",
    "organisation_queryset",
    "organisation_similar",
    "organisation_update",
    "programme_save",
    "programme_visible",
    "programmes_managed",
    "programmes_visible",
    "province_map",
    "shaded_provinces",
    "similarity_criteria",
]
