"""Sign-ins, failed sign-ins, lockouts and sign-outs into the audit trail, through Django's
auth signals (and django-axes' lockout signal), so every way of signing in is covered: the
sign-in page, the admin and single sign-on. The password tried is never recorded."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from proeftuin.core.service import AuditEntry, audit_event

SECOND_FACTOR_SESSION_KEY = "accounts_second_factor"


def _ip(request) -> str | None:
    return get_client_ip_address(request) if request is not None else None


def _user_named(username: str | None):
    if not username:
        return None
    return get_user_model()._default_manager.filter(username=username).first()


def on_login(sender, request, user, **kwargs):
    from proeftuin.accounts.twofactor import has_second_factor

    if request is not None and hasattr(request, "session"):
        # Read once per sign-in: whether this user must enter a code from their app.
        request.session[SECOND_FACTOR_SESSION_KEY] = has_second_factor(user)
    backend = getattr(user, "backend", "") or ""
    audit_event(
        actor=user,
        action=AuditEntry.Action.LOGIN,
        obj=user,
        details={"method": backend.rsplit(".", 1)[-1]},
        ip_address=_ip(request),
    )


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username") or ""
    audit_event(
        actor=None,
        action=AuditEntry.Action.LOGIN_FAILED,
        obj=_user_named(username),
        object_repr=username,
        details={"username": username[:150]},
        ip_address=_ip(request),
    )


def on_logout(sender, request, user, **kwargs):
    if user is None:
        return
    audit_event(actor=user, action=AuditEntry.Action.LOGOUT, obj=user, ip_address=_ip(request))


def on_locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit_event(
        actor=None,
        action=AuditEntry.Action.LOCKOUT,
        obj=_user_named(username),
        object_repr=username or ip_address or "",
        details={"username": (username or "")[:150]},
        ip_address=ip_address or _ip(request),
    )


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="proeftuin.accounts.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="proeftuin.accounts.login_failed")
    user_logged_out.connect(on_logout, dispatch_uid="proeftuin.accounts.logout")
    user_locked_out.connect(on_locked_out, dispatch_uid="proeftuin.accounts.locked_out")
