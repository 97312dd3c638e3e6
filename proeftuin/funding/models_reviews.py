"""Reviews: a manager assigns a reviewer to an application (never one with a conflict of
interest); the reviewer scores every criterion 0-5 with a comment and gives an overall
recommendation, or recuses with a reason."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import BaseModel
from proeftuin.funding.choices import SCORE_MAX, SCORE_MIN, AssignmentStatus, Recommendation
from proeftuin.funding.querysets import ReviewQuerySet

USER = settings.AUTH_USER_MODEL


class ReviewAssignment(BaseModel):
    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="review_assignments")
    assigned_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    recusal_reason = models.TextField(_("reason for recusal"), blank=True)

    class Meta:
        ordering = ["application", "created_at"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="review_assigned_once"
            ),
            models.CheckConstraint(
                condition=~Q(status=AssignmentStatus.RECUSED) | ~Q(recusal_reason=""),
                name="review_recusal_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "status"], name="funding_assignment_queue")]

    def __str__(self) -> str:
        return f"{self.application} – {self.reviewer}"


class Review(BaseModel):
    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=5, choices=Recommendation.choices, blank=True
    )
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["assignment__application", "created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return str(self.assignment)


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("funding.Criterion", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["review", "criterion__order"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="review_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="review_score_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
