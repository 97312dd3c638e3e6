from django.contrib import admin

from proeftuin.core.service import AuditEntry, audit_record, content_changed
from proeftuin.portfolio.models import (
    BudgetLine,
    HoursAllocation,
    Initiative,
    Kpi,
    LearningQuestion,
    Measurement,
    Reflection,
    TeamMember,
)
from proeftuin.portfolio.searchable import initiative_changed


class ChangesInitiatives:
    """An administrator's change in the admin is audited and, like every write through the
    services, moves the "initiatives" content domain on (dashboards, the initiative page's
    shared parts) and re-indexes the initiative."""

    def initiative_of(self, obj) -> int:
        return obj.initiative_id

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            obj=obj,
            after={f: str(form.cleaned_data.get(f)) for f in form.changed_data},
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        initiative_changed(self.initiative_of(form.instance))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed("initiatives")

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        content_changed("initiatives")


class TeamInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    raw_id_fields = ("user",)


class LearningQuestionInline(admin.TabularInline):
    model = LearningQuestion
    extra = 0


class BudgetInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class HoursInline(admin.TabularInline):
    model = HoursAllocation
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(ChangesInitiatives, admin.ModelAdmin):
    list_display = ("title", "owner", "kind", "status", "visibility", "reflection_due")
    list_filter = ("kind", "status", "visibility")
    search_fields = ("title", "problem")
    raw_id_fields = ("owner", "created_by")
    filter_horizontal = ("partners", "themes", "domains")
    readonly_fields = ("reflection_due", "version")
    inlines = [TeamInline, LearningQuestionInline, BudgetInline, HoursInline]

    def initiative_of(self, obj) -> int:
        return obj.pk


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Kpi)
class KpiAdmin(ChangesInitiatives, admin.ModelAdmin):
    list_display = ("measure", "initiative", "unit", "direction")
    raw_id_fields = ("initiative",)
    inlines = [MeasurementInline]


@admin.register(Reflection)
class ReflectionAdmin(ChangesInitiatives, admin.ModelAdmin):
    list_display = ("initiative", "date", "author")
    raw_id_fields = ("initiative", "author")
