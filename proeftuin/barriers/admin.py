from django.contrib import admin

from proeftuin.barriers.models import Authority, Barrier, BarrierLink, BarrierReport


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "organisation")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("contacts",)


@admin.register(Barrier)
class BarrierAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "state", "authority", "owner", "merged_into")
    list_filter = ("category", "state", "status", "visibility")
    search_fields = ("title", "description", "rule")
    readonly_fields = ("merged_into", "version")
    raw_id_fields = ("owner", "authority", "created_by")


@admin.register(BarrierLink)
class BarrierLinkAdmin(admin.ModelAdmin):
    list_display = ("barrier", "organisation", "initiative", "case", "status", "score")
    list_filter = ("status", "source")
    raw_id_fields = ("barrier", "initiative", "case", "organisation", "decided_by")


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ("rule", "status", "created_at")
    list_filter = ("status",)
    readonly_fields = ("sender",)
    raw_id_fields = ("barrier", "decided_by")
