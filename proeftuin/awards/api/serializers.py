"""Serializers of the awards API (read): editions with their criteria, categories,
timeline and public result, and nominations with what the caller may read of them. The
views decide what goes in (``proeftuin.awards.api.views``); these only shape it."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from proeftuin.awards.models import Category, Criterion, Edition, Nomination


def _absolute(context, name: str, *args) -> str:
    return context["request"].build_absolute_uri(reverse(name, args=args))


class AwardCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "theme", "order"]
        read_only_fields = fields


class AwardCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["name", "order"]
        read_only_fields = fields


class AwardNamedRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)


class AwardEditionTimelineSerializer(serializers.Serializer):
    nominations_open = serializers.DateTimeField(read_only=True)
    nominations_close = serializers.DateTimeField(read_only=True)
    submissions_close = serializers.DateTimeField(read_only=True)
    selection_on = serializers.DateField(read_only=True, allow_null=True)
    pitches_on = serializers.DateField(read_only=True, allow_null=True)
    site_visits_on = serializers.DateField(read_only=True, allow_null=True)
    ceremony_on = serializers.DateField(read_only=True, allow_null=True)


class AwardEditionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:award-edition-detail", lookup_field="slug"
    )
    web_url = serializers.SerializerMethodField()
    competition = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = Edition
        fields = [
            "uuid",
            "url",
            "web_url",
            "title",
            "slug",
            "year",
            "description",
            "competition",
            "published",
            "timeline",
            "updated_at",
        ]
        read_only_fields = fields

    def get_web_url(self, obj) -> str:
        return _absolute(self.context, "awards:edition", obj.slug)

    @extend_schema_field(AwardNamedRefSerializer)
    def get_competition(self, obj) -> dict:
        return {"slug": obj.competition.slug, "name": obj.competition.name}

    @extend_schema_field(AwardEditionTimelineSerializer)
    def get_timeline(self, obj) -> dict:
        return AwardEditionTimelineSerializer(obj).data


class AwardNomineeSerializer(serializers.ModelSerializer):
    """A nomination in short: who is nominated, where it stands."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:award-nomination-detail", lookup_field="uuid"
    )
    web_url = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    category = serializers.CharField(source="category.name", read_only=True, allow_null=True)
    stage = serializers.CharField(source="stage.key", read_only=True)
    stage_name = serializers.SerializerMethodField()

    class Meta:
        model = Nomination
        fields = ["uuid", "url", "web_url", "organisation", "category", "stage", "stage_name"]
        read_only_fields = fields

    def get_web_url(self, obj) -> str:
        return _absolute(self.context, "awards:nomination", obj.uuid)

    @extend_schema_field(AwardNamedRefSerializer)
    def get_organisation(self, obj) -> dict:
        return {"slug": obj.owner.slug, "name": obj.owner.name}

    def get_stage_name(self, obj) -> str:
        return obj.stage.label()


class AwardVoteCountSerializer(serializers.Serializer):
    nomination = AwardNomineeSerializer(read_only=True)
    votes = serializers.IntegerField(read_only=True)


class AwardEditionDetailSerializer(AwardEditionSerializer):
    """An edition with its criteria set, categories, score scale and the public result as
    the viewer may see it: finalists, the winner and, once the vote closed, its counts."""

    criteria = AwardCriterionSerializer(many=True, read_only=True)
    categories = AwardCategorySerializer(many=True, read_only=True)
    score_min = serializers.IntegerField(read_only=True, help_text=_("The lowest score."))
    score_max = serializers.IntegerField(read_only=True, help_text=_("The highest score."))
    top_size = serializers.IntegerField(read_only=True, help_text=_("The size of the top."))
    finalist_count = serializers.IntegerField(
        source="finalists", read_only=True, help_text=_("The number of finalists.")
    )
    vote_opens = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=_("Empty: no public vote.")
    )
    vote_closes = serializers.DateTimeField(read_only=True, allow_null=True)
    finalists = serializers.SerializerMethodField()
    winner = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()

    class Meta(AwardEditionSerializer.Meta):
        fields = [
            *AwardEditionSerializer.Meta.fields,
            "criteria",
            "categories",
            "score_min",
            "score_max",
            "top_size",
            "finalist_count",
            "vote_opens",
            "vote_closes",
            "finalists",
            "winner",
            "votes",
        ]
        read_only_fields = fields

    def _nominee(self, nomination) -> dict:
        return AwardNomineeSerializer(nomination, context=self.context).data

    @extend_schema_field(AwardNomineeSerializer(many=True))
    def get_finalists(self, obj) -> list[dict]:
        return [self._nominee(n) for n in self.context["result"]["finalists"]]

    @extend_schema_field(AwardNomineeSerializer(allow_null=True))
    def get_winner(self, obj) -> dict | None:
        winner = self.context["result"]["winner"]
        return self._nominee(winner) if winner is not None else None

    @extend_schema_field(AwardVoteCountSerializer(many=True))
    def get_votes(self, obj) -> list[dict]:
        return [
            {"nomination": self._nominee(n), "votes": count}
            for n, count in self.context["result"]["votes"]
        ]


class AwardNominationSerializer(AwardNomineeSerializer):
    edition = serializers.SerializerMethodField()
    source = serializers.CharField(
        read_only=True,
        help_text=_("Who nominated: self (the organisation itself) or other (another party)."),
    )
    consent = serializers.CharField(
        read_only=True, help_text=_("The nominee's consent: pending, given or refused.")
    )

    class Meta(AwardNomineeSerializer.Meta):
        fields = [*AwardNomineeSerializer.Meta.fields, "edition", "source", "consent", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(AwardNamedRefSerializer)
    def get_edition(self, obj) -> dict:
        return {"slug": obj.edition.slug, "name": obj.edition.title}


class AwardSubmissionAnswerSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.name", read_only=True)
    text = serializers.CharField(read_only=True)


class AwardSiteVisitSerializer(serializers.Serializer):
    visited_on = serializers.DateField(read_only=True)
    findings = serializers.CharField(read_only=True)


class AwardMoveSerializer(serializers.Serializer):
    at = serializers.DateTimeField(read_only=True)
    stage = serializers.CharField(source="to_stage.key", read_only=True, allow_null=True)
    stage_name = serializers.CharField(source="to_name", read_only=True)
    reason = serializers.CharField(read_only=True)


class AwardScoreSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.name", read_only=True)
    value = serializers.IntegerField(read_only=True)
    comment = serializers.CharField(read_only=True)


class AwardScorecardSerializer(serializers.Serializer):
    panel = serializers.CharField(source="panel.kind", read_only=True)
    step = serializers.CharField(read_only=True)
    judge = serializers.SerializerMethodField()
    comment = serializers.CharField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True)
    scores = AwardScoreSerializer(many=True, read_only=True)

    def get_judge(self, obj) -> str:
        return obj.judge.get_full_name() or obj.judge.username


class AwardNominationDetailSerializer(AwardNominationSerializer):
    """A nomination with what the caller may read: the submission (the nominee, the
    organisers, the judges without a conflict), the site visit (the organisers and the
    jury without a conflict), its history (who may read the submission) and the submitted
    scorecards (only the panel and the organisers, as ``Scorecard.objects.visible_to``)."""

    submission = serializers.SerializerMethodField()
    site_visit = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    scorecards = serializers.SerializerMethodField()

    class Meta(AwardNominationSerializer.Meta):
        fields = [
            *AwardNominationSerializer.Meta.fields,
            "submission",
            "site_visit",
            "history",
            "scorecards",
        ]
        read_only_fields = fields

    @extend_schema_field(AwardSubmissionAnswerSerializer(many=True, allow_null=True))
    def get_submission(self, obj) -> list[dict] | None:
        answers = self.context["reads"]["submission"]
        return None if answers is None else AwardSubmissionAnswerSerializer(answers, many=True).data

    @extend_schema_field(AwardSiteVisitSerializer(allow_null=True))
    def get_site_visit(self, obj) -> dict | None:
        visit = self.context["reads"]["site_visit"]
        return None if visit is None else AwardSiteVisitSerializer(visit).data

    @extend_schema_field(AwardMoveSerializer(many=True))
    def get_history(self, obj) -> list[dict]:
        return AwardMoveSerializer(self.context["reads"]["history"], many=True).data

    @extend_schema_field(AwardScorecardSerializer(many=True))
    def get_scorecards(self, obj) -> list[dict]:
        return AwardScorecardSerializer(self.context["reads"]["scorecards"], many=True).data
