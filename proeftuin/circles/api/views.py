"""Groups API views. Every read starts from ``Circle.objects.visible_to(user)`` (a group
someone may not read is a 404, also for its members, meetings and questions); writes go
through the services, which check permissions and record the audit trail."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, viewsets
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.response import Response

from proeftuin.api.schema import problem_responses
from proeftuin.circles import permissions, selectors, services_meetings
from proeftuin.circles.api.serializers import (
    CircleDetailSerializer,
    CircleSerializer,
    MeetingSerializer,
    MeetingWriteSerializer,
    MemberSerializer,
    QuestionSerializer,
    QuestionWriteSerializer,
)
from proeftuin.circles.models import Circle, CircleMember, Meeting, Question


class CircleViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Reference groups and learning circles the caller may read."""

    lookup_field = "uuid"
    queryset = Circle.objects.none()  # for the schema; get_queryset decides what is visible
    serializer_class = CircleSerializer

    def get_queryset(self):
        return selectors.circle_list(self.request.user)

    @extend_schema(responses=CircleDetailSerializer)
    def retrieve(self, request, uuid=None):
        circle = visible_circle(request, uuid)
        context = self.get_serializer_context()
        context["innovation_visible"] = permissions.innovation_visible(request.user, circle)
        circle.member_count = circle.members.count()
        return Response(CircleDetailSerializer(circle, context=context).data)


def visible_circle(request, uuid) -> Circle:
    try:
        return selectors.circle_detail(user=request.user, uuid=uuid)
    except (Circle.DoesNotExist, ValueError) as exc:
        raise NotFound(_("This group does not exist or is not visible to you.")) from exc


class CirclePart(generics.GenericAPIView):
    """A list of one kind of part of a readable group."""

    def circle(self) -> Circle:
        if not hasattr(self, "_circle"):
            self._circle = visible_circle(self.request, self.kwargs["circle"])
        return self._circle


class MemberList(CirclePart, generics.ListAPIView):
    """The members of a group with their implementation status."""

    serializer_class = MemberSerializer
    queryset = CircleMember.objects.none()

    def get_queryset(self):
        return selectors.members_of(self.circle())


class MeetingList(CirclePart, generics.ListAPIView):
    """The meetings of a group, newest first; hosts plan a new one (POST)."""

    serializer_class = MeetingSerializer
    queryset = Meeting.objects.none()

    def get_queryset(self):
        return self.circle().meetings.select_related("circle").prefetch_related("documents")

    @extend_schema(
        request=MeetingWriteSerializer, responses={201: MeetingSerializer, **problem_responses(409)}
    )
    def post(self, request, circle=None):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        payload = MeetingWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        meeting = services_meetings.meeting_create(
            actor=request.user, circle=self.circle(), **payload.validated_data
        )
        return Response(MeetingSerializer(meeting, context={"request": request}).data, status=201)


class MeetingDetail(CirclePart, generics.RetrieveAPIView):
    """One meeting of a group with its notes and documents."""

    serializer_class = MeetingSerializer
    queryset = Meeting.objects.none()
    lookup_field = "uuid"

    def get_object(self):
        meeting = self.circle().meetings.filter(uuid=self.kwargs["uuid"]).first()
        if meeting is None:
            raise NotFound(_("This meeting does not exist."))
        return meeting


class QuestionList(CirclePart, generics.ListAPIView):
    """Questions between the members of a group, newest first; members ask (POST)."""

    serializer_class = QuestionSerializer
    queryset = Question.objects.none()

    def get_queryset(self):
        return self.circle().questions.select_related("author")

    @extend_schema(
        request=QuestionWriteSerializer,
        responses={201: QuestionSerializer, **problem_responses(409)},
    )
    def post(self, request, circle=None):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        payload = QuestionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        question = services_meetings.question_ask(
            actor=request.user, circle=self.circle(), **payload.validated_data
        )
        return Response(QuestionSerializer(question, context={"request": request}).data, status=201)
