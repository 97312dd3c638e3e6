"""Serializers of the review part of the funding API (small input and output shapes)."""

from __future__ import annotations

from rest_framework import serializers

from proeftuin.funding.choices import SCORE_MAX, SCORE_MIN, AssignmentStatus, Recommendation
from proeftuin.funding.models import ConflictDeclaration, Review, ReviewAssignment, ReviewScore


class AssignmentSerializer(serializers.ModelSerializer):
    application = serializers.UUIDField(source="application.uuid", read_only=True)
    application_title = serializers.CharField(source="application.title", read_only=True)
    lead_organisation = serializers.CharField(source="application.owner.name", read_only=True)
    round = serializers.SlugField(source="application.round.slug", read_only=True)
    reviewer = serializers.CharField(source="reviewer.username", read_only=True)
    status = serializers.ChoiceField(choices=AssignmentStatus.choices, read_only=True)

    class Meta:
        model = ReviewAssignment
        fields = [
            "uuid",
            "application",
            "application_title",
            "lead_organisation",
            "round",
            "reviewer",
            "status",
            "due_on",
        ]


class ScoreSerializer(serializers.ModelSerializer):
    criterion = serializers.IntegerField(source="criterion_id", read_only=True)
    criterion_name = serializers.CharField(source="criterion.name", read_only=True)

    class Meta:
        model = ReviewScore
        fields = ["criterion", "criterion_name", "score", "comment"]


class ReviewSerializer(serializers.ModelSerializer):
    assignment = serializers.UUIDField(source="assignment.uuid", read_only=True)
    scores = ScoreSerializer(many=True, read_only=True)
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Review
        fields = [
            "uuid",
            "assignment",
            "recommendation",
            "comment",
            "scores",
            "submitted_at",
            "version",
        ]


class ScoreWriteSerializer(serializers.Serializer):
    criterion = serializers.IntegerField(help_text="The criterion's id (see the round).")
    # the range is the service's to check (one Dutch message for every channel)
    score = serializers.IntegerField(
        allow_null=True,
        required=False,
        help_text=f"{SCORE_MIN}-{SCORE_MAX}; null or left out: no score yet (draft).",
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class ReviewWriteSerializer(serializers.Serializer):
    scores = ScoreWriteSerializer(many=True, required=False)
    recommendation = serializers.CharField(required=False, allow_blank=True, max_length=10)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="The review's version you read (0 before the first save); a newer save is a 409.",
    )
    submit = serializers.BooleanField(
        required=False, default=False, help_text="Submit (final) instead of saving a draft."
    )


class RecusalSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=2000)


class ConflictSerializer(serializers.ModelSerializer):
    organisation = serializers.UUIDField(source="organisation.uuid", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    relation = serializers.CharField(source="reason", read_only=True)

    class Meta:
        model = ConflictDeclaration
        fields = ["uuid", "organisation", "organisation_name", "relation", "created_at"]


class ConflictWriteSerializer(serializers.Serializer):
    organisation = serializers.UUIDField()
    relation = serializers.CharField(allow_blank=True, max_length=300)


class AssignWriteSerializer(serializers.Serializer):
    application = serializers.UUIDField()
    reviewer = serializers.UUIDField(help_text="The reviewer's user uuid.")
    due_on = serializers.DateField(required=False, allow_null=True)


class CriterionSummarySerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.name")
    weight = serializers.DecimalField(source="criterion.weight", max_digits=5, decimal_places=2)
    count = serializers.SerializerMethodField()
    mean = serializers.FloatField(allow_null=True)
    minimum = serializers.IntegerField(allow_null=True)
    maximum = serializers.IntegerField(allow_null=True)
    stdev = serializers.FloatField(allow_null=True)

    def get_count(self, obj) -> int:
        return len(obj.scores)


class RecommendationsSerializer(serializers.Serializer):
    yes = serializers.IntegerField()
    maybe = serializers.IntegerField()
    no = serializers.IntegerField()


class SummarySerializer(serializers.Serializer):
    application = serializers.UUIDField(source="application.uuid")
    title = serializers.CharField(source="application.title")
    stage = serializers.CharField(source="application.stage.key")
    reviews_submitted = serializers.IntegerField(source="submitted")
    weighted_mean = serializers.FloatField(allow_null=True)
    criteria = CriterionSummarySerializer(many=True)
    recommendations = RecommendationsSerializer()
    disagreement = serializers.BooleanField(source="disagree")
    disagreements = serializers.ListField(child=serializers.CharField())
