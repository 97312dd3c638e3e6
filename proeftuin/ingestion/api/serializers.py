from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

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
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["accepted", "edited", "rejected"])
    edited_value = serializers.JSONField(required=False, allow_null=True)
