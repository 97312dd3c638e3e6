"""Input checks of the patent services (shared by forms, API and the demo loader)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import gettext as _

from proeftuin.core.service import ValidationFailed
from proeftuin.patents.choices import MAX_REWARD


def refuse(field: str, message: str):
    raise ValidationFailed(message, field_errors={field: [message]})


def reward(value) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        refuse("reward_per_adopter", _("Enter the reward as an amount in euros."))
    if not amount.is_finite() or amount <= 0:
        refuse("reward_per_adopter", _("The reward per adopting organisation must be above zero."))
    if amount > MAX_REWARD:
        refuse("reward_per_adopter", _("The reward per adopting organisation is too high."))
    return amount


def past_date(value, field: str) -> datetime.date:
    """A date that is not in the future (today when empty)."""
    today = timezone.localdate()
    if value in (None, ""):
        return today
    if not isinstance(value, datetime.date):
        refuse(field, _("Enter a valid date."))
    if value > today:
        refuse(field, _("This date is in the future."))
    return value
