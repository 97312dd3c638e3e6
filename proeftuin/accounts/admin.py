"""Admin for accounts and roles. Every save and delete goes through the services, so the
admin checks the same rights and writes the same audit entries as the rest of the site."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from proeftuin.accounts import services, twofactor
from proeftuin.accounts.models import Membership, PlatformRole, User
from proeftuin.core.service import AuditEntry, audit_event

# Devices are managed through the account pages and the user action below (audited), not
# edited by hand: the admin must never show a secret key or a recovery code.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


class PlatformRoleInline(admin.TabularInline):
    model = PlatformRole
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_by", "created_at"]
    readonly_fields = ["granted_by", "created_at"]


def _save_membership_rows(request, formset) -> None:
    rows = formset.save(commit=False)  # nothing is written: the services do that
    for membership in formset.deleted_objects:
        services.membership_revoke(actor=request.user, membership=membership)
    for membership in rows:
        if membership.pk:
            old = Membership.objects.get(pk=membership.pk)
            if old.organisation_id != membership.organisation_id:
                services.membership_revoke(actor=request.user, membership=old)
        services.membership_set(
            actor=request.user,
            user=membership.user,
            organisation=membership.organisation,
            role=membership.role,
        )


def _save_platform_role_rows(request, formset) -> None:
    rows = formset.save(commit=False)
    for grant in formset.deleted_objects:
        services.platform_role_revoke(actor=request.user, grant=grant)
    for grant in rows:
        if grant.pk:
            services.platform_role_revoke(
                actor=request.user, grant=PlatformRole.objects.get(pk=grant.pk)
            )
        services.platform_role_grant(actor=request.user, user=grant.user, role=grant.role)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    inlines = [MembershipInline, PlatformRoleInline]
    list_display = ["username", "email", "is_platform_admin", "is_active"]
    list_filter = ["is_platform_admin", "is_active"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Proeftuin"), {"fields": ("is_platform_admin", "oidc_subject")}),
    )
    actions = ["remove_second_factor"]

    def save_model(self, request, obj, form, change):
        services.user_save(actor=request.user, user=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is Membership:
            _save_membership_rows(request, formset)
        elif formset.model is PlatformRole:
            _save_platform_role_rows(request, formset)
        else:
            super().save_formset(request, form, formset, change)

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                audit_event(
                    actor=request.user,
                    action=AuditEntry.Action.PASSWORD_CHANGED,
                    obj=User.objects.get(pk=id),
                    details={"by": "admin"},
                )
        return response

    @admin.action(description=_("Remove two-factor authentication (lost phone)"))
    def remove_second_factor(self, request, queryset):
        for user in queryset:
            twofactor.second_factor_remove(actor=request.user, user=user)
        count = len(queryset)
        self.message_user(
            request,
            ngettext(
                "Two-factor authentication removed for %(count)d user; they set it up again "
                "when they next sign in.",
                "Two-factor authentication removed for %(count)d users; they set it up again "
                "when they next sign in.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]
    search_fields = ["user__username", "organisation__name"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "organisation"] if obj else []

    def save_model(self, request, obj, form, change):
        saved = services.membership_set(
            actor=request.user, user=obj.user, organisation=obj.organisation, role=obj.role
        )
        obj.pk, obj.uuid = saved.pk, saved.uuid

    def delete_model(self, request, obj):
        services.membership_revoke(actor=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user", "organisation"):
            services.membership_revoke(actor=request.user, membership=membership)


@admin.register(PlatformRole)
class PlatformRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "granted_by", "created_at"]
    list_filter = ["role"]
    autocomplete_fields = ["user"]
    search_fields = ["user__username", "user__email"]
    fields = ["user", "role", "granted_by", "created_at"]
    readonly_fields = ["granted_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False if obj is not None else super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        saved = services.platform_role_grant(actor=request.user, user=obj.user, role=obj.role)
        obj.pk, obj.uuid = saved.pk, saved.uuid

    def delete_model(self, request, obj):
        services.platform_role_revoke(actor=request.user, grant=obj)

    def delete_queryset(self, request, queryset):
        for grant in queryset.select_related("user"):
            services.platform_role_revoke(actor=request.user, grant=grant)
