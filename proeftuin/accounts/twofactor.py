"""Two-factor authentication: an authenticator app (TOTP) and single-use recovery codes,
stored as django-otp devices. Writes are audited; codes are never written to the trail."""

from __future__ import annotations

import re

import django_otp
import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from proeftuin.accounts.permissions import can_remove_second_factor
from proeftuin.core.service import AuditEntry, NotAllowed, audit_event

APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_device_pending(*, user) -> TOTPDevice:
    """The not yet confirmed app device the user is setting up (a new secret if none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def totp_qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an inline SVG QR code, rendered on the server."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=2, title="QR-code", dark="#000", light="#fff"
    )


def totp_secret(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


@transaction.atomic
def totp_device_confirm(*, user, device: TOTPDevice, code: str) -> bool:
    """Confirm the app device with a code it computed; only then does it count."""
    if device.user_id != user.pk or device.confirmed:
        return False
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(normalise_code(code)):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    audit_event(actor=user, action=AuditEntry.Action.SECOND_FACTOR_ADDED, obj=user)
    return True


@transaction.atomic
def recovery_codes_issue(*, user) -> list[str]:
    """New recovery codes for ``user``; the old ones stop working. Shown once, each usable
    once."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    audit_event(
        actor=user,
        action=AuditEntry.Action.RECOVERY_CODES,
        obj=user,
        details={"count": len(codes)},
    )
    return codes


def _devices_for(user, code: str):
    """The app device for a code of digits, the recovery codes otherwise, so a mistyped code
    only slows down the kind of code it was meant as."""
    model = TOTPDevice if code.isdigit() else StaticDevice
    return model.objects.filter(user=user, confirmed=True)


def second_factor_wait(user, code: str) -> int:
    """Seconds the user must wait before this kind of code is tried again (django-otp slows
    down guessing after every wrong code); 0 when a try is allowed now."""
    from django.utils import timezone

    waits = [0]
    for device in _devices_for(user, normalise_code(code)):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append(int((data["locked_until"] - timezone.now()).total_seconds()) + 1)
    return max(waits)


def second_factor_verify(*, user, code: str, ip_address: str | None = None):
    """The device that accepts ``code`` (an app code or a recovery code), or None. django-otp
    throttles each device after failures and accepts every code only once."""
    code = normalise_code(code)
    for device in _devices_for(user, code) if code else []:
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            method = "recovery_code" if isinstance(device, StaticDevice) else "app"
            audit_event(
                actor=user,
                action=AuditEntry.Action.SECOND_FACTOR_VERIFIED,
                obj=user,
                details={"method": method},
                ip_address=ip_address,
            )
            return verified
    return None


@transaction.atomic
def second_factor_remove(*, actor, user) -> None:
    """Remove the app and the recovery codes of ``user`` (not allowed where required)."""
    allowed, reason = can_remove_second_factor(actor, user)
    if not allowed:
        raise NotAllowed(reason)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_event(actor=actor, action=AuditEntry.Action.SECOND_FACTOR_REMOVED, obj=user)
