"""Serializers of the applying part of the funding API (small input and output shapes).
Answers travel as a list of ``{question, value}`` pairs, so the question keys are never
changed by the API's camelCase conversion."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from proeftuin.api.concurrency import version_field
from proeftuin.funding.models import Application, ApplicationKpi, ApplicationPartner, Attachment
from proeftuin.funding.selectors_apply import prior_cases_visible


class ApplicationAnswerSerializer(serializers.Serializer):
    question = serializers.SlugField(max_length=60)
    value = serializers.JSONField(allow_null=True)


class ApplicationPartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugField(source="organisation.slug", read_only=True)
    name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ApplicationPartner
        fields = ["organisation", "name", "contribution"]


class ApplicationAttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["uuid", "question_key", "name", "size", "content_type"]


class ApplicationKpiSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationKpi
        fields = ["uuid", "measure", "unit", "baseline", "target", "direction"]


class ApplicationPriorCaseSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    uuid = serializers.CharField(required=False)
    similarity = serializers.FloatField(allow_null=True, required=False)


class ApplicationSerializer(serializers.ModelSerializer):
    round = serializers.SlugField(source="round.slug", read_only=True)
    lead_organisation = serializers.SlugField(source="owner.slug", read_only=True)
    lead_organisation_name = serializers.CharField(source="owner.name", read_only=True)
    stage = serializers.CharField(source="stage.key", read_only=True)
    stage_name = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "uuid",
            "title",
            "round",
            "lead_organisation",
            "lead_organisation_name",
            "stage",
            "stage_name",
            "amount_requested",
            "submitted_at",
            "version",
        ]

    def get_stage_name(self, application) -> str:
        return application.stage.label()


class ApplicationDetailSerializer(ApplicationSerializer):
    answers = serializers.SerializerMethodField()
    partners = ApplicationPartnerSerializer(many=True, read_only=True)
    team = serializers.SlugRelatedField(slug_field="username", many=True, read_only=True)
    attachments = ApplicationAttachmentSerializer(many=True, read_only=True)
    kpis = ApplicationKpiSerializer(many=True, read_only=True)
    category = serializers.CharField(source="category.name", read_only=True, default=None)
    initiative = serializers.UUIDField(source="initiative.uuid", read_only=True, default=None)
    prior_cases = serializers.SerializerMethodField()
    failed_rules = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *ApplicationSerializer.Meta.fields,
            "problem",
            "idea",
            "public_summary",
            "total_cost",
            "duration_months",
            "category",
            "initiative",
            "answers",
            "partners",
            "team",
            "attachments",
            "kpis",
            "prior_cases",
            "prior_checked_at",
            "info_request",
            "screening_note",
            "failed_rules",
        ]

    def get_answers(self, application) -> list[dict]:
        return [{"question": k, "value": v} for k, v in sorted(application.answers.items())]

    @extend_schema_field(ApplicationPriorCaseSerializer(many=True))
    def get_prior_cases(self, application) -> list[dict]:
        """Only the kept prior cases the caller may see in the case library."""
        found = prior_cases_visible(application, self.context["user"])
        return ApplicationPriorCaseSerializer(found, many=True).data

    def get_failed_rules(self, application) -> list[str] | None:
        """The rules the application fails now (one Dutch message each); only for its
        applicants, screeners and managers (``None`` for others, such as reviewers)."""
        if not self.context.get("rules"):
            return None
        from proeftuin.funding.rules import failed_rules

        return failed_rules(application)


class ApplicationCreateSerializer(serializers.Serializer):
    round = serializers.SlugField(max_length=200)
    lead_organisation = serializers.SlugField(max_length=200)
    title = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    initiative = serializers.UUIDField(required=False, allow_null=True)


class ApplicationWriteSerializer(serializers.Serializer):
    """A change of the draft: only the fields sent change (amounts as text or numbers; the
    service checks them and the answers)."""

    version = version_field()
    title = serializers.CharField(max_length=250, required=False)
    problem = serializers.CharField(required=False, allow_blank=True)
    idea = serializers.CharField(required=False, allow_blank=True)
    public_summary = serializers.CharField(required=False, allow_blank=True)
    amount_requested = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    total_cost = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    duration_months = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    category = serializers.IntegerField(required=False, allow_null=True)
    answers = ApplicationAnswerSerializer(many=True, required=False)


class ApplicationSubmitSerializer(serializers.Serializer):
    version = version_field()
    answer = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="The answer to the question asked."
    )


class ApplicationWithdrawSerializer(serializers.Serializer):
    version = version_field()
    reason = serializers.CharField()
