from django.contrib import admin

from proeftuin.funding.models import (
    Application,
    BudgetCategory,
    ConflictDeclaration,
    Criterion,
    FormQuestion,
    Fund,
    FundMember,
    Round,
    RoundRule,
)


class FundMemberInline(admin.TabularInline):
    model = FundMember
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    inlines = [FundMemberInline]
    prepopulated_fields = {"slug": ["name"]}


class CategoryInline(admin.TabularInline):
    model = BudgetCategory
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class QuestionInline(admin.StackedInline):
    model = FormQuestion
    extra = 0


class RuleInline(admin.TabularInline):
    model = RoundRule
    extra = 0


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["title", "fund", "opens_at", "closes_at", "published"]
    list_filter = ["published", "fund"]
    inlines = [CategoryInline, CriterionInline, QuestionInline, RuleInline]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["title", "round", "owner", "stage", "outcome"]
    list_filter = ["round", "outcome"]
    search_fields = ["title"]
    raw_id_fields = ["owner", "created_by", "initiative", "decided_by"]
    readonly_fields = ["stage", "workflow", "stage_version", "submitted_at", "decided_at"]


@admin.register(ConflictDeclaration)
class ConflictDeclarationAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "reason"]
    raw_id_fields = ["user", "organisation"]
