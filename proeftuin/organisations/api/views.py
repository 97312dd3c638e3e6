"""API views of the organisation registry: parse, call a service, render."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response

from proeftuin.api.concurrency import PreconditionFailed, expected_version
from proeftuin.api.schema import problem_responses
from proeftuin.core.service import ConflictError
from proeftuin.organisations import permissions, selectors, services
from proeftuin.organisations.api.serializers import (
    OrganisationSerializer,
    OrganisationWriteSerializer,
    SimilarOrganisationSerializer,
)
from proeftuin.organisations.filters import OrganisationFilterSet


def _require(request, allowed_reason):
    if not request.user.is_authenticated:
        raise NotAuthenticated()
    allowed, reason = allowed_reason
    if not allowed:
        raise PermissionDenied(reason)


class OrganisationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The organisation registry: read by anyone; changed by contributors and admins."""

    queryset = selectors.organisation_queryset()
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    lookup_field = "uuid"

    @extend_schema(
        request=OrganisationWriteSerializer,
        responses={201: OrganisationSerializer, **problem_responses(409)},
    )
    def create(self, request):
        _require(request, permissions.can_create_organisation(request.user))
        payload = OrganisationWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("version", None)
        data.pop("share_review_decisions", None)  # for its own administrators to decide
        org = services.organisation_create(actor=request.user, **data)
        return Response(self._render(org), status=201)

    @extend_schema(
        request=OrganisationWriteSerializer,
        responses={200: OrganisationSerializer, **problem_responses(409, 412, 428)},
    )
    def partial_update(self, request, uuid=None):
        org = self.get_object()
        _require(request, permissions.can_edit_organisation(request.user, org))
        payload = OrganisationWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version, by_header = expected_version(request, data)
        try:
            org = services.organisation_update(
                organisation=org, actor=request.user, expected_version=version, **data
            )
        except ConflictError as exc:
            raise (PreconditionFailed(str(exc.message)) if by_header else exc) from exc
        return Response(self._render(org))

    @extend_schema(responses=SimilarOrganisationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def similar(self, request, uuid=None):
        """Organisations like this one, best first, each with the reasons it is alike."""
        ranked = selectors.organisation_similar(self.get_object())
        context = self.get_serializer_context()
        return Response(SimilarOrganisationSerializer(ranked, many=True, context=context).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        version = response.data.get("version") if isinstance(response.data, dict) else None
        if version is not None and self.action not in ("list", "similar"):
            response["ETag"] = f'"{version}"'
        return response

    def _render(self, org):
        org = selectors.organisation_get(uuid=org.uuid)
        return OrganisationSerializer(org, context=self.get_serializer_context()).data
