"""Public interface of the diffusion app for other apps.

An adoption is an innovation (an Initiative or a Case; an initiative and the case it became
count as one) taken up by another organisation, learned from the innovator or from an
earlier adopter (``source``). Read through the selectors (scoped by ``visible_to``), write
through the services."""

from proeftuin.diffusion.api_matching import urlpatterns as matching_api_urls
from proeftuin.diffusion.choices import TAKEN_UP, UNDER_WAY, AdoptionStatus
from proeftuin.diffusion.innovations import (
    canonical,
    innovation_key,
    innovation_q,
    innovator_ids,
)
from proeftuin.diffusion.models import Adoption
from proeftuin.diffusion.own_initiative import adoption_make_initiative
from proeftuin.diffusion.permissions import can_adopt_for, can_edit_adoption
from proeftuin.diffusion.reference import (
    InnovationReference,
    innovation_is_proven,
    one_innovation,
)
from proeftuin.diffusion.selectors import (
    adopter_choices,
    adoption_counts,
    adoption_counts_by_adopter,
    adoption_visible,
    adoptions_by,
    adoptions_of,
)
from proeftuin.diffusion.services import (
    adoption_set_status,
    adoption_start,
    adoption_update,
    adoption_withdraw,
)

__all__ = [
    "TAKEN_UP",
    "UNDER_WAY",
    "Adoption",
    "AdoptionStatus",
    "InnovationReference",
    "adopter_choices",
    "adoption_counts",
    "adoption_counts_by_adopter",
    "adoption_make_initiative",
    "adoption_set_status",
    "adoption_start",
    "adoption_update",
    "adoption_visible",
    "adoption_withdraw",
    "adoptions_by",
    "adoptions_of",
    "can_adopt_for",
    "can_edit_adoption",
    "canonical",
    "innovation_is_proven",
    "innovation_key",
    "innovation_q",
    "innovator_ids",
    "matching_api_urls",
    "one_innovation",
]
