"""Signing test users in as the site does, second factor included.

``force_login`` skips the sign-in form; for a user who must use a second factor (platform
and organisation administrators) signing in also means entering a code, so these clients
give such a user a confirmed app device and mark the session as verified by it, exactly as
the verification page does. Enforcement itself stays on: pass ``second_factor=False`` (or use
a plain ``django.test.Client``) to test it."""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from proeftuin.accounts.selectors import second_factor_required


def confirmed_app_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def mark_second_factor_verified(client, user) -> TOTPDevice:
    """Mark the client's session as verified by the user's app device (created if needed)."""
    device = confirmed_app_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


class SecondFactorLoginMixin:
    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        user.__dict__.pop("_proeftuin_roles", None)
        if second_factor and second_factor_required(user):
            mark_second_factor_verified(self, user)


class VerifiedClient(SecondFactorLoginMixin, Client):
    pass


class VerifiedAPIClient(SecondFactorLoginMixin, APIClient):
    pass
