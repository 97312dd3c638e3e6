"""A group around an innovation (an initiative or a case): a reference group of potential
adopters following an experiment from the start, or a learning circle of adopters
fine-tuning it together. Its members, requests, invitations, meetings (with notes and
documents) and questions (answered with comments)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.circles.choices import (
    CircleKind,
    ImplementationStatus,
    InvitationState,
    MemberRole,
    Openness,
    RequestState,
)
from proeftuin.circles.querysets import CircleQuerySet, InvitationQuerySet
from proeftuin.core.service import BaseModel
from proeftuin.diffusion.service import InnovationReference, one_innovation

USER = settings.AUTH_USER_MODEL


def _person():
    return models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )


def _organisation():
    return models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )


class Circle(InnovationReference, BaseModel):
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind of group"), max_length=16, choices=CircleKind.choices)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("host organisation"),
    )
    openness = models.CharField(
        _("who may read it"), max_length=10, choices=Openness.choices, default=Openness.MEMBERS
    )
    accepts_requests = models.BooleanField(_("accepts membership requests"), default=True)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CircleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [one_innovation("circle_one_innovation")]

    def __str__(self) -> str:
        return self.title


class CircleMember(BaseModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    user = _person()
    organisation = _organisation()
    role = models.CharField(
        _("role"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    status = models.CharField(
        _("implementation status"),
        max_length=14,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.ORIENTING,
    )
    status_note = models.TextField(_("note on the status"), blank=True)

    class Meta:
        ordering = ["role", "organisation__name", "user__username"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="circle_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class JoinRequest(BaseModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="requests")
    user = _person()
    organisation = _organisation()
    message = models.TextField(_("message"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=RequestState.choices, default=RequestState.PENDING
    )
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("membership request")
        verbose_name_plural = _("membership requests")
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "user"],
                condition=Q(state="pending"),
                name="circle_one_pending_request",
            )
        ]


class Invitation(BaseModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="invitations")
    user = _person()
    invited_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=InvitationState.choices, default=InvitationState.PENDING
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["circle", "user"],
                condition=Q(state="pending"),
                name="circle_one_pending_invitation",
            )
        ]


class Meeting(BaseModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="meetings")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes (minutes)"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class MeetingDocument(BaseModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to="circles/%Y/%m/")
    uploaded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["filename"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self) -> str:
        return self.filename


class Question(BaseModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="questions")
    title = models.CharField(_("question"), max_length=250)
    text = models.TextField(_("explanation"), blank=True)
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title
