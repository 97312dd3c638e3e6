from django.contrib import admin

from proeftuin.site.models import Page
from proeftuin.site.services import page_save, page_snapshot


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    """The footer pages; the four kinds are made by a migration and are not deleted here."""

    list_display = ["title_nl", "title_en", "kind", "updated_at"]
    readonly_fields = ["updated_at"]
    fields = ["kind", "title_nl", "body_nl", "title_en", "body_en", "updated_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        """Saves through the service: the same rule (administrators only) and an audit entry."""
        before = page_snapshot(Page.objects.get(pk=obj.pk)) if change else None
        page_save(actor=request.user, page=obj, before=before)
