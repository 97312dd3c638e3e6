from django.contrib import admin

from proeftuin.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "event", "created_at", "read_at", "email", "emailed_at"]
    list_filter = ["event", "email"]
    search_fields = ["title", "recipient__username"]
    raw_id_fields = ["recipient", "actor"]
    readonly_fields = ["subject_type", "subject_id"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "in_platform", "email"]
    list_filter = ["event", "email"]
    raw_id_fields = ["user"]
