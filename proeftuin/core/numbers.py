"""Numbers as people type and read them: "0,5" and "1.234,5" in Dutch, "1,234.5" in English.

``parse_decimal`` accepts what ``format_number`` shows in the active language (and a few
forgiving variants: spaces as group separators, a single "." or "," as the decimal mark
when it cannot be a group separator), so a value can always be typed back as it is shown.
The form fields use both, so no form refuses "0,5" while the page shows "0,40".
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext_lazy as _

SPACES = re.compile(r"[\s\u00a0\u202f']")
MINUS = ("-", "\u2212", "\u2013")


def _separators() -> tuple[str, str]:
    decimal = get_format("DECIMAL_SEPARATOR") or ","
    group = get_format("THOUSAND_SEPARATOR") or "."
    return decimal, group


def _digits(integer: str, group: str) -> str | None:
    """The integer part without group separators; None when the grouping is not regular."""
    if integer.isdigit():
        return integer
    if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(group)}\d{{3}})+", integer):
        return integer.replace(group, "")
    return None


def parse_decimal(text: str) -> Decimal:
    """``text`` as a Decimal in the active language's notation; ValueError when it is none."""
    value = SPACES.sub("", str(text or ""))
    if not any(c.isdigit() for c in value):
        raise ValueError(text)
    sign = ""
    if value[:1] in MINUS or value[:1] == "+":
        sign, value = ("-" if value[0] in MINUS else ""), value[1:]
    decimal, group = _separators()
    if decimal not in value and value.count(group) == 1 and _digits(value, group) is None:
        decimal, group = group, decimal  # "0.5" in Dutch: one mark that cannot group
    integer, _sep, fraction = value.partition(decimal)
    digits = _digits(integer or "0", group)
    if digits is None or (fraction and not fraction.isdigit()) or (_sep and not fraction):
        raise ValueError(text)
    try:
        number = Decimal(f"{sign}{digits}.{fraction or 0}")
    except InvalidOperation as exc:  # pragma: no cover - the pattern above rules it out
        raise ValueError(text) from exc
    return number.quantize(Decimal(1)) if number == number.to_integral() else number


def format_number(value, *, grouping: bool = True) -> str:
    """A number as people read it in the active language: "1.234,5", "0,4", "60"."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    whole = number == number.to_integral()
    number = number.quantize(Decimal(1)) if whole else number.normalize()
    return number_format(number, use_l10n=True, force_grouping=grouping)


class LocalDecimalField(forms.DecimalField):
    """A decimal typed as people write it ("0,5", "1.234,5"), shown the same way."""

    default_error_messages = {"invalid": _("Enter a number, for example 0.5 or 1,234.5.")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(str(value))
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def prepare_value(self, value):
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format_number(value)
        return value


class LocalIntegerField(forms.IntegerField):
    """A whole number with optional group separators ("1.234"), shown the same way."""

    default_error_messages = {"invalid": _("Enter a whole number, for example 1,234.")}

    def __init__(self, *args, grouping: bool = True, **kwargs):
        self.grouping = grouping
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_decimal(str(value))
        except ValueError as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if number != number.to_integral():
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return int(number)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_number(value, grouping=self.grouping)
        return value


def json_number(value: Decimal | int | None):
    """A Decimal as a JSON number: an int when whole, else a float."""
    if value is None:
        return None
    number = Decimal(value)
    return int(number) if number == number.to_integral() else float(number)
