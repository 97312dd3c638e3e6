from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from proeftuin.api.concurrency import MAX_VERSION
from proeftuin.organisations.choices import GovernmentLayer, OrganisationType, Province
from proeftuin.organisations.models import Domain, Organisation


@extend_schema_field(
    {"type": "string", "anyOf": [{"format": "uri"}, {"maxLength": 0}]},
)
class WebsiteField(serializers.CharField):
    """A web address, or empty when the organisation has none on record."""


class OrganisationSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organisation-detail", lookup_field="uuid"
    )
    domains = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
    size_band = serializers.CharField(read_only=True)
    province = serializers.ChoiceField(choices=Province.choices, allow_blank=True, read_only=True)
    website = WebsiteField(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "uuid",
            "url",
            "name",
            "slug",
            "abbreviation",
            "government_layer",
            "organisation_type",
            "staff_exact",
            "staff_min",
            "staff_max",
            "staff_year",
            "size_band",
            "domains",
            "province",
            "municipality",
            "website",
            "share_review_decisions",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


MAX_STAFF = 2**31 - 1  # a PositiveIntegerField on every database


class OrganisationWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    abbreviation = serializers.CharField(max_length=30, required=False, allow_blank=True)
    government_layer = serializers.ChoiceField(choices=GovernmentLayer.choices)
    organisation_type = serializers.ChoiceField(choices=OrganisationType.choices)
    staff_exact = serializers.IntegerField(
        min_value=0, max_value=MAX_STAFF, required=False, allow_null=True
    )
    staff_min = serializers.IntegerField(
        min_value=0, max_value=MAX_STAFF, required=False, allow_null=True
    )
    staff_max = serializers.IntegerField(
        min_value=0, max_value=MAX_STAFF, required=False, allow_null=True
    )
    staff_year = serializers.IntegerField(
        min_value=1800, max_value=2100, required=False, allow_null=True
    )
    domains = serializers.ListField(child=serializers.SlugField(), required=False, max_length=20)
    province = serializers.ChoiceField(choices=Province.choices, required=False, allow_blank=True)
    municipality = serializers.CharField(max_length=120, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    share_review_decisions = serializers.BooleanField(
        required=False,
        help_text=_(
            "Let the document recognition of other organisations learn from this "
            "organisation's review decisions. Only on a change: a new organisation's own "
            "administrators decide."
        ),
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_VERSION,
        help_text=_(
            "The version you changed; a newer one gives a conflict. Required on a change "
            "unless If-Match carries it."
        ),
    )

    def validate_domains(self, value):
        known = set(Domain.objects.filter(key__in=value).values_list("key", flat=True))
        unknown = sorted(set(value) - known)
        if unknown:
            raise serializers.ValidationError(_("Unknown domain: %s.") % ", ".join(unknown))
        return value


class SimilarOrganisationSerializer(serializers.Serializer):
    organisation = OrganisationSerializer()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
