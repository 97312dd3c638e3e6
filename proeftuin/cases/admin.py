"""Admin for administrators: theme sets are edited here; cases are edited in the site's
editor (which keeps facets, history and permissions), so the admin shows them read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from proeftuin.cases.models import Case, Theme, ThemeSet
from proeftuin.core.service import AuditEntry, audit_record, content_changed


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 1
    fields = ["order", "key", "name", "description"]
    prepopulated_fields = {"key": ["name"]}


@admin.register(ThemeSet)
class ThemeSetAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "is_default"]
    inlines = [ThemeInline]
    prepopulated_fields = {"key": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.is_default:
            ThemeSet.objects.exclude(pk=obj.pk).update(is_default=False)
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            obj=obj,
            after={f: str(form.cleaned_data.get(f)) for f in form.changed_data},
        )
        content_changed("cases")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        content_changed("cases")


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "year_start", "stage", "status", "visibility", "edit_link"]
    list_filter = ["status", "visibility", "stage", "theme_set"]
    search_fields = ["title", "summary"]

    @admin.display(description=_("edit"))
    def edit_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("cases:edit", args=[obj.slug]), _("open the editor")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
