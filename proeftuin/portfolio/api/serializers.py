"""Portfolio API: initiatives, their moves through the pipeline, reflections, KPIs and
measurements. One read representation and one write payload per resource; names of people
only for members of the lead and partner organisations (``permissions.can_see_people``)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from proeftuin.api.concurrency import MAX_VERSION, version_field
from proeftuin.cases.service import Theme, case_visible
from proeftuin.core.service import Decision, EditorialStatus, Visibility
from proeftuin.organisations.service import Domain, Organisation
from proeftuin.portfolio import permissions
from proeftuin.portfolio.choices import (
    REFLECTION_PROMPTS,
    InnovationKind,
    KpiDirection,
    KpiUnit,
    OecdFacet,
)
from proeftuin.portfolio.models import Initiative, Kpi, LearningQuestion, Measurement, Reflection
from proeftuin.portfolio.stages import gate_questions

MONEY = {"max_digits": 14, "decimal_places": 2}


def _user(context):
    request = context.get("request")
    return getattr(request, "user", None) or AnonymousUser()


def _person(context, initiative, user) -> str | None:
    """A name as the HTML pages show it: to members of the organisations involved only."""
    if user is None or not permissions.can_see_people(_user(context), initiative):
        return None
    return user.get_full_name() or user.username


def _ref(obj, **extra) -> dict:
    return {"uuid": str(obj.uuid), "name": obj.name, **extra}


class InitiativeListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:initiative-detail", lookup_field="uuid"
    )
    owner = serializers.SerializerMethodField()
    stage = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = [
            "uuid",
            "url",
            "slug",
            "title",
            "problem",
            "kind",
            "owner",
            "stage",
            "status",
            "visibility",
            "evaluation_date",
            "reflection_due",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_owner(self, obj) -> dict:
        return _ref(obj.owner)

    def get_stage(self, obj) -> dict | None:
        if obj.stage is None:
            return None
        return {"key": obj.stage.key, "name": obj.stage.label(), "category": obj.stage.category}


class InitiativeDetailSerializer(InitiativeListSerializer):
    web_url = serializers.SerializerMethodField()
    partners = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    domains = serializers.SerializerMethodField()
    inspired_by_cases = serializers.SerializerMethodField()
    inspired_by = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField(
        help_text=_("Names only for members of the lead and partner organisations; else null.")
    )
    learning_questions = serializers.SerializerMethodField()
    gate_questions = serializers.SerializerMethodField(
        help_text=_("The questions of the gate that ends the current stage.")
    )

    class Meta(InitiativeListSerializer.Meta):
        fields = [
            *InitiativeListSerializer.Meta.fields,
            "web_url",
            "affected",
            "chain",
            "intended_result",
            "facets",
            "partners",
            "themes",
            "domains",
            "inspired_by_cases",
            "inspired_by",
            "started_on",
            "reflection_interval_days",
            "lessons",
            "stage_version",
            "stage_entered_at",
            "team",
            "learning_questions",
            "gate_questions",
            "created_at",
        ]
        read_only_fields = fields

    def get_web_url(self, obj) -> str:
        url = reverse("portfolio:detail", kwargs={"slug": obj.slug})
        return self.context["request"].build_absolute_uri(url)

    def get_partners(self, obj) -> list[dict]:
        return [_ref(p) for p in obj.partners.all()]

    def get_themes(self, obj) -> list[dict]:
        return [_ref(t, key=t.key) for t in obj.themes.all()]

    def get_domains(self, obj) -> list[dict]:
        return [_ref(d, key=d.key) for d in obj.domains.all()]

    def get_inspired_by_cases(self, obj) -> list[dict]:
        rows = case_visible(_user(self.context)).filter(pk__in=obj.inspired_by_cases.values("pk"))
        return [{"uuid": str(c.uuid), "title": c.title} for c in rows.order_by("title")]

    def get_inspired_by(self, obj) -> list[dict]:
        visible = Initiative.objects.visible_to(_user(self.context))
        rows = visible.filter(pk__in=obj.inspired_by.values("pk")).order_by("title")
        return [{"uuid": str(i.uuid), "title": i.title} for i in rows]

    def get_team(self, obj) -> list[dict]:
        return [
            {"name": _person(self.context, obj, m.user), "role": m.role} for m in obj.team.all()
        ]

    def get_learning_questions(self, obj) -> list[dict]:
        return [{"uuid": str(q.uuid), "text": q.text} for q in obj.learning_questions.all()]

    def get_gate_questions(self, obj) -> list[dict]:
        return [
            {"id": str(q.pk), "text": q.label(), "required": q.required}
            for q in gate_questions(obj)
        ]


def _visible_initiatives(user):
    return Initiative.objects.visible_to(user)


class InitiativeWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=250)
    problem = serializers.CharField()
    affected = serializers.CharField(required=False, allow_blank=True)
    chain = serializers.CharField(required=False, allow_blank=True)
    intended_result = serializers.CharField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=InnovationKind.choices)
    facets = serializers.ListField(
        child=serializers.ChoiceField(choices=OecdFacet.choices), required=False, max_length=4
    )
    owner = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisation.objects.all(),
        help_text=_("The lead organisation."),
    )
    partners = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Organisation.objects.all(), many=True, required=False
    )
    themes = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Theme.objects.all(), many=True, required=False
    )
    domains = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Domain.objects.all(), many=True, required=False
    )
    inspired_by_cases = serializers.ListField(
        child=serializers.UUIDField(), required=False, max_length=100
    )
    inspired_by = serializers.ListField(
        child=serializers.UUIDField(), required=False, max_length=100
    )
    started_on = serializers.DateField(required=False, allow_null=True)
    evaluation_date = serializers.DateField(required=False, allow_null=True)
    reflection_interval_days = serializers.IntegerField(
        min_value=1, max_value=366, required=False, allow_null=True
    )
    lessons = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=EditorialStatus.choices, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    version = version_field()

    def _linked(self, uuids, visible, name: str) -> list:
        """The records behind ``uuids`` the caller may see (or the initiative already
        links to); an unknown or invisible uuid is refused the same way."""
        if not uuids:
            return []
        rows = visible.filter(uuid__in=uuids)
        initiative = self.context.get("initiative")
        found = {obj.uuid: obj for obj in rows}
        if initiative is not None:
            for obj in getattr(initiative, name).filter(uuid__in=uuids):
                found.setdefault(obj.uuid, obj)
        missing = [str(u) for u in uuids if u not in found]
        if missing:
            raise serializers.ValidationError(
                _("Unknown or not visible to you: %(uuids)s") % {"uuids": ", ".join(missing)}
            )
        return [found[u] for u in dict.fromkeys(uuids)]

    def validate_inspired_by_cases(self, value):
        return self._linked(value, case_visible(_user(self.context)), "inspired_by_cases")

    def validate_inspired_by(self, value):
        return self._linked(value, _visible_initiatives(_user(self.context)), "inspired_by")


class MoveSerializer(serializers.Serializer):
    """One move of the initiative: from where to where, the decision and why."""

    uuid = serializers.UUIDField(read_only=True)
    from_stage = serializers.SerializerMethodField()
    to_stage = serializers.SerializerMethodField()
    decision = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)
    answers = serializers.SerializerMethodField()
    evidence = serializers.CharField(read_only=True)
    actor = serializers.SerializerMethodField(
        help_text=_("Names only for members of the lead and partner organisations; else null.")
    )
    at = serializers.DateTimeField(read_only=True)

    def get_from_stage(self, obj) -> dict:
        return {"key": getattr(obj.from_stage, "key", None), "name": obj.from_name}

    def get_to_stage(self, obj) -> dict:
        return {"key": getattr(obj.to_stage, "key", None), "name": obj.to_name}

    def get_answers(self, obj) -> list[dict]:
        return [
            {"question": question, "answer": answer}
            for question, answer in getattr(obj, "answer_rows", [])
        ]

    def get_actor(self, obj) -> str | None:
        return _person(self.context, self.context["initiative"], obj.actor)


class MoveWriteSerializer(serializers.Serializer):
    to_stage = serializers.SlugField(max_length=60, help_text=_("The key of the stage to move to."))
    decision = serializers.ChoiceField(
        choices=Decision.choices,
        required=False,
        allow_blank=True,
        help_text=_("The gate decision; empty for a plain move."),
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    answers = serializers.DictField(
        child=serializers.CharField(allow_blank=True, max_length=5000),
        required=False,
        help_text=_("Answers to the gate questions, by the id of the question (gateQuestions)."),
    )
    evidence = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    expected_version = serializers.IntegerField(
        min_value=0,
        max_value=MAX_VERSION,
        help_text=_("The stageVersion you saw; a move by someone else since gives a conflict."),
    )


class PartSerializer(serializers.ModelSerializer):
    """The shared read fields of a part; ``updatedAt`` is its version for changes."""

    class Meta:
        fields = ["uuid", "created_at", "updated_at"]


class ReflectionSerializer(PartSerializer):
    author = serializers.SerializerMethodField(
        help_text=_("Names only for members of the lead and partner organisations; else null.")
    )
    questions = serializers.SlugRelatedField(slug_field="uuid", many=True, read_only=True)

    class Meta:
        model = Reflection
        fields = [
            "uuid",
            "date",
            "author",
            *(name for name, _prompt in REFLECTION_PROMPTS),
            "questions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_author(self, obj) -> str | None:
        return _person(self.context, obj.initiative, obj.author)


UPDATED_AT_HELP = _(
    "The updatedAt you changed; a newer one gives a conflict. Required on a change unless "
    "If-Match carries it."
)


class ReflectionWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    unexpected = serializers.CharField(required=False, allow_blank=True)
    easy = serializers.CharField(required=False, allow_blank=True)
    interventions = serializers.CharField(required=False, allow_blank=True)
    course_change = serializers.CharField(required=False, allow_blank=True)
    help_needed = serializers.CharField(required=False, allow_blank=True)
    transfer = serializers.CharField(required=False, allow_blank=True)
    questions = serializers.SlugRelatedField(
        slug_field="uuid", many=True, required=False, queryset=LearningQuestion.objects.none()
    )
    updated_at = serializers.DateTimeField(required=False, help_text=UPDATED_AT_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = self.context.get("initiative")
        if initiative is not None:
            questions = initiative.learning_questions.all()
            self.fields["questions"].child_relation.queryset = questions


class KpiSerializer(PartSerializer):
    measurements_url = serializers.SerializerMethodField()

    class Meta:
        model = Kpi
        fields = [
            "uuid",
            "measure",
            "unit",
            "baseline",
            "target",
            "direction",
            "order",
            "measurements_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_measurements_url(self, obj) -> str:
        url = reverse(
            "api:initiative-kpi-measurement-list",
            kwargs={"initiative": obj.initiative.uuid, "kpi": obj.uuid},
        )
        return self.context["request"].build_absolute_uri(url)


class KpiWriteSerializer(serializers.Serializer):
    measure = serializers.CharField(max_length=250)
    unit = serializers.ChoiceField(choices=KpiUnit.choices)
    baseline = serializers.DecimalField(required=False, allow_null=True, **MONEY)
    target = serializers.DecimalField(required=False, allow_null=True, **MONEY)
    direction = serializers.ChoiceField(choices=KpiDirection.choices)
    updated_at = serializers.DateTimeField(required=False, help_text=UPDATED_AT_HELP)


class MeasurementSerializer(PartSerializer):
    unit = serializers.CharField(source="kpi.unit", read_only=True)

    class Meta:
        model = Measurement
        fields = ["uuid", "date", "value", "unit", "source", "created_at", "updated_at"]
        read_only_fields = fields


class MeasurementWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = serializers.DecimalField(**MONEY)
    unit = serializers.ChoiceField(
        choices=KpiUnit.choices,
        help_text=_("The unit of the value; one other than the KPI's is refused."),
    )
    source = serializers.CharField(required=False, allow_blank=True, max_length=250)
    updated_at = serializers.DateTimeField(required=False, help_text=UPDATED_AT_HELP)
