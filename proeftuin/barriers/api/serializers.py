"""Barrier API: one read representation, one write payload, and the heatmap."""

from __future__ import annotations

from rest_framework import serializers

from proeftuin.api.concurrency import version_field
from proeftuin.barriers.choices import Category, HeatmapAxis, State
from proeftuin.barriers.models import Authority, Barrier
from proeftuin.core.service import EditorialStatus, Visibility
from proeftuin.organisations.service import Organisation


class BarrierAuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["uuid", "slug", "name", "kind", "website"]


class RegisterBarrierSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:barrier-detail", lookup_field="uuid")
    authority = BarrierAuthoritySerializer(read_only=True)
    owner = serializers.SerializerMethodField()
    merged_into = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    organisation_count = serializers.SerializerMethodField()

    class Meta:
        model = Barrier
        fields = [
            "uuid",
            "url",
            "slug",
            "title",
            "category",
            "description",
            "rule",
            "rule_url",
            "change_request",
            "authority",
            "state",
            "state_changed_at",
            "resolution",
            "owner",
            "status",
            "visibility",
            "merged_into",
            "organisation_count",
            "version",
            "created_at",
            "updated_at",
        ]

    def get_owner(self, barrier) -> dict | None:
        if barrier.owner is None:
            return None
        return {"uuid": str(barrier.owner.uuid), "name": barrier.owner.name}

    def get_organisation_count(self, barrier) -> int | None:
        """Organisations with a confirmed link (in the list; ``None`` on a single barrier)."""
        return getattr(barrier, "organisation_count", None)


class RegisterBarrierWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=250, required=False)
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    description = serializers.CharField(required=False)
    rule = serializers.CharField(max_length=250, required=False, allow_blank=True)
    rule_url = serializers.CharField(max_length=500, required=False, allow_blank=True)
    change_request = serializers.CharField(required=False, allow_blank=True)
    authority = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Authority.objects.all(), required=False, allow_null=True
    )
    owner = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Organisation.objects.all(), required=False
    )
    status = serializers.ChoiceField(choices=EditorialStatus.choices, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    state = serializers.ChoiceField(choices=State.choices, required=False)
    resolution = serializers.CharField(required=False, allow_blank=True)
    version = version_field()


class HeatmapCellSerializer(serializers.Serializer):
    category = serializers.CharField()
    count = serializers.IntegerField()


class HeatmapRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    total = serializers.IntegerField()
    cells = HeatmapCellSerializer(many=True)


class HeatmapSerializer(serializers.Serializer):
    axis = serializers.ChoiceField(choices=HeatmapAxis.choices)
    rows = HeatmapRowSerializer(many=True)


class HeatmapQuerySerializer(serializers.Serializer):
    axis = serializers.ChoiceField(choices=HeatmapAxis.choices, required=False)
