"""The awards API (read): the editions the caller may see (with criteria, categories,
timeline and the public result) and the nominations they may see, each with what its page
shows the same caller. Visibility comes from ``proeftuin.awards.selectors`` only."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from proeftuin.awards import selectors
from proeftuin.awards.api.serializers import (
    AwardEditionDetailSerializer,
    AwardEditionSerializer,
    AwardNominationDetailSerializer,
    AwardNominationSerializer,
)
from proeftuin.awards.models import Edition, Nomination


class AwardEditionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Editions of the competitions the caller may see: published editions of the
    programmes they may see, and the unpublished ones of the programmes they manage."""

    lookup_field = "slug"
    queryset = Edition.objects.none()  # for the schema; get_queryset decides
    serializer_class = AwardEditionSerializer

    def get_queryset(self):
        return selectors.editions_visible(user=self.request.user).order_by("-year", "title", "pk")

    @extend_schema(responses=AwardEditionDetailSerializer)
    def retrieve(self, request, slug=None):
        edition = (
            self.get_queryset().filter(slug=slug).prefetch_related("criteria", "categories").first()
        )
        if edition is None:
            raise NotFound(_("This edition does not exist or is not visible to you."))
        result = selectors.edition_result(user=request.user, edition=edition)
        context = {"request": request, "result": result}
        return Response(AwardEditionDetailSerializer(edition, context=context).data)


EDITION_PARAMETER = OpenApiParameter(
    "edition",
    str,
    description=gettext_lazy("Only the nominations of this edition (its slug)."),
)


class AwardNominationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Nominations the caller may see: consented nominations of the editions they see
    (not withdrawn), and those of their own organisations, that they nominated or whose
    competition they organise. Nothing of a nomination is public before consent."""

    lookup_field = "uuid"
    queryset = Nomination.objects.none()  # for the schema; get_queryset decides
    serializer_class = AwardNominationSerializer

    def get_queryset(self):
        rows = selectors.nominations_visible(user=self.request.user).select_related("edition")
        edition = self.request.query_params.get("edition")
        if edition:
            rows = rows.filter(edition__slug=edition)
        return rows.order_by("-edition__year", "edition__title", "owner__name", "pk")

    @extend_schema(parameters=[EDITION_PARAMETER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=AwardNominationDetailSerializer)
    def retrieve(self, request, uuid=None):
        nomination = (
            selectors.nominations_visible(user=request.user)
            .select_related("edition", "edition__competition")
            .filter(uuid=uuid)
            .first()
        )
        if nomination is None:
            raise NotFound(_("This nomination does not exist or is not visible to you."))
        reads = selectors.nomination_reads(user=request.user, nomination=nomination)
        context = {"request": request, "reads": reads}
        return Response(AwardNominationDetailSerializer(nomination, context=context).data)
