"""``{% oidc_login_button %}``: the single sign-on button, only when it is configured."""

from django import template
from django.conf import settings

from proeftuin.accounts.oidc import is_configured

register = template.Library()


@register.inclusion_tag("accounts/_oidc_button.html", takes_context=True)
def oidc_login_button(context):
    return {
        "configured": is_configured(),
        "provider_name": settings.OIDC_PROVIDER_NAME,
        "next": context.get("next", ""),
    }
