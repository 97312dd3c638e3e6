"""Innovation patents API views. Every read starts from ``InnovationPatent.objects.
visible_to(user)`` (a patent someone may not read is a 404, also for its meetings and
claims); writes go through the services, which check permissions and record the audit."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, viewsets
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.response import Response

from proeftuin.api.schema import problem_responses
from proeftuin.cases.service import case_visible
from proeftuin.organisations.service import Organisation, Programme, programme_visible
from proeftuin.patents import selectors, services, services_claims
from proeftuin.patents.api.serializers import (
    ClaimDecisionSerializer,
    ClaimSerializer,
    ClaimWriteSerializer,
    IntroductionMeetingSerializer,
    IntroductionMeetingWriteSerializer,
    PatentCreateSerializer,
    PatentDetailSerializer,
    PatentSerializer,
)
from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim
from proeftuin.portfolio.service import initiative_visible


def not_visible() -> str:
    return _("This record does not exist or is not visible to you.")


def require_signed_in(request) -> None:
    if not request.user.is_authenticated:
        raise NotAuthenticated()


def visible_patent(request, uuid) -> InnovationPatent:
    try:
        return selectors.patent_detail(user=request.user, uuid=uuid)
    except (InnovationPatent.DoesNotExist, ValueError) as exc:
        raise NotFound(
            _("This innovation patent does not exist or is not visible to you.")
        ) from exc


def _one(rows, field: str):
    found = rows.first()
    if found is None:
        raise ValidationError({field: [not_visible()]})
    return found


class PatentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Innovation patents the caller may read, with their meetings, counted adoptions and
    the amounts owed, approved and paid; programme managers award one (POST)."""

    lookup_field = "uuid"
    queryset = InnovationPatent.objects.none()  # for the schema; get_queryset decides
    serializer_class = PatentSerializer

    def get_queryset(self):
        return selectors.patent_list(self.request.user)

    @extend_schema(responses=PatentDetailSerializer)
    def retrieve(self, request, uuid=None):
        return Response(self._render(visible_patent(request, uuid)))

    @extend_schema(
        request=PatentCreateSerializer,
        responses={201: PatentDetailSerializer, **problem_responses(409)},
    )
    def create(self, request):
        require_signed_in(request)
        payload = PatentCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        try:
            programme = programme_visible(user=request.user, slug=data.pop("programme"))
        except Programme.DoesNotExist as exc:
            raise ValidationError({"programme": [not_visible()]}) from exc
        initiative, case = data.pop("initiative", None), data.pop("case", None)
        if initiative:
            innovation = _one(
                initiative_visible(request.user).filter(uuid=initiative), "initiative"
            )
        else:
            innovation = _one(case_visible(request.user).filter(uuid=case), "case")
        patent = services.patent_award(
            actor=request.user, programme=programme, innovation=innovation, **data
        )
        return Response(self._render(patent), status=201)

    def _render(self, patent) -> dict:
        row = selectors.patent_list(self.request.user).get(pk=patent.pk)
        context = self.get_serializer_context()
        rows = initiative_visible if row.initiative_id else case_visible
        context["innovation_visible"] = (
            rows(self.request.user).filter(pk=row.innovation.pk).exists()
        )
        return PatentDetailSerializer(row, context=context).data


class PatentPart(generics.GenericAPIView):
    def patent(self) -> InnovationPatent:
        if not hasattr(self, "_patent"):
            self._patent = visible_patent(self.request, self.kwargs["patent"])
        return self._patent


class MeetingList(PatentPart, generics.ListAPIView):
    """The introduction meetings of a patent, newest first; the innovator's editors
    record one (POST)."""

    serializer_class = IntroductionMeetingSerializer
    queryset = IntroductionMeeting.objects.none()

    def get_queryset(self):
        return selectors.meetings_of(self.patent())

    @extend_schema(
        request=IntroductionMeetingWriteSerializer, responses={201: IntroductionMeetingSerializer}
    )
    def post(self, request, patent=None):
        require_signed_in(request)
        payload = IntroductionMeetingWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        wanted = set(data.pop("adopters"))
        adopters = list(Organisation.objects.filter(uuid__in=wanted))
        if len(adopters) != len(wanted):
            raise ValidationError({"adopters": [_("This organisation does not exist.")]})
        meeting = services.meeting_record(
            actor=request.user, patent=self.patent(), adopters=adopters, **data
        )
        return Response(IntroductionMeetingSerializer(meeting).data, status=201)


class ClaimList(PatentPart, generics.ListAPIView):
    """The claims of a patent's reward (one per adopting organisation); the innovator's
    editors request one (POST; a second claim for the same adopter is a 409)."""

    serializer_class = ClaimSerializer
    queryset = PatentClaim.objects.none()

    def get_queryset(self):
        return selectors.claims_of(self.patent())

    @extend_schema(
        request=ClaimWriteSerializer, responses={201: ClaimSerializer, **problem_responses(409)}
    )
    def post(self, request, patent=None):
        require_signed_in(request)
        payload = ClaimWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        adopter = Organisation.objects.filter(uuid=payload.validated_data["adopter"]).first()
        if adopter is None:
            raise ValidationError({"adopter": [_("This organisation does not exist.")]})
        claim = services_claims.claim_request(
            actor=request.user, patent=self.patent(), adopter=adopter
        )
        return Response(ClaimSerializer(claim).data, status=201)


class ClaimDecisionView(PatentPart):
    """Approve, record as paid or reject a claim (the programme's managers)."""

    serializer_class = ClaimDecisionSerializer
    queryset = PatentClaim.objects.none()

    @extend_schema(
        request=ClaimDecisionSerializer, responses={200: ClaimSerializer, **problem_responses(409)}
    )
    def post(self, request, patent=None, uuid=None):
        require_signed_in(request)
        claim = self.patent().claims.filter(uuid=uuid).first()
        if claim is None:
            raise NotFound(_("This claim does not exist."))
        payload = ClaimDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        claim = services_claims.claim_decide(
            actor=request.user, claim=claim, **payload.validated_data
        )
        return Response(ClaimSerializer(claim).data)
