"""The decision part of /api/v1: decide one application, decide a batch (all or nothing),
read a round's figures (managers) and its public results (anyone who may see the round).
Reads start from the visibility rule; writes go through the services, whose refusals
become problem responses."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from proeftuin.api.schema import problem_responses
from proeftuin.core.service import json_number
from proeftuin.funding import analytics, permissions
from proeftuin.funding.choices import DecisionOutcome
from proeftuin.funding.models import Application, Round
from proeftuin.funding.selectors import applications_visible, rounds_visible
from proeftuin.funding.services_decisions import DecisionInput, decision_make, decisions_batch


class DecisionWriteSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    reasons = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        required=False, allow_null=True, help_text="The application's version you saw."
    )


class BatchItemSerializer(DecisionWriteSerializer):
    application = serializers.UUIDField()


class BatchSerializer(serializers.Serializer):
    decisions = BatchItemSerializer(many=True, allow_empty=False)


class DecisionSerializer(serializers.ModelSerializer):
    stage = serializers.CharField(source="stage.key")
    granted_amount = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, coerce_to_string=False
    )

    class Meta:
        model = Application
        fields = [
            "uuid",
            "title",
            "stage",
            "outcome",
            "granted_amount",
            "conditions",
            "decision_reason",
            "decided_at",
            "version",
        ]


class TableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    headers = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.JSONField()))


class ResultSerializer(serializers.Serializer):
    title = serializers.CharField()
    public_summary = serializers.CharField()


def _application(request, uuid) -> Application:
    found = applications_visible(user=request.user).filter(uuid=uuid).first()
    if found is None:
        raise NotFound(_("This application does not exist or is not visible to you."))
    return found


def _round(request, slug) -> Round:
    found = rounds_visible(user=request.user).select_related("fund").filter(slug=slug).first()
    if found is None:
        raise NotFound(_("This round does not exist or is not visible to you."))
    return found


def _signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


class DecisionView(GenericAPIView):
    """Grant (amount, conditions) or reject (reasons) one application ready for decision."""

    serializer_class = DecisionWriteSerializer
    queryset = Application.objects.none()

    @extend_schema(
        request=DecisionWriteSerializer,
        responses={200: DecisionSerializer, **problem_responses(409)},
    )
    def post(self, request, uuid=None):
        _signed_in(request)
        application = _application(request, uuid)
        payload = DecisionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        decided = decision_make(
            actor=request.user,
            application=application,
            outcome=data["outcome"],
            amount=data.get("amount"),
            conditions=data["conditions"],
            reasons=data["reasons"],
            expected_version=data.get("version"),
        )
        return Response(DecisionSerializer(decided).data)


class DecisionBatchView(GenericAPIView):
    """Several decisions saved all-or-nothing: the first refusal names the application and
    the reason, and nothing of the batch is saved."""

    serializer_class = BatchSerializer
    queryset = Application.objects.none()

    @extend_schema(
        request=BatchSerializer,
        responses={200: DecisionSerializer(many=True), **problem_responses(404, 409)},
    )
    def post(self, request):
        _signed_in(request)
        payload = BatchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        items = [
            DecisionInput(
                application=_application(request, item["application"]),
                outcome=item["outcome"],
                amount=item.get("amount"),
                conditions=item["conditions"],
                reasons=item["reasons"],
                expected_version=item.get("version"),
            )
            for item in payload.validated_data["decisions"]
        ]
        done = decisions_batch(actor=request.user, decisions=items)
        return Response(DecisionSerializer(done, many=True).data)


def _plain(table) -> dict:
    rows = [[json_number(v) if not isinstance(v, str) else v for v in r] for r in table.rows]
    return {"key": table.key, "title": table.title, "headers": table.headers, "rows": rows}


class RoundAnalyticsView(GenericAPIView):
    """The round's figures as tables (the programme's managers)."""

    serializer_class = TableSerializer
    queryset = Round.objects.none()

    @extend_schema(responses={200: TableSerializer(many=True), **problem_responses()})
    def get(self, request, slug=None):
        _signed_in(request)
        round_ = _round(request, slug)
        allowed, reason = permissions.can_manage_fund(request.user, round_.fund)
        if not allowed:
            raise PermissionDenied(reason)
        return Response([_plain(t) for t in analytics.round_analytics(round_)])


class RoundResultsView(GenericAPIView):
    """The granted experiments of a published round: title and public summary only."""

    serializer_class = ResultSerializer
    queryset = Round.objects.none()

    @extend_schema(responses={200: ResultSerializer(many=True), **problem_responses()})
    def get(self, request, slug=None):
        round_ = _round(request, slug)
        if not round_.published:
            raise NotFound(_("This round does not exist or is not visible to you."))
        return Response(analytics.public_results(round_))


urlpatterns = [
    path(
        "funding/applications/<uuid:uuid>/decision",
        DecisionView.as_view(),
        name="funding-application-decision",
    ),
    path("funding/decisions", DecisionBatchView.as_view(), name="funding-decision-batch"),
    path(
        "funding/rounds/<slug:slug>/analytics",
        RoundAnalyticsView.as_view(),
        name="funding-round-analytics",
    ),
    path(
        "funding/rounds/<slug:slug>/results",
        RoundResultsView.as_view(),
        name="funding-round-results",
    ),
]
