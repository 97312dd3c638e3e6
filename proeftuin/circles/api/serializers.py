"""Groups API: groups, their members, meetings and questions. Names of people only for
signed-in readers (as the pages show them); the innovation only to who may see it."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from proeftuin.circles.models import Circle, CircleMember, Meeting, Question


def _request(context):
    return context["request"]


def _name(context, user) -> str | None:
    if user is None or not _request(context).user.is_authenticated:
        return None
    return user.get_full_name() or user.username


class CircleSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:circle-detail", lookup_field="uuid")
    owner = serializers.SerializerMethodField()
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Circle
        fields = ["uuid", "url", "title", "kind", "openness", "owner", "member_count", "updated_at"]
        read_only_fields = fields

    def get_owner(self, obj) -> dict:
        return {"uuid": str(obj.owner.uuid), "name": obj.owner.name}


class CircleDetailSerializer(CircleSerializer):
    web_url = serializers.SerializerMethodField()
    innovation = serializers.SerializerMethodField()

    class Meta(CircleSerializer.Meta):
        fields = [
            *CircleSerializer.Meta.fields,
            "web_url",
            "description",
            "accepts_requests",
            "innovation",
            "created_at",
        ]
        read_only_fields = fields

    def get_web_url(self, obj) -> str:
        url = reverse("circles:detail", args=[obj.uuid])
        return _request(self.context).build_absolute_uri(url)

    def get_innovation(self, obj) -> dict | None:
        """The initiative or case, when the caller may see it; else null."""
        if not self.context.get("innovation_visible"):
            return None
        kind = "initiative" if obj.initiative_id else "case"
        return {"kind": kind, "uuid": str(obj.innovation.uuid), "title": obj.innovation.title}


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField(help_text="Only for signed-in readers; else null.")
    organisation = serializers.SerializerMethodField()

    class Meta:
        model = CircleMember
        fields = ["uuid", "name", "organisation", "role", "status", "status_note", "updated_at"]
        read_only_fields = fields

    def get_name(self, obj) -> str | None:
        return _name(self.context, obj.user)

    def get_organisation(self, obj) -> dict:
        return {"uuid": str(obj.organisation.uuid), "name": obj.organisation.name}


class MeetingSerializer(serializers.ModelSerializer):
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["uuid", "title", "date", "agenda", "notes", "version", "documents", "updated_at"]
        read_only_fields = fields

    def get_documents(self, obj) -> list[dict]:
        request = _request(self.context)
        return [
            {
                "uuid": str(d.uuid),
                "filename": d.filename,
                "contentType": d.content_type,
                "size": d.size,
                "downloadUrl": request.build_absolute_uri(
                    reverse("circles:document", args=[obj.circle.uuid, d.uuid])
                ),
            }
            for d in obj.documents.all()
        ]


class MeetingWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    date = serializers.DateField()
    agenda = serializers.CharField(required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class QuestionSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["uuid", "title", "text", "author", "created_at"]
        read_only_fields = fields

    def get_author(self, obj) -> str | None:
        return _name(self.context, obj.author)


class QuestionWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=250)
    text = serializers.CharField(required=False, allow_blank=True, default="")
