"""The authentication backend for single sign-on: it never checks a password.

``authenticate(request, oidc_claims=...)`` with claims that :mod:`proeftuin.accounts.oidc` has
verified returns the matched or created account, or None for an account that may not sign in
(deactivated); Django then sends ``user_login_failed``. The view signs the account in with
Django's ``login()``, so ``user_logged_in`` fires as for a password sign-in.
"""

from django.contrib.auth.backends import ModelBackend

from proeftuin.accounts.oidc_services import oidc_user_for_claims


class OIDCBackend(ModelBackend):
    def authenticate(self, request, oidc_claims=None, **kwargs):
        if oidc_claims is None:
            return None
        user = oidc_user_for_claims(claims=oidc_claims)
        return user if self.user_can_authenticate(user) else None
