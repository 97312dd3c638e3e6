from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from proeftuin.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "email", "is_platform_admin", "is_active"]
    list_filter = ["is_platform_admin", "is_active"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Proeftuin"), {"fields": ("is_platform_admin", "oidc_subject")}),
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]
    search_fields = ["user__username", "organisation__name"]
