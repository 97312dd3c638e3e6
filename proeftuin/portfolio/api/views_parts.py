"""API views of an initiative's parts: reflections, KPIs and the measurements of a KPI.
Reads need the initiative to be visible; writes go through ``services_parts.py`` (whoever may
edit the initiative). A part's ``updatedAt`` is its version: a change names the one it
changed (in the body or as If-Match), a newer one gives a conflict."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from proeftuin.api.concurrency import PreconditionFailed, PreconditionRequired
from proeftuin.api.schema import problem_responses
from proeftuin.core.service import ConflictError
from proeftuin.portfolio import permissions, services_parts
from proeftuin.portfolio.api.serializers import (
    KpiSerializer,
    KpiWriteSerializer,
    MeasurementSerializer,
    MeasurementWriteSerializer,
    ReflectionSerializer,
    ReflectionWriteSerializer,
)
from proeftuin.portfolio.api.views import require_signed_in, visible_initiative
from proeftuin.portfolio.models import Kpi, Measurement, Reflection

CHANGE = problem_responses(409, 412, 428)


def expected_updated_at(request, data: dict) -> tuple[datetime.datetime, bool]:
    """Pop ``updated_at`` from ``data``, else read If-Match; (value, came from the header)."""
    value = data.pop("updated_at", None)
    if value is not None:
        return value, False
    raw = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if not raw:
        raise PreconditionRequired(
            _(
                "Say which version you changed: send its updatedAt in the body or as "
                'If-Match: "<updatedAt>" (the ETag of the record).'
            )
        )
    try:
        return datetime.datetime.fromisoformat(raw), True
    except ValueError as exc:
        raise PreconditionFailed() from exc


class PartViewSet(viewsets.GenericViewSet):
    """List, read, add, change and remove the parts of one visible initiative."""

    lookup_field = "uuid"
    pagination_class = None
    model = None
    write_serializer_class = None
    not_found = ""

    def parent(self):
        """What new parts are added to (the initiative; the KPI for measurements)."""
        return visible_initiative(self.request, self.kwargs["initiative"])

    def initiative_of(self, parent):
        return parent

    def parts(self, parent):
        raise NotImplementedError

    def save(self, *, parent, part, data: dict, expected=None):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.parts(self.parent())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "initiative": self._initiative()}

    def _initiative(self):
        if getattr(self, "swagger_fake_view", False):
            return None
        if not hasattr(self, "_parent"):
            self._parent = self.parent()
        return self.initiative_of(self._parent)

    def list(self, request, **kwargs):
        rows = self.parts(self._parent_cached())
        return Response(self.get_serializer(rows, many=True).data)

    def retrieve(self, request, **kwargs):
        return Response(self.get_serializer(self._part()).data)

    def create(self, request, **kwargs):
        require_signed_in(request)
        parent = self._parent_cached()
        self._check_edit()
        data = self._payload(request, partial=False)
        data.pop("updated_at", None)
        part = self.save(parent=parent, part=None, data=data)
        return Response(self._render(part), status=201)

    def update(self, request, **kwargs):
        return self._change(request, partial=False)

    def partial_update(self, request, **kwargs):
        return self._change(request, partial=True)

    def destroy(self, request, **kwargs):
        require_signed_in(request)
        part = self._part()
        self._check_edit()
        services_parts.initiative_part_delete(actor=request.user, part=part)
        return Response(status=204)

    def _change(self, request, *, partial: bool) -> Response:
        require_signed_in(request)
        part = self._part()
        self._check_edit()  # before asking for a version, as for the initiative
        data = self._payload(request, partial=partial)
        expected, by_header = expected_updated_at(request, data)
        try:
            part = self.save(parent=self._parent_cached(), part=part, data=data, expected=expected)
        except ConflictError as exc:
            raise (PreconditionFailed(str(exc.message)) if by_header else exc) from exc
        return Response(self._render(part))

    def _parent_cached(self):
        self._initiative()
        return self._parent

    def _check_edit(self) -> None:
        allowed, reason = permissions.can_edit_initiative(self.request.user, self._initiative())
        if not allowed:
            raise PermissionDenied(reason)

    def _part(self):
        part = self.parts(self._parent_cached()).filter(uuid=self.kwargs["uuid"]).first()
        if part is None:
            raise NotFound(self.not_found)
        return part

    def _payload(self, request, *, partial: bool) -> dict:
        context = self.get_serializer_context()
        payload = self.write_serializer_class(data=request.data, partial=partial, context=context)
        payload.is_valid(raise_exception=True)
        return dict(payload.validated_data)

    def _render(self, part) -> dict:
        part = self.parts(self._parent_cached()).get(pk=part.pk)
        return self.get_serializer(part).data

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response.data, dict) and "updated_at" in response.data:
            response["ETag"] = f'"{response.data["updated_at"]}"'
        return response


def documented(read, write):
    """The documented operations of a part resource (its read and write serializers)."""
    return extend_schema_view(
        list=extend_schema(responses=read(many=True)),
        retrieve=extend_schema(responses=read),
        create=extend_schema(request=write, responses={201: read, **problem_responses(409)}),
        update=extend_schema(request=write, responses={200: read, **CHANGE}),
        partial_update=extend_schema(request=write, responses={200: read, **CHANGE}),
        destroy=extend_schema(request=None, responses={204: None}),
    )


@documented(ReflectionSerializer, ReflectionWriteSerializer)
class ReflectionViewSet(PartViewSet):
    """The reflections of an initiative, newest first."""

    model = Reflection
    serializer_class = ReflectionSerializer
    write_serializer_class = ReflectionWriteSerializer
    not_found = _("This reflection does not exist.")

    def parts(self, parent):
        rows = Reflection.objects.filter(initiative=parent)
        return rows.select_related("author", "initiative").prefetch_related("questions")

    def save(self, *, parent, part, data: dict, expected=None):
        return services_parts.reflection_save(
            actor=self.request.user,
            initiative=parent,
            reflection=part,
            expected_updated_at=expected,
            **data,
        )


@documented(KpiSerializer, KpiWriteSerializer)
class KpiViewSet(PartViewSet):
    """The KPIs of an initiative, in their order."""

    model = Kpi
    serializer_class = KpiSerializer
    write_serializer_class = KpiWriteSerializer
    not_found = _("This KPI does not exist.")

    def parts(self, parent):
        return Kpi.objects.filter(initiative=parent).select_related("initiative")

    def save(self, *, parent, part, data: dict, expected=None):
        return services_parts.kpi_save(
            actor=self.request.user,
            initiative=parent,
            kpi=part,
            expected_updated_at=expected,
            **data,
        )


@documented(MeasurementSerializer, MeasurementWriteSerializer)
class MeasurementViewSet(PartViewSet):
    """The measurements of one KPI, oldest first. A value in another unit than the KPI's
    is refused (400, field ``unit``)."""

    model = Measurement
    serializer_class = MeasurementSerializer
    write_serializer_class = MeasurementWriteSerializer
    not_found = _("This measurement does not exist.")

    def parent(self):
        initiative = visible_initiative(self.request, self.kwargs["initiative"])
        kpi = Kpi.objects.filter(initiative=initiative, uuid=self.kwargs["kpi"]).first()
        if kpi is None:
            raise NotFound(_("This KPI does not exist."))
        return kpi

    def initiative_of(self, parent):
        return parent.initiative

    def parts(self, parent):
        return Measurement.objects.filter(kpi=parent).select_related("kpi")

    def save(self, *, parent, part, data: dict, expected=None):
        if part is not None:  # a change keeps what it does not name
            data = {
                "date": part.date,
                "value": part.value,
                "unit": parent.unit,
                "source": part.source,
                **data,
            }
        return services_parts.measurement_save(
            actor=self.request.user,
            kpi=parent,
            measurement=part,
            expected_updated_at=expected,
            **data,
        )
