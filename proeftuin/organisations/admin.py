from django.contrib import admin

from proeftuin.core.service import AuditEntry, audit_record, content_changed
from proeftuin.organisations.models import Domain, Organisation, Programme
from proeftuin.organisations.services import organisation_snapshot, programme_snapshot


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "government_layer", "organisation_type", "province"]
    list_filter = ["government_layer", "organisation_type", "province", "size_band"]
    search_fields = ["name", "abbreviation"]
    filter_horizontal = ["domains"]
    readonly_fields = ["size_band", "version"]

    def save_model(self, request, obj, form, change):
        """Saves through the same rules as the site: size band, version and audit entry."""
        before = organisation_snapshot(Organisation.objects.get(pk=obj.pk)) if change else {}
        obj.refresh_size_band()
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
        request._proeftuin_audit_before = before

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_proeftuin_audit_before", {})
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            obj=form.instance,
            before=before,
            after=organisation_snapshot(form.instance),
        )
        content_changed("organisations")


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "visibility"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members", "managers"]

    def save_model(self, request, obj, form, change):
        before = programme_snapshot(Programme.objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        request._proeftuin_audit_before = before

    def save_related(self, request, form, formsets, change):
        """Audited like a save through ``programme_save``, members included."""
        super().save_related(request, form, formsets, change)
        audit_record(
            actor=request.user,
            action=AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE,
            obj=form.instance,
            before=getattr(request, "_proeftuin_audit_before", {}),
            after=programme_snapshot(form.instance),
        )
