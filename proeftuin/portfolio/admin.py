from django.contrib import admin

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
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ("title", "owner", "kind", "status", "visibility", "reflection_due")
    list_filter = ("kind", "status", "visibility")
    search_fields = ("title", "problem")
    raw_id_fields = ("owner", "created_by")
    filter_horizontal = ("partners", "themes", "domains")
    readonly_fields = ("reflection_due", "version")
    inlines = [TeamInline, LearningQuestionInline, BudgetInline, HoursInline]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ("measure", "initiative", "unit", "direction")
    raw_id_fields = ("initiative",)
    inlines = [MeasurementInline]


@admin.register(Reflection)
class ReflectionAdmin(admin.ModelAdmin):
    list_display = ("initiative", "date", "author")
    raw_id_fields = ("initiative", "author")
