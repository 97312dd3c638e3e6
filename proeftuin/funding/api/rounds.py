"""Funding rounds API (read): the rounds the caller may see, with their criteria, budget
categories, form questions, rules and procedure: what an applicant needs to know."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from proeftuin.funding import selectors
from proeftuin.funding.models import BudgetCategory, Criterion, FormQuestion, Round, RoundRule
from proeftuin.funding.rules import describe


class RoundCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "order"]
        read_only_fields = fields


class BudgetCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetCategory
        fields = ["name", "amount"]
        read_only_fields = fields


class FormQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = FormQuestion
        fields = ["key", "label", "help_text", "kind", "choices", "required", "phase", "order"]
        read_only_fields = fields


class RoundRuleSerializer(serializers.ModelSerializer):
    description = serializers.SerializerMethodField()
    params = serializers.JSONField(read_only=True, help_text="The rule's parameters.")

    class Meta:
        model = RoundRule
        fields = ["kind", "params", "description"]
        read_only_fields = fields

    def get_description(self, obj) -> str:
        return describe(obj)


class FundingRoundSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:funding-round-detail", lookup_field="slug"
    )
    web_url = serializers.SerializerMethodField()
    fund = serializers.SerializerMethodField()
    programme = serializers.SerializerMethodField()
    is_open = serializers.SerializerMethodField()
    procedure = serializers.CharField(source="workflow.kind", read_only=True)

    class Meta:
        model = Round
        fields = [
            "uuid",
            "url",
            "web_url",
            "title",
            "slug",
            "description",
            "fund",
            "programme",
            "opens_at",
            "closes_at",
            "decision_due",
            "budget",
            "published",
            "report_every_months",
            "is_open",
            "procedure",
            "updated_at",
        ]
        read_only_fields = fields

    def get_web_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(reverse("funding:round", args=[obj.slug]))

    def get_fund(self, obj) -> dict:
        return {"slug": obj.fund.slug, "name": obj.fund.name}

    def get_programme(self, obj) -> dict:
        return {"slug": obj.fund.programme.slug, "name": obj.fund.programme.name}

    def get_is_open(self, obj) -> bool:
        return obj.is_open()


class FundingRoundDetailSerializer(FundingRoundSerializer):
    criteria = RoundCriterionSerializer(many=True, read_only=True)
    categories = BudgetCategorySerializer(many=True, read_only=True)
    questions = FormQuestionSerializer(many=True, read_only=True)
    rules = RoundRuleSerializer(many=True, read_only=True)
    stages = serializers.SerializerMethodField()

    class Meta(FundingRoundSerializer.Meta):
        fields = [
            *FundingRoundSerializer.Meta.fields,
            "criteria",
            "categories",
            "questions",
            "rules",
            "stages",
        ]
        read_only_fields = fields

    def get_stages(self, obj) -> list[dict]:
        return [
            {"key": s.key, "name": s.label(), "category": s.category}
            for s in obj.workflow.stages.order_by("order")
        ]


class FundingRoundViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Funding rounds the caller may see: published rounds of the programmes they may see,
    and the unpublished ones of the programmes they manage."""

    lookup_field = "slug"
    queryset = Round.objects.none()  # for the schema; get_queryset decides
    serializer_class = FundingRoundSerializer

    def get_queryset(self):
        return (
            selectors.rounds_visible(user=self.request.user)
            .select_related("fund", "fund__programme", "workflow")
            .order_by("-opens_at", "title")
        )

    @extend_schema(responses=FundingRoundDetailSerializer)
    def retrieve(self, request, slug=None):
        round_ = self.get_queryset().filter(slug=slug).first()
        if round_ is None:
            raise NotFound(_("This round does not exist or is not visible to you."))
        return Response(FundingRoundDetailSerializer(round_, context={"request": request}).data)
