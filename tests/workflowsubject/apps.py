from django.apps import AppConfig


class WorkflowSubjectConfig(AppConfig):
    name = "tests.workflowsubject"
    label = "workflowsubject"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from proeftuin.core.service import register_workflow_kind
        from tests.workflowsubject.models import Experiment

        register_workflow_kind("experiment", Experiment)
