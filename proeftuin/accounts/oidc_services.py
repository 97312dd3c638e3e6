"""Writes for single sign-on: find, link or create the account for a provider's identity.

The provider's subject (``sub``) identifies a person for good; the e-mail address only the
first time, to find an existing account. Organisation roles stay in Proeftuin: an account that
single sign-on creates has none.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from proeftuin.accounts.models import User
from proeftuin.accounts.oidc import AccountRefused
from proeftuin.accounts.services import user_create
from proeftuin.core.service import AuditEntry, audit_record


@transaction.atomic
def oidc_user_for_claims(*, claims: Mapping) -> User:
    """The account for verified ``claims``: the one linked to ``sub``; else the one with the
    (verified) e-mail address, linked to ``sub`` now; else a new account without roles.

    Raises :class:`AccountRefused` when none of these applies. An inactive account is returned
    unlinked: the authentication backend refuses it.
    """
    subject = str(claims["sub"])
    user = User.objects.select_for_update().filter(oidc_subject=subject).first()
    if user is not None:
        return user
    email = _trusted_email(claims)
    matches = list(User.objects.select_for_update().filter(email__iexact=email)[:2])
    if len(matches) > 1:
        raise AccountRefused(
            _("More than one account has this e-mail address. Ask an administrator to fix this.")
        )
    if matches:
        return _link_subject(matches[0], subject)
    if not settings.OIDC_CREATE_USERS:
        raise AccountRefused(
            _("There is no account with this e-mail address. Ask an administrator for one.")
        )
    return _create_user(email, subject, claims)


def _trusted_email(claims: Mapping) -> str:
    email = str(claims.get("email") or "").strip()
    verified = claims.get("email_verified") in (True, "true")
    if not email or (settings.OIDC_REQUIRE_VERIFIED_EMAIL and not verified):
        raise AccountRefused(
            _(
                "The sign-in service did not give a confirmed e-mail address, so no account "
                "can be found for you. Confirm your e-mail address there, or ask an "
                "administrator."
            )
        )
    return email


def _link_subject(user: User, subject: str) -> User:
    if not user.is_active:
        return user
    if user.oidc_subject:
        raise AccountRefused(
            _(
                "The account with this e-mail address is already linked to another single "
                "sign-on identity. Ask an administrator."
            )
        )
    user.oidc_subject = subject
    user.save(update_fields=["oidc_subject"])
    audit_record(
        actor=user,
        action=AuditEntry.Action.UPDATE,
        obj=user,
        before={"oidc_subject": None},
        after={"oidc_subject": subject},
    )
    return user


def _create_user(email: str, subject: str, claims: Mapping) -> User:
    return user_create(
        username=_free_username(email),
        password=None,
        email=email,
        oidc_subject=subject,
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
    )


def _free_username(email: str) -> str:
    base = email[:140]
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
