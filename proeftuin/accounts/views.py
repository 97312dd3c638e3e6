"""Account pages: security overview, two-factor set-up and verification, recovery codes,
and Django's password change and reset views with Dutch templates and an audit entry."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from proeftuin.accounts import twofactor
from proeftuin.accounts.forms import CodeForm, SetupCodeForm
from proeftuin.accounts.models import User
from proeftuin.accounts.permissions import can_remove_second_factor
from proeftuin.accounts.selectors import second_factor_required
from proeftuin.core.service import AuditEntry, NotAllowed, audit_event


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _verified(request) -> bool:
    return request.user.is_verified()


@login_required
def security(request):
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "has_second_factor": twofactor.has_second_factor(user),
            "required": second_factor_required(user),
            "codes_left": twofactor.recovery_codes_left(user),
            "may_remove": can_remove_second_factor(user, user)[0],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    user = request.user
    if twofactor.has_second_factor(user):
        return redirect("accounts:security")
    device = twofactor.totp_device_pending(user=user)
    form = SetupCodeForm(request.POST or None)
    if form.is_valid():
        if twofactor.totp_device_confirm(user=user, device=device, code=form.cleaned_data["code"]):
            device.refresh_from_db()
            otp_login(request, device)
            request.session["accounts_second_factor"] = True
            codes = twofactor.recovery_codes_issue(user=user)
            return _show_codes(request, codes, first=True)
        form.add_error(
            "code", _("This code is not right. Check the time on your phone and try the new code.")
        )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr_svg": twofactor.totp_qr_svg(device),
            "secret": twofactor.totp_secret(device),
            "next": _next_url(request, ""),
            "required": second_factor_required(user),
        },
    )


def _show_codes(request, codes: list[str], *, first: bool):
    response = render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "first": first, "next": _next_url(request, reverse("accounts:security"))},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request):
    user = request.user
    default = reverse("home")
    if _verified(request):
        return redirect(_next_url(request, default))
    if not twofactor.has_second_factor(user):
        return redirect("accounts:second_factor_setup")
    form = CodeForm(request.POST or None)
    if form.is_valid() and (wait := twofactor.second_factor_wait(user, form.cleaned_data["code"])):
        form.add_error(
            "code",
            _("Too many wrong codes. Wait %(seconds)s seconds and try again.") % {"seconds": wait},
        )
    elif form.is_valid():
        device = twofactor.second_factor_verify(
            user=user, code=form.cleaned_data["code"], ip_address=get_client_ip_address(request)
        )
        if device is not None:
            otp_login(request, device)
            if device.name == twofactor.RECOVERY_DEVICE_NAME:
                messages.warning(
                    request,
                    _("You used a recovery code. %(left)s are left.")
                    % {"left": twofactor.recovery_codes_left(user)},
                )
            return redirect(_next_url(request, default))
        form.add_error("code", _("This code is not right or was used before. Try again."))
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": _next_url(request, "")},
    )


@login_required
@require_POST
def recovery_codes_new(request):
    if not _verified(request):
        return redirect("accounts:second_factor_verify")
    return _show_codes(request, twofactor.recovery_codes_issue(user=request.user), first=False)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_remove(request):
    user = request.user
    allowed, reason = can_remove_second_factor(user, user)
    if not allowed or not _verified(request):
        return render(
            request,
            "core/forbidden.html",
            {"reason": reason or _("Enter a code from your app first.")},
            status=403,
        )
    if request.method == "POST":
        try:
            twofactor.second_factor_remove(actor=user, user=user)
        except NotAllowed as error:
            return render(request, "core/forbidden.html", {"reason": error.message}, status=403)
        request.session["accounts_second_factor"] = False
        messages.success(request, _("Two-factor authentication is off."))
        return redirect("accounts:security")
    return render(request, "accounts/second_factor_remove.html")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_event(
            actor=self.request.user,
            action=AuditEntry.Action.PASSWORD_CHANGED,
            obj=self.request.user,
            ip_address=get_client_ip_address(self.request),
        )
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        audit_event(
            actor=None,
            action=AuditEntry.Action.PASSWORD_RESET_REQUESTED,
            obj=User.objects.filter(email__iexact=email).first(),
            object_repr=email,
            ip_address=get_client_ip_address(self.request),
        )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_event(
            actor=form.user,
            action=AuditEntry.Action.PASSWORD_RESET,
            obj=form.user,
            ip_address=get_client_ip_address(self.request),
        )
        return response


def locked_out(request, original_response=None, credentials=None):
    """The Dutch page django-axes shows when it refuses a sign-in (HTTP 429)."""
    from django.conf import settings

    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)),
    }
    return render(request, "accounts/locked.html", context, status=429)
