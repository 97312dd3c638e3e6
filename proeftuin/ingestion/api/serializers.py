from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from proeftuin.ingestion import presentation, values
from proeftuin.ingestion.models import Job, SourceFile, Suggestion


class JobSerializer(serializers.ModelSerializer):
    class Meta:
        model = Job
        fields = [
            "uuid",
            "status",
            "step",
            "progress",
            "error_code",
            "error_message",
            "attempts",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class SourceFileSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:document-detail", lookup_field="uuid")
    job = serializers.SerializerMethodField()

    class Meta:
        model = SourceFile
        fields = [
            "uuid",
            "url",
            "filename",
            "content_hash",
            "size",
            "format",
            "pages",
            "created_at",
            "job",
        ]
        read_only_fields = fields

    def get_job(self, obj) -> dict | None:
        job = obj.jobs.first()
        return JobSerializer(job).data if job else None


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("PDF, DOCX, ODT, HTML, text or Markdown."))


class SuggestionSerializer(serializers.ModelSerializer):
    field_label = serializers.SerializerMethodField(
        help_text=_("The field's name as people read it, in the language of the request.")
    )
    value_text = serializers.SerializerMethodField(
        help_text=_("The value in force (the correction when edited) as a sentence.")
    )

    class Meta:
        model = Suggestion
        fields = [
            "uuid",
            "segment",
            "segment_title",
            "field",
            "value",
            "edited_value",
            "page",
            "start",
            "end",
            "quote",
            "step",
            "step_version",
            "confidence",
            "conflict",
            "change",
            "status",
            "decided_at",
            "field_label",
            "value_text",
        ]
        read_only_fields = fields

    def get_field_label(self, obj) -> str:
        return presentation.field_label(obj.field, self._known())

    def get_value_text(self, obj) -> str:
        return presentation.value_text(obj.field, obj.final_value, self._known())

    def _known(self) -> values.Lookups:
        if "known" not in self.context:
            self.context["known"] = values.lookups()
        return self.context["known"]


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accepted", "edited", "rejected"])
    edited_value = serializers.JSONField(
        required=False,
        allow_null=True,
        help_text=_(
            "With decision 'edited': the corrected value, in the shape of the field's value "
            "(a text; a year as a whole number; staff as {exact|min|max, year}; an outcome as "
            "{measure, value (a number), unit, direction, kind, period, baseline}; a lesson as "
            "{kind, text}; a barrier as {category, text}; a person as {name, role}; a partner "
            "as {name, role}). A value of the wrong shape is refused with a Dutch reason."
        ),
    )
