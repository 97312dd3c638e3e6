"""Case API: one read representation, one write payload."""

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from proeftuin.api.concurrency import MAX_VERSION
from proeftuin.cases import permissions, selectors
from proeftuin.cases.choices import (
    BarrierCategory,
    Direction,
    EditorialStatus,
    LessonKind,
    OutcomeKind,
    OutcomeUnit,
    RecognitionKind,
    Stage,
    Visibility,
)
from proeftuin.cases.models import (
    Case,
    CaseBarrier,
    CasePartner,
    CasePerson,
    Lesson,
    Outcome,
    Recognition,
)
from proeftuin.documents.service import Document
from proeftuin.organisations.service import Organisation


class OutcomeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outcome
        fields = ["measure", "value", "unit", "direction", "kind", "period", "baseline"]


class LessonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lesson
        fields = ["kind", "text"]


class BarrierSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseBarrier
        fields = ["category", "text"]


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(
        help_text=_("Personal data: only for members of the owning organisation; else null.")
    )

    class Meta:
        model = CasePerson
        fields = ["name", "role", "organisation_name"]

    def get_name(self, obj) -> str | None:
        return obj.name if self.context.get("can_see_people") else None


class PartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.UUIDField(
        source="organisation.uuid", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = CasePartner
        fields = ["name", "role", "organisation"]


class RecognitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recognition
        fields = ["kind", "name", "year"]


class CaseListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:case-detail", lookup_field="uuid")
    organisations = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "uuid",
            "url",
            "slug",
            "title",
            "summary",
            "year_start",
            "year_end",
            "stage",
            "status",
            "visibility",
            "organisations",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_organisations(self, obj) -> list[dict]:
        return [
            {
                "uuid": str(link.organisation.uuid),
                "name": link.organisation.name,
                "is_lead": link.is_lead,
            }
            for link in obj.case_organisations.all()
        ]


class CaseDetailSerializer(CaseListSerializer):
    web_url = serializers.SerializerMethodField()
    opsi_phase = serializers.CharField(read_only=True)
    theme_set = serializers.CharField(source="theme_set.key", read_only=True)
    owner = serializers.UUIDField(source="owner.uuid", read_only=True)
    sections = serializers.SerializerMethodField()
    outcomes = OutcomeSerializer(many=True, read_only=True)
    lessons = LessonSerializer(many=True, read_only=True)
    barriers = BarrierSerializer(many=True, read_only=True)
    people = serializers.SerializerMethodField()
    partners = PartnerSerializer(many=True, read_only=True)
    recognitions = RecognitionSerializer(many=True, read_only=True)
    citations = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "web_url",
            "opsi_phase",
            "theme_set",
            "owner",
            "sections",
            "outcomes",
            "lessons",
            "barriers",
            "people",
            "partners",
            "recognitions",
            "citations",
            "created_at",
        ]
        read_only_fields = fields

    def get_web_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("cases:detail", kwargs={"slug": obj.slug})
        )

    def get_organisations(self, obj) -> list[dict]:
        rows = super().get_organisations(obj)
        for row, link in zip(rows, obj.case_organisations.all(), strict=True):
            row["profile_at_the_time"] = link.profile_snapshot
        return rows

    def get_sections(self, obj) -> list[dict]:
        return [
            {"theme": s.theme.key, "theme_name": s.theme.name, "body": s.body}
            for s in obj.sections.all()
        ]

    def get_people(self, obj) -> list[dict]:
        visible = permissions.can_see_people(self.context["request"].user, obj)
        return PersonSerializer(
            obj.people.all(), many=True, context={"can_see_people": visible}
        ).data

    def get_citations(self, obj) -> list[dict]:
        return [
            {
                "field": c.field,
                "document": c.document.key,
                "document_title": c.document.title,
                "page": c.page,
                "quote": c.quote,
            }
            for c in obj.citations.all()
        ]


class PartnerWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    role = serializers.CharField(max_length=200, required=False, allow_blank=True)
    organisation = serializers.SlugRelatedField(
        slug_field="uuid", queryset=Organisation.objects.all(), required=False, allow_null=True
    )


class PersonWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    role = serializers.CharField(max_length=200)
    organisation_name = serializers.CharField(max_length=200, required=False, allow_blank=True)


class VisibleDocumentField(serializers.SlugRelatedField):
    """A document key the caller may see (or the case already cites); any other key is
    refused as if it did not exist."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="key", queryset=Document.objects.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None) or AnonymousUser()
        return selectors.case_citable_documents(user=user, case=self.context.get("case"))


class CitationWriteSerializer(serializers.Serializer):
    field = serializers.CharField(max_length=120)
    document = VisibleDocumentField()
    page = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    quote = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class OutcomeWriteSerializer(serializers.Serializer):
    measure = serializers.CharField(max_length=250)
    value = serializers.DecimalField(max_digits=16, decimal_places=2)
    unit = serializers.ChoiceField(choices=OutcomeUnit.choices)
    direction = serializers.ChoiceField(choices=Direction.choices)
    kind = serializers.ChoiceField(choices=OutcomeKind.choices)
    period = serializers.CharField(max_length=60, required=False, allow_blank=True)
    baseline = serializers.CharField(max_length=120, required=False, allow_blank=True)


class LessonWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LessonKind.choices)
    text = serializers.CharField()


class BarrierWriteSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=BarrierCategory.choices)
    text = serializers.CharField()


class RecognitionWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RecognitionKind.choices)
    name = serializers.CharField(max_length=200)
    year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True)


class CaseWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=250)
    summary = serializers.CharField()
    year_start = serializers.IntegerField(
        min_value=1900, max_value=2100, required=False, allow_null=True
    )
    year_end = serializers.IntegerField(
        min_value=1900, max_value=2100, required=False, allow_null=True
    )
    stage = serializers.ChoiceField(choices=Stage.choices)
    status = serializers.ChoiceField(choices=EditorialStatus.choices, required=False)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    theme_set = serializers.SlugRelatedField(
        slug_field="key",
        queryset=Case._meta.get_field("theme_set").related_model.objects.all(),
        required=False,
    )
    organisations = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisation.objects.all(),
        many=True,
        allow_empty=False,
        help_text=_("Organisation ids; the first is the lead organisation."),
    )
    owner = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisation.objects.all(),
        required=False,
        help_text=_("Organisation whose members see a non-public case; default: the lead."),
    )
    sections = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False)
    outcomes = OutcomeWriteSerializer(many=True, required=False)
    lessons = LessonWriteSerializer(many=True, required=False)
    barriers = BarrierWriteSerializer(many=True, required=False)
    people = PersonWriteSerializer(many=True, required=False)
    partners = PartnerWriteSerializer(many=True, required=False)
    recognitions = RecognitionWriteSerializer(many=True, required=False)
    citations = CitationWriteSerializer(many=True, required=False)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_VERSION,
        help_text=_(
            "The version you changed; a newer one gives a conflict. Required on a change "
            "unless If-Match carries it."
        ),
    )
