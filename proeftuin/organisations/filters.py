"""One FilterSet for the organisation list page and the API list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from proeftuin.organisations.choices import (
    GovernmentLayer,
    OrganisationType,
    Province,
    SizeBand,
)
from proeftuin.organisations.models import Domain, Organisation


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class DomainFilter(django_filters.ModelMultipleChoiceFilter):
    """Organisations in any of the given domain keys."""


class OrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    layer = django_filters.MultipleChoiceFilter(
        field_name="government_layer", choices=GovernmentLayer.choices, label=_("Government layer")
    )
    type = django_filters.MultipleChoiceFilter(
        field_name="organisation_type", choices=OrganisationType.choices, label=_("Type")
    )
    size = django_filters.MultipleChoiceFilter(
        field_name="size_band", choices=SizeBand.choices, label=_("Size")
    )
    province = django_filters.MultipleChoiceFilter(choices=Province.choices, label=_("Province"))
    domain = DomainFilter(
        field_name="domains__key",
        to_field_name="key",
        queryset=Domain.objects.all(),
        label=_("Domain"),
        distinct=True,
    )

    class Meta:
        model = Organisation
        fields = ["q", "layer", "type", "size", "province", "domain"]

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(abbreviation__iexact=value)
            | Q(municipality__icontains=value)
        )
