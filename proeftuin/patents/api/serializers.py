"""Innovation patents API: patents (with their totals), introduction meetings and claims.
The innovation is named only to who may see it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from proeftuin.patents.choices import ClaimDecision
from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim

MONEY = {"max_digits": 12, "decimal_places": 2}
TOTAL = {"max_digits": 14, "decimal_places": 2, "read_only": True}


def _organisation(org) -> dict:
    return {"uuid": str(org.uuid), "name": org.name}


class PatentSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:patent-detail", lookup_field="uuid")
    web_url = serializers.SerializerMethodField()
    programme = serializers.SerializerMethodField()
    innovator = serializers.SerializerMethodField()
    meeting_count = serializers.IntegerField(read_only=True)
    counted = serializers.IntegerField(read_only=True, help_text="Claims not rejected.")
    owed_total = serializers.DecimalField(**TOTAL)
    approved_total = serializers.DecimalField(**TOTAL)
    paid_total = serializers.DecimalField(**TOTAL)

    class Meta:
        model = InnovationPatent
        fields = [
            "uuid",
            "url",
            "web_url",
            "title",
            "programme",
            "innovator",
            "reward_per_adopter",
            "conditions",
            "status",
            "awarded_on",
            "meeting_count",
            "counted",
            "owed_total",
            "approved_total",
            "paid_total",
            "updated_at",
        ]
        read_only_fields = fields

    def get_web_url(self, obj) -> str:
        url = reverse("patents:detail", args=[obj.uuid])
        return self.context["request"].build_absolute_uri(url)

    def get_programme(self, obj) -> dict:
        return {"slug": obj.programme.slug, "name": obj.programme.name}

    def get_innovator(self, obj) -> dict:
        return _organisation(obj.innovator)


class PatentDetailSerializer(PatentSerializer):
    innovation = serializers.SerializerMethodField()

    class Meta(PatentSerializer.Meta):
        fields = [*PatentSerializer.Meta.fields, "innovation"]
        read_only_fields = fields

    def get_innovation(self, obj) -> dict | None:
        """The initiative or case, when the caller may see it; else null."""
        if not self.context.get("innovation_visible"):
            return None
        kind = "initiative" if obj.initiative_id else "case"
        return {"kind": kind, "uuid": str(obj.innovation.uuid), "title": obj.innovation.title}


class PatentCreateSerializer(serializers.Serializer):
    programme = serializers.SlugField(help_text=_("The awarding programme, by slug."))
    initiative = serializers.UUIDField(required=False, help_text=_("The innovation: initiative."))
    case = serializers.UUIDField(required=False, help_text=_("The innovation: case."))
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=250)
    reward_per_adopter = serializers.DecimalField(required=False, default="1000.00", **MONEY)
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    awarded_on = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if bool(attrs.get("initiative")) == bool(attrs.get("case")):
            raise serializers.ValidationError(_("Name either an initiative or a case."))
        return attrs


class IntroductionMeetingSerializer(serializers.ModelSerializer):
    adopters = serializers.SerializerMethodField()

    class Meta:
        model = IntroductionMeeting
        fields = ["uuid", "date", "adopters", "notes", "created_at"]
        read_only_fields = fields

    def get_adopters(self, obj) -> list[dict]:
        return [_organisation(org) for org in obj.adopters.all()]


class IntroductionMeetingWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    adopters = serializers.ListField(
        child=serializers.UUIDField(), help_text=_("The organisations introduced, by uuid.")
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ClaimSerializer(serializers.ModelSerializer):
    adopter = serializers.SerializerMethodField()
    adoption = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = PatentClaim
        fields = [
            "uuid",
            "adopter",
            "adoption",
            "reason",
            "amount",
            "status",
            "rejected_reason",
            "paid_on",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_adopter(self, obj) -> dict:
        return _organisation(obj.adopter)


class ClaimWriteSerializer(serializers.Serializer):
    adopter = serializers.UUIDField(help_text=_("The adopting organisation, by uuid."))


class ClaimDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=ClaimDecision.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    paid_on = serializers.DateField(required=False, allow_null=True)
    version = serializers.IntegerField(required=False, allow_null=True)
