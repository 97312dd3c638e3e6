from django.contrib import admin

from proeftuin.awards.models import Category, Competition, Criterion, Edition, Nomination


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    search_fields = ["name"]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["title", "competition", "year", "published"]
    list_filter = ["published"]
    inlines = [CriterionInline, CategoryInline]


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["owner", "edition", "source", "consent", "stage"]
    list_filter = ["consent", "source"]
    raw_id_fields = ["owner", "nominated_by", "consent_by", "contacts"]
