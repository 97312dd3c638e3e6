from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from proeftuin.core.admin_base import ReadOnlyAdmin
from proeftuin.core.models import AuditEntry, BackgroundJob
from proeftuin.core.workflows import admin as workflows_admin  # noqa: F401  (registers)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "object_uuid"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    """Background jobs for administrators: what runs, what waits, what failed and why."""

    list_display = [
        "created_at",
        "name",
        "args",
        "state",
        "attempt",
        "worker",
        "started_at",
        "duration",
        "short_error",
    ]
    list_filter = ["state", "name"]
    search_fields = ["key", "error", "worker"]
    readonly_fields = [f.name for f in BackgroundJob._meta.fields] + ["duration"]
    actions = ["retry_jobs"]

    @admin.display(description=_("attempts"))
    def attempt(self, obj):
        return f"{obj.attempts} / {obj.max_attempts}"

    @admin.display(description=_("error"))
    def short_error(self, obj):
        return obj.error[:120]

    @admin.action(description=_("Try the selected jobs again"))
    def retry_jobs(self, request, queryset):
        from proeftuin.core import jobs

        count = 0
        for job in queryset:
            if job.state == job.State.FAILED or jobs.stalled(job):
                jobs.retry(job)
                count += 1
        self.message_user(request, _("%d jobs queued again.") % count)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
