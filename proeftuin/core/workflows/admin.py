"""Administrators edit pipelines without code: a workflow with its stages and transitions
(stage names and order, required fields, categories, who may make which move), and each stage
with its gate questions. Every save is audited with the whole pipeline before and after; a
stage that records still sit in cannot be removed."""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from proeftuin.core.admin_base import ReadOnlyAdmin
from proeftuin.core.audit import audit_record
from proeftuin.core.models import AuditEntry
from proeftuin.core.workflows.models import GateQuestion, Move, Stage, Transition, Workflow
from proeftuin.core.workflows.services import workflow_snapshot
from proeftuin.core.workflows.validation import initial_stage_errors, stage_removal_error


class NameListField(forms.CharField):
    """A JSON list of names, typed as "editor, owner"."""

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value)
        return [part.strip() for part in text.split(",") if part.strip()]


class StageForm(forms.ModelForm):
    required_fields = NameListField(
        label=_("required fields"),
        required=False,
        help_text=_("Field names, separated by commas, e.g. lessons"),
    )

    class Meta:
        model = Stage
        fields = [
            "workflow",
            "key",
            "name",
            "name_en",
            "order",
            "category",
            "required_fields",
            "evaluation_due_days",
            "is_initial",
        ]


class TransitionForm(forms.ModelForm):
    actors = NameListField(
        label=_("who may"),
        help_text=_(
            "Roles, separated by commas: viewer, contributor, editor, admin, owner, "
            "sponsor, gatekeeper, team"
        ),
    )

    class Meta:
        model = Transition
        fields = ["workflow", "from_stage", "to_stage", "actors", "is_gate", "label"]


class StageFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = []
        for form in self.forms:
            if not getattr(form, "cleaned_data", None):
                continue
            if not (self.can_delete and self._should_delete_form(form)):
                kept.append(form.instance)
        if messages := initial_stage_errors(kept):
            raise ValidationError(messages)


class StageInline(admin.TabularInline):
    model = Stage
    form = StageForm
    formset = StageFormSet
    extra = 0
    show_change_link = True  # the gate questions are on the stage's own page

    def get_formset(self, request, obj=None, **kwargs):
        """Removing a stage that records still sit in: our message, not Django's (which
        lists the records as if deleting them were the way)."""
        formset = super().get_formset(request, obj, **kwargs)

        def hand_clean_DELETE(form):
            if form.cleaned_data.get("DELETE") and (message := stage_removal_error(form.instance)):
                raise ValidationError(message, code="deleting_protected")

        formset.form = type(
            formset.form.__name__, (formset.form,), {"hand_clean_DELETE": hand_clean_DELETE}
        )
        return formset

    fields = [
        "order",
        "key",
        "name",
        "name_en",
        "category",
        "is_initial",
        "required_fields",
        "evaluation_due_days",
    ]


class TransitionInline(admin.TabularInline):
    model = Transition
    form = TransitionForm
    extra = 0
    fields = ["from_stage", "to_stage", "is_gate", "actors", "label"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Only the stages of the workflow on the page (new stages: save once first)."""
        if db_field.name in ("from_stage", "to_stage"):
            workflow_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Stage.objects.filter(workflow_id=workflow_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AuditedPipelineAdmin(admin.ModelAdmin):
    """Audits the whole pipeline of the workflow an edit belongs to, before and after."""

    def pipeline_of(self, obj) -> Workflow:
        return obj

    def save_model(self, request, obj, form, change):
        workflow = self.pipeline_of(obj) if change else None
        request._proeftuin_pipeline_before = (
            workflow_snapshot(Workflow.objects.get(pk=workflow.pk)) if workflow else {}
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        workflow = self.pipeline_of(form.instance)
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            obj=workflow,
            before=getattr(request, "_proeftuin_pipeline_before", {}),
            after=workflow_snapshot(workflow),
        )

    def delete_model(self, request, obj):
        workflow = self.pipeline_of(obj)
        before = workflow_snapshot(workflow)
        with transaction.atomic():
            super().delete_model(request, obj)
            if obj is workflow:
                audit_record(
                    actor=request.user, action=AuditEntry.Action.DELETE, obj=obj, before=before
                )
            else:
                audit_record(
                    actor=request.user,
                    action=AuditEntry.Action.UPDATE,
                    obj=workflow,
                    before=before,
                    after=workflow_snapshot(workflow),
                )

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Workflow)
class WorkflowAdmin(AuditedPipelineAdmin):
    list_display = ["name", "kind", "owner", "based_on"]
    list_filter = ["kind"]
    search_fields = ["name", "owner__name"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["based_on"]
    inlines = [StageInline, TransitionInline]


class GateQuestionInline(admin.TabularInline):
    model = GateQuestion
    extra = 1
    fields = ["order", "text", "text_en", "required"]


@admin.register(Stage)
class StageAdmin(AuditedPipelineAdmin):
    """A stage with the questions of the gate that ends it (reached from its workflow)."""

    form = StageForm
    list_display = ["name", "workflow", "order", "category", "is_initial"]
    list_filter = ["workflow"]
    readonly_fields = ["workflow"]
    inlines = [GateQuestionInline]

    def pipeline_of(self, obj) -> Workflow:
        return obj.workflow

    def has_add_permission(self, request):
        return False  # stages are added on their workflow's page

    def get_model_perms(self, request):
        return {}  # not in the admin index: reached through its workflow


@admin.register(Move)
class MoveAdmin(ReadOnlyAdmin):
    """The moves, read-only: who, when, from where to where, the decision and why."""

    list_display = ["at", "content_type", "object_id", "from_name", "to_name", "decision", "actor"]
    list_filter = ["decision", "content_type"]
    readonly_fields = [f.name for f in Move._meta.fields]
