from django.contrib import admin

from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MeetingInline(ReadOnlyInline):
    model = IntroductionMeeting
    fields = ["date", "notes"]
    readonly_fields = fields


class ClaimInline(ReadOnlyInline):
    model = PatentClaim
    fields = ["adopter", "status", "amount", "paid_on"]
    readonly_fields = fields


@admin.register(InnovationPatent)
class InnovationPatentAdmin(admin.ModelAdmin):
    """Read-only: patents are awarded and their claims decided through the services (so
    every change is audited and checked)."""

    list_display = ["title", "programme", "innovator", "reward_per_adopter", "status"]
    list_filter = ["status", "programme"]
    search_fields = ["title"]
    inlines = [MeetingInline, ClaimInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
