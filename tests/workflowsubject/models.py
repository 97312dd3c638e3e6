from django.conf import settings
from django.db import models

from proeftuin.core.service import BaseModel, WorkflowSubject


class Experiment(BaseModel, WorkflowSubject):
    """A minimal subject: an owner organisation, a lead ("owner" role), a gatekeeper, and a
    field ("lessons") a pipeline can require."""

    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("titel", max_length=100)
    lessons = models.TextField("lessen", blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gatekeeper = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.title

    def workflow_roles(self, user) -> set[str]:
        roles = set()
        if self.lead_id == user.pk:
            roles.add("owner")
        if self.gatekeeper_id == user.pk:
            roles.add("gatekeeper")
        return roles
