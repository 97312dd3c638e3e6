"""Adoption API views: parse, call a selector or service, render. Reads start from
``Adoption.objects.visible_to(user)``; writes go through ``diffusion/services.py``."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from proeftuin.api.schema import problem_responses
from proeftuin.cases.service import case_visible
from proeftuin.diffusion import lineage as lineages
from proeftuin.diffusion import lineage_page, selectors, services, stats
from proeftuin.diffusion.api.serializers import (
    AdoptionChangeSerializer,
    AdoptionCreateSerializer,
    AdoptionSerializer,
    LineageSerializer,
)
from proeftuin.diffusion.choices import AdoptionStatus
from proeftuin.diffusion.models import Adoption
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.service import initiative_visible

FILTERS = [
    OpenApiParameter("status", str, enum=AdoptionStatus.values, description="Status"),
    OpenApiParameter("adopter", str, description="Adopting organisation, by uuid"),
    OpenApiParameter("initiative", str, description="Innovation: initiative, by uuid"),
    OpenApiParameter("case", str, description="Innovation: case, by uuid"),
]


def require_signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


def visible_adoption(request, uuid) -> Adoption:
    try:
        return selectors.adoption_detail(user=request.user, uuid=uuid)
    except (Adoption.DoesNotExist, ValueError) as exc:
        raise NotFound(_("This adoption does not exist or is not visible to you.")) from exc


def _visible(rows, uuid, field: str):
    """The visible record ``uuid`` of ``rows`` (an innovation or a source), else 400."""
    found = rows.filter(uuid=uuid).first() if uuid else None
    if uuid and found is None:
        message = _("This record does not exist or is not visible to you.")
        raise ValidationError({field: [message]})
    return found


def _filtered(rows, params):
    if params.get("status") in AdoptionStatus.values:
        rows = rows.filter(status=params["status"])
    for name, field in (("adopter", "adopter__uuid"), ("initiative", "initiative__uuid")):
        if params.get(name):
            rows = rows.filter(**{field: _uuid(params[name], name)})
    if params.get("case"):
        rows = rows.filter(case__uuid=_uuid(params["case"], "case"))
    return rows


def _uuid(value: str, name: str):
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        raise ValidationError({name: [_("Give a uuid.")]}) from exc


class AdoptionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Adoptions: an initiative or case taken up by an organisation, learned from the
    innovator or from an earlier adopter. Only what the caller may see."""

    lookup_field = "uuid"
    serializer_class = AdoptionSerializer
    queryset = Adoption.objects.none()  # for the schema; get_queryset decides what is visible

    def get_queryset(self):
        rows = selectors.adoption_list(self.request.user).prefetch_related("measures", "steps")
        return _filtered(rows, self.request.query_params).order_by("-started_on", "pk")

    @extend_schema(parameters=FILTERS)
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        rows = selectors.mark_shown(page, user=request.user)
        serializer = AdoptionSerializer(rows, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, uuid=None):
        return Response(self._render(visible_adoption(request, uuid)))

    @extend_schema(
        request=AdoptionCreateSerializer,
        responses={201: AdoptionSerializer, **problem_responses(409)},
    )
    def create(self, request):
        require_signed_in(request)
        payload = AdoptionCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        innovation = _visible(
            initiative_visible(request.user), data.pop("initiative", None), "initiative"
        )
        innovation = innovation or _visible(
            case_visible(request.user), data.pop("case", None), "case"
        )
        adopter = Organisation.objects.filter(uuid=data.pop("adopter")).first()
        if adopter is None:
            raise ValidationError({"adopter": [_("This organisation does not exist.")]})
        source = _visible(
            selectors.adoption_visible(request.user), data.pop("source", None), "source"
        )
        adoption = services.adoption_start(
            actor=request.user, innovation=innovation, adopter=adopter, source=source, **data
        )
        return Response(self._render(adoption), status=201)

    @extend_schema(request=AdoptionChangeSerializer, responses={200: AdoptionSerializer})
    def partial_update(self, request, uuid=None):
        """Change the status (with ``reason``, required to abandon), what was adapted, the
        outcomes, the measures, the source or the visibility."""
        require_signed_in(request)
        adoption = visible_adoption(request, uuid)
        payload = AdoptionChangeSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        status, reason, on = (
            data.pop("status", None),
            data.pop("reason", ""),
            data.pop("status_date", None),
        )
        if "source" in data:
            data["source"] = _visible(
                selectors.adoption_visible(request.user), data["source"], "source"
            )
        with transaction.atomic():  # both changes or neither
            if data or status is None:  # an empty change still checks the permission
                adoption = services.adoption_update(actor=request.user, adoption=adoption, **data)
            if status is not None:
                services.adoption_set_status(
                    actor=request.user, adoption=adoption, status=status, reason=reason, on=on
                )
        return Response(self._render(adoption))

    @extend_schema(request=None, responses={204: None})
    def destroy(self, request, uuid=None):
        """Withdraw an adoption recorded by mistake (editors of the adopter)."""
        require_signed_in(request)
        services.adoption_withdraw(actor=request.user, adoption=visible_adoption(request, uuid))
        return Response(status=204)

    def _render(self, adoption: Adoption) -> dict:
        row = visible_adoption(self.request, adoption.uuid)
        selectors.mark_shown([row], user=self.request.user)
        return AdoptionSerializer(row, context=self.get_serializer_context()).data


def _nodes(root) -> list[dict]:
    rows = []

    def walk(node, parent):
        for child in node.children:
            rows.append(
                {
                    "adoption": str(child.adoption.uuid) if child.adoption else None,
                    "adopter": child.label,
                    "status": child.status,
                    "depth": child.depth,
                    "parent": str(parent.uuid) if parent is not None else None,
                    "hidden": child.adoption is None,
                }
            )
            walk(child, child.adoption)

    walk(root, None)
    return rows


class LineageView(APIView):
    """The lineage of an initiative or a case: who adopted it from whom (the nodes in
    depth-first order, ``parent`` null under the innovator), a description, counts per
    year and per province. Adoptions the caller may not see are left out; a visible one
    learned from an invisible one hangs under a ``hidden`` node."""

    kind = "initiative"

    @extend_schema(responses={200: LineageSerializer, **problem_responses(404)})
    def get(self, request, **kwargs):
        uuid = kwargs.get("uuid") or kwargs.get("initiative")
        rows = (
            initiative_visible(request.user)
            if self.kind == "initiative"
            else case_visible(request.user)
        )
        innovation = rows.select_related("owner").filter(uuid=uuid).first()
        if innovation is None:
            raise NotFound(_("This innovation does not exist or is not visible to you."))
        data = lineage_page.cached(
            "diffusion.lineage_api.1",  # the shape of what is kept: bump when it changes
            innovation,
            (self.kind,),
            lambda: self._data(innovation, request.user),
            user=request.user,
        )
        return Response(data)

    def _data(self, innovation, user) -> dict:
        tree = lineages.lineage(innovation, user=user)
        data = {
            "innovation": {
                "kind": self.kind,
                "uuid": str(innovation.uuid),
                "title": innovation.title,
            },
            "innovator": tree.root.label,
            "description": tree.description,
            "nodes": _nodes(tree.root),
            "per_year": [vars(row) for row in stats.counts_over_time(tree.adoptions, "year")],
            "per_province": stats.counts_by_province(tree.adoptions),
        }
        return dict(LineageSerializer(data).data)


class InitiativeLineageView(LineageView):
    kind = "initiative"


class CaseLineageView(LineageView):
    kind = "case"
