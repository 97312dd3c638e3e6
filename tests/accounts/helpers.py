"""Shared steps of the account tests: sign in through the real form, compute real codes."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "correct horse battery"


def sign_in(client: Client, user, password: str = PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": user.username, "password": password}, **extra
    )


def app_code(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for ``device`` (optionally a later one: a code
    is accepted once, so a second sign-in within the same 30 seconds needs the next one)."""
    device.refresh_from_db()
    code = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + steps_ahead,
    )
    return f"{code:0{device.digits}d}"
