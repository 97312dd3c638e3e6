"""The review part of the funding API (/api/v1/funding/...): a reviewer's assignments,
writing (and submitting) a review, recusal, conflict declarations; for the managers of a
round assigning a reviewer and the review summaries. Reads start from ``visible_to``
(an assignment whose application the caller may not read is a 404); writes go through
the services, which check permissions and record the audit."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.response import Response

from proeftuin.api.schema import problem_responses
from proeftuin.funding import conflicts, selectors_review, services_reviews, summary
from proeftuin.funding import services_reviews_scores as scores
from proeftuin.funding.api.serializers_review import (
    AssignmentSerializer,
    AssignWriteSerializer,
    ConflictSerializer,
    ConflictWriteSerializer,
    RecusalSerializer,
    ReviewSerializer,
    ReviewWriteSerializer,
    SummarySerializer,
)
from proeftuin.funding.models import ConflictDeclaration, Review, ReviewAssignment
from proeftuin.funding.selectors import rounds_visible
from proeftuin.organisations.service import Organisation


def require_signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


def _assignment(request, uuid) -> ReviewAssignment:
    require_signed_in(request)
    found = selectors_review.assignment_for(request.user, uuid)
    if found is None:
        raise NotFound(_("This review does not exist or is not visible to you."))
    return found


def _round(request, slug):
    require_signed_in(request)
    found = rounds_visible(user=request.user).select_related("fund__programme")
    found = found.filter(slug=slug).first()
    if found is None:
        raise NotFound(_("This round does not exist or is not visible to you."))
    return found


class AssignmentList(generics.ListAPIView):
    """The caller's review assignments (to do and submitted; not those recused or whose
    application they may no longer read)."""

    serializer_class = AssignmentSerializer
    queryset = ReviewAssignment.objects.none()

    def get_queryset(self):
        require_signed_in(self.request)
        return selectors_review.assignments_of(self.request.user).select_related("reviewer")


class ReviewView(generics.GenericAPIView):
    """The caller's review of one assignment (GET); save it as a draft or submit it
    (POST with ``submit``: every criterion scored 0-5 and a recommendation). ``version``
    is the version read: a newer save in between is a 409, and so is a second submit."""

    serializer_class = ReviewSerializer
    queryset = Review.objects.none()

    @extend_schema(responses=ReviewSerializer)
    def get(self, request, uuid=None):
        review = selectors_review.own_review(_assignment(request, uuid))
        if review is None:
            raise NotFound(_("No review has been saved yet."))
        return Response(ReviewSerializer(review).data)

    @extend_schema(
        request=ReviewWriteSerializer,
        responses={200: ReviewSerializer, **problem_responses(409)},
    )
    def post(self, request, uuid=None):
        assignment = _assignment(request, uuid)
        payload = ReviewWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        rows = data.pop("scores", [])
        scores.review_save(
            actor=request.user,
            assignment=assignment,
            scores={row["criterion"]: row.get("score") for row in rows},
            score_comments={row["criterion"]: row.get("comment", "") for row in rows},
            **data,
        )
        return Response(ReviewSerializer(selectors_review.own_review(assignment)).data)


class RecusalView(generics.GenericAPIView):
    """Recuse from an assignment, with the reason (the assigned reviewer)."""

    serializer_class = RecusalSerializer
    queryset = ReviewAssignment.objects.none()

    @extend_schema(
        request=RecusalSerializer, responses={200: AssignmentSerializer, **problem_responses(409)}
    )
    def post(self, request, uuid=None):
        assignment = _assignment(request, uuid)
        payload = RecusalSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        assignment = services_reviews.assignment_recuse(
            actor=request.user, assignment=assignment, reason=payload.validated_data["reason"]
        )
        return Response(AssignmentSerializer(assignment).data)


class ConflictList(generics.ListAPIView):
    """The caller's declared conflicts of interest; declare one (POST)."""

    serializer_class = ConflictSerializer
    queryset = ConflictDeclaration.objects.none()

    def get_queryset(self):
        require_signed_in(self.request)
        return conflicts.conflicts_of(self.request.user)

    @extend_schema(
        request=ConflictWriteSerializer,
        responses={201: ConflictSerializer, **problem_responses(409)},
    )
    def post(self, request):
        require_signed_in(request)
        payload = ConflictWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        organisation = Organisation.objects.filter(uuid=data["organisation"]).first()
        if organisation is None:
            raise ValidationError({"organisation": [_("This organisation does not exist.")]})
        declaration = conflicts.conflict_declare(
            actor=request.user, organisation=organisation, reason=data["relation"]
        )
        return Response(ConflictSerializer(declaration).data, status=201)


class ConflictDetail(generics.GenericAPIView):
    """Withdraw one of the caller's declarations."""

    serializer_class = ConflictSerializer
    queryset = ConflictDeclaration.objects.none()

    @extend_schema(responses={204: None})
    def delete(self, request, uuid=None):
        require_signed_in(request)
        declaration = conflicts.conflicts_of(request.user).filter(uuid=uuid).first()
        if declaration is None:
            raise NotFound(_("This declaration does not exist."))
        conflicts.conflict_remove(actor=request.user, declaration=declaration)
        return Response(status=204)


class RoundAssignmentList(generics.GenericAPIView):
    """Assign a reviewer of the fund to an application of the round (its managers);
    refused with the reason for a conflict of interest, a full reviewer or an application
    not in review."""

    serializer_class = AssignWriteSerializer
    queryset = ReviewAssignment.objects.none()

    @extend_schema(
        request=AssignWriteSerializer,
        responses={201: AssignmentSerializer, **problem_responses(409)},
    )
    def post(self, request, slug=None):
        round_ = _round(request, slug)
        payload = AssignWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        application = round_.applications.filter(uuid=data["application"]).first()
        if application is None:
            raise ValidationError({"application": [_("This application is not in the round.")]})
        member = services_reviews.reviewers_of(round_.fund).filter(user__uuid=data["reviewer"])
        member = member.first()
        if member is None:
            raise ValidationError({"reviewer": [_("This user is not a reviewer of this fund.")]})
        assignment = services_reviews.assignment_create(
            actor=request.user,
            application=application,
            reviewer=member.user,
            due_on=data.get("due_on"),
        )
        return Response(AssignmentSerializer(assignment).data, status=201)


class RoundSummaryList(generics.GenericAPIView):
    """The review summary of every application in review in the round, best weighted
    mean first (its managers)."""

    serializer_class = SummarySerializer
    queryset = ReviewAssignment.objects.none()

    @extend_schema(responses=SummarySerializer(many=True))
    def get(self, request, slug=None):
        round_ = _round(request, slug)
        ranking = summary.round_ranking(user=request.user, round_=round_)
        return Response(SummarySerializer(ranking, many=True).data)


ASSIGNMENT = "funding/review-assignments/<uuid:uuid>"
ROUND = "funding/rounds/<slug:slug>"

# to be spread into proeftuin/api/urls.py's urlpatterns (namespace "api")
urlpatterns = [
    path(
        "funding/review-assignments",
        AssignmentList.as_view(),
        name="funding-review-assignment-list",
    ),
    path(f"{ASSIGNMENT}/review", ReviewView.as_view(), name="funding-review"),
    path(f"{ASSIGNMENT}/recusal", RecusalView.as_view(), name="funding-review-recusal"),
    path("funding/conflicts", ConflictList.as_view(), name="funding-conflict-list"),
    path("funding/conflicts/<uuid:uuid>", ConflictDetail.as_view(), name="funding-conflict-detail"),
    path(f"{ROUND}/assignments", RoundAssignmentList.as_view(), name="funding-round-assignments"),
    path(f"{ROUND}/review-summaries", RoundSummaryList.as_view(), name="funding-round-summaries"),
]
