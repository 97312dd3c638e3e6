"""Barrier API views: reads start from ``Barrier.objects.visible_to(user)``; writes go
through the register's services (permission-checked, audited, notified)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.response import Response

from proeftuin.api.concurrency import PreconditionFailed, expected_version
from proeftuin.api.schema import problem_responses
from proeftuin.barriers import cache, selectors, services
from proeftuin.barriers.api.serializers import (
    HeatmapQuerySerializer,
    HeatmapSerializer,
    RegisterBarrierSerializer,
    RegisterBarrierWriteSerializer,
)
from proeftuin.barriers.choices import HeatmapAxis
from proeftuin.barriers.models import Barrier
from proeftuin.core.service import ConflictError

CHANGE_RESPONSES = {200: RegisterBarrierSerializer, **problem_responses(409, 412, 428)}


def _signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


class BarrierViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The barrier register: barriers the caller may see (merged ones left out of the list),
    recording and changing them, and the heatmap."""

    lookup_field = "uuid"
    serializer_class = RegisterBarrierSerializer
    queryset = Barrier.objects.none()  # for the schema; get_queryset decides what is visible

    def get_queryset(self):
        return selectors.barrier_list(user=self.request.user)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else selectors.with_organisation_counts(page)

    def _visible(self, uuid) -> Barrier:
        barrier = Barrier.objects.visible_to(self.request.user).filter(uuid=uuid)
        barrier = barrier.select_related("authority", "owner", "merged_into").first()
        if barrier is None:
            raise NotFound(_("This barrier does not exist or is not visible to you."))
        return barrier

    def _render(self, barrier: Barrier) -> dict:
        return RegisterBarrierSerializer(barrier, context={"request": self.request}).data

    def retrieve(self, request, uuid=None):
        return Response(self._render(self._visible(uuid)))

    @extend_schema(
        request=RegisterBarrierWriteSerializer, responses={201: RegisterBarrierSerializer}
    )
    def create(self, request):
        _signed_in(request)
        data = self._payload(request)
        for name in ("state", "resolution", "version"):
            data.pop(name, None)
        owner = data.pop("owner", None)
        barrier = services.barrier_create(actor=request.user, owner=owner, data=data)
        return Response(self._render(barrier), status=201)

    @extend_schema(request=RegisterBarrierWriteSerializer, responses=CHANGE_RESPONSES)
    def partial_update(self, request, uuid=None):
        _signed_in(request)
        barrier = self._visible(uuid)
        data = self._payload(request)
        data.pop("owner", None)
        version, _header = expected_version(request, data)
        state, resolution = data.pop("state", None), data.pop("resolution", "")
        try:
            with transaction.atomic():
                if data:
                    barrier = services.barrier_update(
                        actor=request.user, barrier=barrier, data=data, version=version
                    )
                elif int(version) != barrier.version:
                    raise ConflictError()
                if state and state != barrier.state:
                    barrier = services.barrier_move(
                        actor=request.user, barrier=barrier, state=state, resolution=resolution
                    )
        except ConflictError as exc:
            raise PreconditionFailed(str(exc.message)) from exc
        return Response(self._render(self._visible(uuid)))

    def _payload(self, request) -> dict:
        serializer = RegisterBarrierWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @extend_schema(
        parameters=[HeatmapQuerySerializer],
        responses=HeatmapSerializer,
        description="Distinct barriers per government layer (or organisation type) and "
        "category, counting confirmed links to initiatives and cases the caller may see.",
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def heatmap(self, request):
        query = HeatmapQuerySerializer(data=request.query_params)
        if not query.is_valid():
            raise ValidationError(query.errors)
        axis = query.validated_data.get("axis") or HeatmapAxis.LAYER
        data = cache.heatmap(user=request.user, axis=axis)
        rows = [
            {
                "label": str(row["label"]),
                "total": row["total"],
                "cells": [{"category": c["category"], "count": c["count"]} for c in row["cells"]],
            }
            for row in data["rows"]
        ]
        return Response({"axis": axis, "rows": rows})
