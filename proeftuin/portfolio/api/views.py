"""Initiative API views: parse, call a service, render. Reads start from
``Initiative.objects.visible_to(user)``; writes go through ``portfolio/services.py`` and the
core ``workflow_move``, which check permissions and record the audit trail."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.response import Response

from proeftuin.api.concurrency import PreconditionFailed, expected_version
from proeftuin.api.schema import problem_responses
from proeftuin.core.service import ConflictError, workflow_move
from proeftuin.portfolio import permissions, selectors, services
from proeftuin.portfolio.api.filters import InitiativeApiFilterSet
from proeftuin.portfolio.api.serializers import (
    InitiativeDetailSerializer,
    InitiativeListSerializer,
    InitiativeWriteSerializer,
    MoveSerializer,
    MoveWriteSerializer,
)
from proeftuin.portfolio.models import Initiative
from proeftuin.portfolio.stages import stage_history

CHANGE_RESPONSES = {200: InitiativeDetailSerializer, **problem_responses(409, 412, 428)}


def require_signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


def visible_initiative(request, uuid) -> Initiative:
    """The initiative ``uuid`` with its parts, if the caller may see it; else 404."""
    try:
        return selectors.initiative_detail_queryset(request.user).get(uuid=uuid)
    except (Initiative.DoesNotExist, ValueError) as exc:
        raise NotFound(_("This initiative does not exist or is not visible to you.")) from exc


def version_etag(view, response):
    version = response.data.get("version") if isinstance(response.data, dict) else None
    if version is not None and view.action not in ("list", "moves"):
        response["ETag"] = f'"{version}"'
    return response


class InitiativeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Initiatives of the portfolio. Lists (without archived ones) and details show only
    what the caller may see."""

    filterset_class = InitiativeApiFilterSet
    lookup_field = "uuid"
    queryset = Initiative.objects.none()  # for the schema; get_queryset decides what is visible

    def get_queryset(self):
        return selectors.initiative_list(self.request.user)

    def get_serializer_class(self):
        return InitiativeListSerializer if self.action == "list" else InitiativeDetailSerializer

    def retrieve(self, request, uuid=None):
        return Response(self._render(visible_initiative(request, uuid)))

    @extend_schema(
        request=InitiativeWriteSerializer,
        responses={201: InitiativeDetailSerializer, **problem_responses(409)},
    )
    def create(self, request):
        require_signed_in(request)
        data = self._payload(request, partial=False)
        data.pop("version", None)
        initiative = services.initiative_create(actor=request.user, **data)
        return Response(self._render(initiative), status=201)

    @extend_schema(request=InitiativeWriteSerializer, responses=CHANGE_RESPONSES)
    def update(self, request, uuid=None):
        return self._change(request, uuid, partial=False)

    @extend_schema(request=InitiativeWriteSerializer, responses=CHANGE_RESPONSES)
    def partial_update(self, request, uuid=None):
        return self._change(request, uuid, partial=True)

    @extend_schema(request=None, responses={204: None, **problem_responses(409, 412, 428)})
    def destroy(self, request, uuid=None):
        """Remove the initiative (editors of the lead organisation); If-Match is required."""
        require_signed_in(request)
        initiative = visible_initiative(request, uuid)
        allowed, reason = permissions.can_publish_initiative(request.user, initiative)
        if not allowed:
            raise PermissionDenied(reason)
        version, _by_header = expected_version(request, {})
        try:
            services.initiative_delete(
                actor=request.user, initiative=initiative, expected_version=version
            )
        except ConflictError as exc:
            raise PreconditionFailed(str(exc.message)) from exc
        return Response(status=204)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=MoveSerializer(many=True),
        description="The moves of the initiative through its pipeline, newest first.",
    )
    @extend_schema(
        methods=["POST"],
        request=MoveWriteSerializer,
        responses={201: MoveSerializer, **problem_responses(409)},
        description="Move the initiative to another stage, or take a gate decision.",
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def moves(self, request, uuid=None):
        if request.method == "POST":
            require_signed_in(request)
        initiative = visible_initiative(request, uuid)
        if request.method == "POST":
            return self._move(request, initiative)
        context = {**self.get_serializer_context(), "initiative": initiative}
        history = stage_history(initiative)
        return Response(MoveSerializer(history, many=True, context=context).data)

    def _move(self, request, initiative: Initiative) -> Response:
        payload = MoveWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        move = workflow_move(
            actor=request.user,
            subject=initiative,
            to_stage=data["to_stage"],
            decision=data.get("decision", ""),
            reason=data.get("reason", ""),
            answers=data.get("answers", {}),
            evidence=data.get("evidence", ""),
            expected_version=data["expected_version"],
        )
        rows = [m for m in stage_history(initiative) if m.pk == move.pk]
        context = {**self.get_serializer_context(), "initiative": initiative}
        return Response(MoveSerializer(rows[0], context=context).data, status=201)

    def _change(self, request, uuid, *, partial: bool) -> Response:
        require_signed_in(request)
        initiative = visible_initiative(request, uuid)
        allowed, reason = permissions.can_edit_initiative(request.user, initiative)
        if not allowed:  # the service checks too; this refuses before asking for a version
            raise PermissionDenied(reason)
        data = self._payload(request, partial=partial, initiative=initiative)
        version, by_header = expected_version(request, data)
        try:
            initiative = services.initiative_update(
                initiative=initiative, actor=request.user, expected_version=version, **data
            )
        except ConflictError as exc:
            raise (PreconditionFailed(str(exc.message)) if by_header else exc) from exc
        return Response(self._render(initiative))

    def _payload(self, request, *, partial: bool, initiative=None) -> dict:
        context = {"request": request, "initiative": initiative}
        payload = InitiativeWriteSerializer(data=request.data, partial=partial, context=context)
        payload.is_valid(raise_exception=True)
        return dict(payload.validated_data)

    def _render(self, initiative: Initiative) -> dict:
        initiative = visible_initiative(self.request, initiative.uuid)
        return InitiativeDetailSerializer(initiative, context=self.get_serializer_context()).data

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return version_etag(self, response)


# the parts' views, for the router in proeftuin/api/urls.py (which imports only api.views)
from proeftuin.portfolio.api.views_parts import (  # noqa: E402
    KpiViewSet,
    MeasurementViewSet,
    ReflectionViewSet,
)

__all__ = ["InitiativeViewSet", "KpiViewSet", "MeasurementViewSet", "ReflectionViewSet"]
