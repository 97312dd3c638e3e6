"""Documents API: upload (processed in the background), follow the job, review."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from proeftuin.api.parsers import JSONParser
from proeftuin.ingestion import services
from proeftuin.ingestion.api.serializers import (
    DecisionSerializer,
    SourceFileSerializer,
    SuggestionSerializer,
    UploadSerializer,
)
from proeftuin.ingestion.models import SourceFile, Suggestion
from proeftuin.ingestion.parsers import check_size
from proeftuin.ingestion.types import IngestionError


class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Uploaded documents visible to the caller (uploader, own organisation)."""

    serializer_class = SourceFileSerializer
    lookup_field = "uuid"
    queryset = SourceFile.objects.none()
    parser_classes = [MultiPartParser, JSONParser]

    def get_queryset(self):
        return SourceFile.objects.visible_to(self.request.user).prefetch_related("jobs")

    @extend_schema(
        request={"multipart/form-data": UploadSerializer},
        responses={202: SourceFileSerializer, 200: SourceFileSerializer},
    )
    def create(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        try:
            check_size(upload.size)
            source, _job, created = services.source_upload(
                actor=request.user, filename=upload.name, data=upload.read()
            )
        except IngestionError as exc:
            raise ValidationError({"file": [exc.message]}) from exc
        data = SourceFileSerializer(source, context=self.get_serializer_context()).data
        return Response(data, status=202 if created else 200)

    @extend_schema(responses=SuggestionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def suggestions(self, request, uuid=None):
        """The suggestions of this document, for review."""
        rows = self.paginate_queryset(self.get_object().suggestions.all())
        data = SuggestionSerializer(rows, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)


class SuggestionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = SuggestionSerializer
    lookup_field = "uuid"
    queryset = Suggestion.objects.none()

    def get_queryset(self):
        visible = SourceFile.objects.visible_to(self.request.user)
        return Suggestion.objects.filter(source__in=visible).select_related("source", "case")

    @extend_schema(request=DecisionSerializer, responses=SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request, uuid=None):
        """Accept, edit (with editedValue, typed per field) or reject this suggestion. A
        decided suggestion may be decided again until the case made from it is published."""
        payload = DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        suggestion = services.suggestion_decide(
            actor=request.user,
            suggestion=self.get_object(),
            decision=payload.validated_data["decision"],
            edited_value=payload.validated_data.get("edited_value"),
        )
        return Response(self.get_serializer(suggestion).data)

    @extend_schema(request=None, responses=SuggestionSerializer)
    @action(detail=True, methods=["post"])
    def undo(self, request, uuid=None):
        """Take the decision back: the suggestion is to be reviewed again. Refused (400)
        when there is no decision, or when the case made from it is published."""
        suggestion = services.suggestion_undo(actor=request.user, suggestion=self.get_object())
        return Response(self.get_serializer(suggestion).data)
