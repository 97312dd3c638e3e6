"""Case API views: parse, call a service, render."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.response import Response

from proeftuin.api.concurrency import PreconditionFailed, expected_version
from proeftuin.api.schema import problem_responses
from proeftuin.cases import permissions, selectors, services
from proeftuin.cases.api.serializers import (
    CaseDetailSerializer,
    CaseListSerializer,
    CaseWriteSerializer,
)
from proeftuin.cases.filters import CaseFilterSet
from proeftuin.cases.models import Case, ThemeSet
from proeftuin.core.service import ConflictError

CHANGE_RESPONSES = {200: CaseDetailSerializer, **problem_responses(409, 412, 428)}


def _default_theme_set() -> ThemeSet:
    return ThemeSet.objects.filter(is_default=True).first() or ThemeSet.objects.first()


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Cases of the library. Lists and details show only what the caller may see."""

    filterset_class = CaseFilterSet
    lookup_field = "uuid"
    queryset = Case.objects.none()  # for the schema; get_queryset decides what is visible

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.case_visible(self.request.user)
        return selectors.case_list_queryset(self.request.user)

    def get_serializer_class(self):
        return CaseListSerializer if self.action == "list" else CaseDetailSerializer

    def retrieve(self, request, uuid=None):
        case = self._get_detail(uuid)
        return Response(CaseDetailSerializer(case, context=self.get_serializer_context()).data)

    @extend_schema(
        request=CaseWriteSerializer,
        responses={201: CaseDetailSerializer, **problem_responses(409)},
    )
    def create(self, request):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        data = self._payload(request, partial=False)
        data.pop("version", None)
        theme_set = data.pop("theme_set", None) or _default_theme_set()
        case = services.case_create(actor=request.user, theme_set=theme_set, **data)
        return Response(self._render(case), status=201)

    @extend_schema(request=CaseWriteSerializer, responses=CHANGE_RESPONSES)
    def update(self, request, uuid=None):
        return self._change(request, uuid, partial=False)

    @extend_schema(request=CaseWriteSerializer, responses=CHANGE_RESPONSES)
    def partial_update(self, request, uuid=None):
        return self._change(request, uuid, partial=True)

    def _change(self, request, uuid, *, partial: bool):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        case = self._get_detail(uuid)
        allowed, reason = permissions.can_edit_case(request.user, case)
        if not allowed:  # the service checks too; this refuses before asking for a version
            raise PermissionDenied(reason)
        data = self._payload(request, partial=partial, case=case)
        version, by_header = expected_version(request, data)
        try:
            case = services.case_update(
                case=case, actor=request.user, expected_version=version, **data
            )
        except ConflictError as exc:
            raise (PreconditionFailed(str(exc.message)) if by_header else exc) from exc
        return Response(self._render(case))

    def _payload(self, request, *, partial: bool, case=None) -> dict:
        context = {"request": request, "case": case}
        payload = CaseWriteSerializer(data=request.data, partial=partial, context=context)
        payload.is_valid(raise_exception=True)
        return dict(payload.validated_data)

    def _get_detail(self, uuid):
        try:
            return selectors.case_detail(user=self.request.user, uuid=uuid)
        except (Case.DoesNotExist, ValueError) as exc:
            raise NotFound(_("This case does not exist or is not visible to you.")) from exc

    def _render(self, case):
        case = selectors.case_detail(user=self.request.user, uuid=case.uuid)
        return CaseDetailSerializer(case, context=self.get_serializer_context()).data

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        version = response.data.get("version") if isinstance(response.data, dict) else None
        if version is not None and self.action != "list":
            response["ETag"] = f'"{version}"'
        return response
