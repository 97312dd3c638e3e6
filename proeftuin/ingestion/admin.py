"""Admin for administrators: uploaded files, read-only, with the restore of a deleted one
(within the retention; the background worker removes it for good after that)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from proeftuin.core.service import DomainError
from proeftuin.ingestion.deletion import source_restore
from proeftuin.ingestion.models import SourceFile


class DeletedFilter(admin.SimpleListFilter):
    title = _("deleted")
    parameter_name = "verwijderd"

    def lookups(self, request, model_admin):
        return [("ja", _("deleted, waiting to be removed")), ("nee", _("not deleted"))]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "nee":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.register(SourceFile)
class SourceFileAdmin(admin.ModelAdmin):
    list_display = ["filename", "owner", "created_at", "deleted_at", "deleted_by"]
    list_filter = [DeletedFilter]
    search_fields = ["filename"]
    actions = ["restore"]
    fields = ["filename", "owner", "document", "size", "format", "created_at", "deleted_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # deleting goes through the site (soft, audited) and the purge

    @admin.action(description=_("Restore the selected deleted documents"))
    def restore(self, request, queryset):
        restored = 0
        for source in queryset.filter(deleted_at__isnull=False):
            try:
                source_restore(actor=request.user, source=source)
            except DomainError as exc:
                self.message_user(request, f"{source}: {exc.message}", messages.ERROR)
            else:
                restored += 1
        self.message_user(request, _("%d documents restored.") % restored, messages.SUCCESS)
