"""The applying part of the funding API (/api/v1/funding/applications): the applications
the caller may read (list, detail: ``Application.objects.visible_to``; one they may not
read is a 404), start one, change the draft (PATCH with the version read: a newer save is
a 409), submit and withdraw. Writes go through the services, which check permissions,
the round's dates and rules (Dutch problem+json messages) and record the audit."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.response import Response

from proeftuin.api.concurrency import PreconditionFailed, expected_version
from proeftuin.api.schema import problem_responses
from proeftuin.core.service import ConflictError
from proeftuin.funding import permissions, selectors_apply
from proeftuin.funding.api.serializers_apply import (
    ApplicationCreateSerializer,
    ApplicationDetailSerializer,
    ApplicationSerializer,
    ApplicationSubmitSerializer,
    ApplicationWithdrawSerializer,
    ApplicationWriteSerializer,
)
from proeftuin.funding.models import Application
from proeftuin.funding.selectors import applications_visible
from proeftuin.funding.services_applications import application_save, application_start
from proeftuin.funding.services_applications_submit import (
    application_check_prior,
    application_submit,
    application_withdraw,
)
from proeftuin.organisations.service import Organisation


def require_signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


def visible_application(request, uuid) -> Application:
    require_signed_in(request)
    found = selectors_apply.application_for(request.user, uuid)
    if found is None:
        raise NotFound(_("This application does not exist or is not visible to you."))
    return found


def render(request, application) -> dict:
    application = visible_application(request, application.uuid)
    user = request.user
    checks = (
        permissions.is_applicant(user, application) or permissions.can_screen(user, application)[0]
    )
    return ApplicationDetailSerializer(application, context={"rules": checks, "user": user}).data


def with_etag(response: Response) -> Response:
    version = response.data.get("version") if isinstance(response.data, dict) else None
    if version is not None:
        response["ETag"] = f'"{version}"'
    return response


class ApplicationList(generics.ListCreateAPIView):
    """Applications the caller may read (their own, and the submitted ones of funds they
    manage, screen or review); start one in an open round (POST)."""

    serializer_class = ApplicationSerializer
    queryset = Application.objects.none()

    def get_queryset(self):
        require_signed_in(self.request)
        return applications_visible(user=self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        request=ApplicationCreateSerializer,
        responses={201: ApplicationDetailSerializer, **problem_responses(409)},
    )
    def post(self, request):
        require_signed_in(request)
        payload = ApplicationCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        round_ = selectors_apply.round_for_applicants(request.user, data["round"])
        if round_ is None:
            raise ValidationError(
                {"round": [_("This round does not exist or is not visible to you.")]}
            )
        owner = Organisation.objects.filter(slug=data["lead_organisation"]).first()
        if owner is None:
            raise ValidationError({"lead_organisation": [_("No organisation has this slug.")]})
        initiative = None
        if data.get("initiative"):
            from proeftuin.portfolio.service import initiative_visible

            initiative = initiative_visible(request.user).filter(uuid=data["initiative"]).first()
            if initiative is None:
                raise ValidationError(
                    {"initiative": [_("This initiative does not exist or is not visible to you.")]}
                )
        application = application_start(
            actor=request.user,
            round=round_,
            owner=owner,
            title=data["title"],
            initiative=initiative,
        )
        return with_etag(Response(render(request, application), status=201))


class ApplicationDetail(generics.GenericAPIView):
    """One application as far as the caller may read it; change its draft (PATCH)."""

    serializer_class = ApplicationDetailSerializer
    queryset = Application.objects.none()

    def get(self, request, uuid=None):
        return with_etag(Response(render(request, visible_application(request, uuid))))

    @extend_schema(
        request=ApplicationWriteSerializer,
        responses={200: ApplicationDetailSerializer, **problem_responses(409, 412, 428)},
    )
    def patch(self, request, uuid=None):
        application = visible_application(request, uuid)
        payload = ApplicationWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version, by_header = expected_version(request, data)
        if "answers" in data:
            data["answers"] = {row["question"]: row["value"] for row in data["answers"]}
        try:
            application = application_save(
                actor=request.user, application=application, expected_version=version, **data
            )
        except ConflictError as exc:
            raise (PreconditionFailed(str(exc.message)) if by_header else exc) from exc
        return with_etag(Response(render(request, application)))


class _Step(generics.GenericAPIView):
    queryset = Application.objects.none()

    def _version(self, request, data) -> tuple[int, bool]:
        return expected_version(request, data)


class ApplicationSubmit(_Step):
    """Submit the application (or resubmit it with ``answer`` to the question asked). Every
    problem at once: the round's dates, missing texts and required answers, and each failed
    rule (``invalidParams`` named ``rules``)."""

    serializer_class = ApplicationSubmitSerializer

    @extend_schema(
        request=ApplicationSubmitSerializer,
        responses={200: ApplicationDetailSerializer, **problem_responses(409, 412, 428)},
    )
    def post(self, request, uuid=None):
        application = visible_application(request, uuid)
        payload = ApplicationSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version, by_header = self._version(request, data)
        try:
            application = application_submit(
                actor=request.user,
                application=application,
                answer=data.get("answer", ""),
                expected_version=version,
            )
        except ConflictError as exc:
            raise (PreconditionFailed(str(exc.message)) if by_header else exc) from exc
        return with_etag(Response(render(request, application)))


class ApplicationWithdraw(_Step):
    """Withdraw the application, with the reason (its applicants)."""

    serializer_class = ApplicationWithdrawSerializer

    @extend_schema(
        request=ApplicationWithdrawSerializer,
        responses={200: ApplicationDetailSerializer, **problem_responses(409, 412, 428)},
    )
    def post(self, request, uuid=None):
        application = visible_application(request, uuid)
        payload = ApplicationWithdrawSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version, by_header = self._version(request, data)
        try:
            application = application_withdraw(
                actor=request.user,
                application=application,
                reason=data["reason"],
                expected_version=version,
            )
        except ConflictError as exc:
            raise (PreconditionFailed(str(exc.message)) if by_header else exc) from exc
        return with_etag(Response(render(request, application)))


class ApplicationPriorCheck(_Step):
    """Run "is dit al eerder gedaan?" on the title, problem and idea now and keep what it
    finds on the application (its applicants, while they may change it)."""

    serializer_class = ApplicationDetailSerializer

    @extend_schema(request=None, responses={200: ApplicationDetailSerializer})
    def post(self, request, uuid=None):
        application = visible_application(request, uuid)
        application = application_check_prior(actor=request.user, application=application)
        return with_etag(Response(render(request, application)))


APPLICATION = "funding/applications/<uuid:uuid>"

# to be spread into proeftuin/api/urls.py's urlpatterns (namespace "api")
urlpatterns = [
    path("funding/applications", ApplicationList.as_view(), name="funding-application-list"),
    path(APPLICATION, ApplicationDetail.as_view(), name="funding-application-detail"),
    path(f"{APPLICATION}/submit", ApplicationSubmit.as_view(), name="funding-application-submit"),
    path(
        f"{APPLICATION}/prior-check",
        ApplicationPriorCheck.as_view(),
        name="funding-application-prior-check",
    ),
    path(
        f"{APPLICATION}/withdraw",
        ApplicationWithdraw.as_view(),
        name="funding-application-withdraw",
    ),
]
