"""Adoption API: one read representation, one create payload, one change payload, and the
lineage of an innovation. Innovations and sources the caller may not see are named only
by ``null`` (see ``selectors.mark_shown``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from proeftuin.core.service import Visibility
from proeftuin.diffusion.choices import AdoptionStatus, MeasureUnit
from proeftuin.diffusion.models import Adoption, AdoptionMeasure, AdoptionStep

MONEY = {"max_digits": 14, "decimal_places": 2}


def _ref(obj) -> dict:
    return {"uuid": str(obj.uuid), "name": obj.name}


class InnovationRefSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["initiative", "case"])
    uuid = serializers.UUIDField()
    title = serializers.CharField()


class OrganisationRefSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    name = serializers.CharField()


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdoptionMeasure
        fields = ["measure", "unit", "baseline", "value", "measured_on"]


class StepSerializer(serializers.ModelSerializer):
    previous = serializers.CharField(read_only=True, help_text=_("Empty for the first step."))

    class Meta:
        model = AdoptionStep
        fields = ["status", "previous", "reason", "on"]
        read_only_fields = fields


class AdoptionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:adoption-detail", lookup_field="uuid")
    innovation = serializers.SerializerMethodField()
    adopter = serializers.SerializerMethodField()
    source = serializers.SerializerMethodField()
    source_hidden = serializers.SerializerMethodField()
    measures = MeasureSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)

    class Meta:
        model = Adoption
        fields = [
            "uuid",
            "url",
            "innovation",
            "adopter",
            "source",
            "source_hidden",
            "status",
            "abandoned_reason",
            "adaptations",
            "outcomes",
            "measures",
            "visibility",
            "started_on",
            "adopted_on",
            "ended_on",
            "steps",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(InnovationRefSerializer(allow_null=True))
    def get_innovation(self, obj):
        shown = getattr(obj, "shown_innovation", None)
        if shown is None:
            return None
        return {
            "kind": "initiative" if obj.initiative_id else "case",
            "uuid": str(shown.uuid),
            "title": shown.title,
        }

    @extend_schema_field(OrganisationRefSerializer)
    def get_adopter(self, obj):
        return _ref(obj.adopter)

    def get_source(self, obj) -> str | None:
        """The uuid of the adoption it was learned from; null: the innovator, or a source
        not visible to the caller (then ``sourceHidden`` is true)."""
        shown = getattr(obj, "shown_source", None)
        return str(shown.uuid) if shown is not None else None

    def get_source_hidden(self, obj) -> bool:
        """True when the adoption was learned from one the caller may not see."""
        return bool(obj.source_id and getattr(obj, "shown_source", None) is None)


class AdoptionCreateSerializer(serializers.Serializer):
    initiative = serializers.UUIDField(required=False, help_text=_("The initiative adopted."))
    case = serializers.UUIDField(required=False, help_text=_("The case adopted."))
    adopter = serializers.UUIDField(help_text=_("The adopting organisation."))
    source = serializers.UUIDField(
        required=False, allow_null=True, help_text=_("The adoption it was learned from.")
    )
    status = serializers.ChoiceField(choices=AdoptionStatus.choices, default="interested")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    visibility = serializers.ChoiceField(choices=Visibility.choices, default="public")
    started_on = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if bool(attrs.get("initiative")) == bool(attrs.get("case")):
            raise serializers.ValidationError(_("Name either an initiative or a case."))
        return attrs


class MeasureWriteSerializer(serializers.Serializer):
    measure = serializers.CharField(max_length=250)
    unit = serializers.ChoiceField(choices=MeasureUnit.choices)
    baseline = serializers.DecimalField(required=False, allow_null=True, **MONEY)
    value = serializers.DecimalField(**MONEY)
    measured_on = serializers.DateField(required=False, allow_null=True)


class AdoptionChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AdoptionStatus.choices, required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    status_date = serializers.DateField(required=False, allow_null=True)
    adaptations = serializers.CharField(required=False, allow_blank=True)
    outcomes = serializers.CharField(required=False, allow_blank=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    source = serializers.UUIDField(required=False, allow_null=True)
    measures = MeasureWriteSerializer(many=True, required=False)


class LineageNodeSerializer(serializers.Serializer):
    adoption = serializers.UUIDField(allow_null=True)
    adopter = serializers.CharField()
    status = serializers.CharField()
    depth = serializers.IntegerField()
    parent = serializers.UUIDField(allow_null=True)
    hidden = serializers.BooleanField()


class PeriodSerializer(serializers.Serializer):
    period = serializers.CharField()
    started = serializers.IntegerField()
    adopted = serializers.IntegerField()
    abandoned = serializers.IntegerField()
    total_adopted = serializers.IntegerField()


class LineageSerializer(serializers.Serializer):
    innovation = InnovationRefSerializer()
    innovator = serializers.CharField()
    description = serializers.ListField(child=serializers.CharField())
    nodes = LineageNodeSerializer(many=True)
    per_year = PeriodSerializer(many=True)
    per_province = serializers.DictField(child=serializers.IntegerField())
