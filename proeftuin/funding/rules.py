"""The rules of a round as data: a small set of kinds (``RuleKind``), each with its
parameters, checked on submit with one Dutch message per failed rule and shown to
screeners.

- ``co_financing`` (``bands``: ``[{"up_to": 200000, "percent": 25},
  {"up_to": null, "percent": 40}]``): the applicants pay at least ``percent`` of the total
  cost themselves, in the band of the amount requested;
- ``max_amount`` (``amount``): at most that many euros requested;
- ``max_duration`` (``months``): the experiment lasts at most that long;
- ``min_government_bodies`` (``count``): the lead and its partners hold at least that many
  government bodies;
- ``required_attachment`` (``question``): a file for that file question of the form;
- ``public_summary`` (``min_chars``, ``max_chars``): a public summary of that length.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from proeftuin.core.service import format_number
from proeftuin.funding.choices import RuleKind

NON_GOVERNMENT = ("", "other")


def format_amount(value) -> str:
    """An amount in euros as people read it: "EUR 200.000"."""
    return f"EUR {format_number(value)}"


def _number(value, *, whole=False) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not number.is_finite() or number < 0 or (whole and number != number.to_integral()):
        return None
    return number


def _bands_errors(params) -> list[str]:
    bands = params.get("bands")
    if not isinstance(bands, list) or not bands:
        return [_("Give at least one band: an upper amount (empty for the last) and a percentage.")]
    errors, previous = [], Decimal(-1)
    for index, band in enumerate(bands):
        band = band if isinstance(band, dict) else {}
        percent = _number(band.get("percent"))
        if percent is None or percent > 100:
            errors.append(_("Band %(n)d: give a percentage from 0 to 100.") % {"n": index + 1})
        last = index == len(bands) - 1
        limit = band.get("up_to")
        if limit in (None, "") and not last:
            errors.append(_("Only the last band may be without an upper amount."))
        elif limit not in (None, ""):
            amount = _number(limit)
            if amount is None or amount <= previous:
                errors.append(_("Band %(n)d: the upper amounts must go up.") % {"n": index + 1})
            else:
                previous = amount
    return errors


def _positive(params, key, message, *, whole=True) -> list[str]:
    value = _number(params.get(key), whole=whole)
    return [] if value is not None and value > 0 else [message]


def param_errors(kind: str, params) -> list[str]:
    """Dutch messages for parameters that do not fit ``kind``; empty when they do."""
    params = params if isinstance(params, dict) else {}
    if kind == RuleKind.CO_FINANCING:
        return _bands_errors(params)
    if kind == RuleKind.MAX_AMOUNT:
        return _positive(params, "amount", _("Give the maximum amount in euros."), whole=False)
    if kind == RuleKind.MAX_DURATION:
        return _positive(params, "months", _("Give the maximum duration in whole months."))
    if kind == RuleKind.MIN_GOVERNMENT_BODIES:
        return _positive(params, "count", _("Give the minimum number of government bodies."))
    if kind == RuleKind.REQUIRED_ATTACHMENT:
        return (
            []
            if str(params.get("question") or "").strip()
            else [_("Name the file question whose attachment is required.")]
        )
    if kind == RuleKind.PUBLIC_SUMMARY:
        low, high = (
            _number(params.get("min_chars", 1), whole=True),
            _number(params.get("max_chars", 3000), whole=True),
        )
        if low is None or high is None or low > high:
            return [_("Give a minimum and maximum length, the minimum not above the maximum.")]
        return []
    return [_("Unknown kind of rule.")]


def _band_percent(bands, amount: Decimal) -> Decimal:
    for band in bands:
        limit = band.get("up_to")
        if limit in (None, "") or amount <= Decimal(str(limit)):
            return Decimal(str(band["percent"]))
    return Decimal(str(bands[-1]["percent"]))


def _co_financing(application, params) -> str | None:
    requested, total = application.amount_requested, application.total_cost
    if requested is None or not total:
        return _("Give the amount requested and the total cost, to check the co-financing.")
    if requested > total:
        return _("The amount requested is more than the total cost.")
    needed = _band_percent(params["bands"], requested)
    own = (total - requested) / total * 100
    if own + Decimal("0.005") < needed:
        return _(
            "At a request of %(amount)s the applicants must pay at least %(needed)s%% of the "
            "cost themselves; this application pays %(own)s%%."
        ) % {
            "amount": format_amount(requested),
            "needed": format_number(needed),
            "own": format_number(own.quantize(Decimal("0.1"))),
        }
    return None


def _max_amount(application, params) -> str | None:
    limit = Decimal(str(params["amount"]))
    if application.amount_requested is None:
        return _("Give the amount requested.")
    if application.amount_requested > limit:
        return _("At most %(limit)s can be requested; this application requests %(amount)s.") % {
            "limit": format_amount(limit),
            "amount": format_amount(application.amount_requested),
        }
    return None


def _max_duration(application, params) -> str | None:
    months = int(params["months"])
    if not application.duration_months:
        return _("Give the duration in months.")
    if application.duration_months > months:
        return _("An experiment may last at most %(max)d months; this one lasts %(months)d.") % {
            "max": months,
            "months": application.duration_months,
        }
    return None


def government_bodies(application) -> list:
    organisations = [application.owner] + [p.organisation for p in application.partners.all()]
    return [
        o for o in organisations if o.government_layer or o.organisation_type not in NON_GOVERNMENT
    ]


def _min_government_bodies(application, params) -> str | None:
    needed = int(params["count"])
    found = len({o.pk for o in government_bodies(application)})
    if found < needed:
        return _(
            "At least %(needed)d government bodies must take part, one of them the lead; "
            "this application has %(found)d."
        ) % {"needed": needed, "found": found}
    return None


def _required_attachment(application, params) -> str | None:
    key = params["question"]
    if application.attachments.filter(question_key=key).exists():
        return None
    question = application.round.questions.filter(key=key).first()
    return _("Add the required attachment: %(label)s.") % {
        "label": question.label if question else key
    }


def _public_summary(application, params) -> str | None:
    low, high = int(params.get("min_chars", 1)), int(params.get("max_chars", 3000))
    length = len((application.public_summary or "").strip())
    if length < low:
        return _("Write a public summary of at least %(min)d characters (now %(n)d).") % {
            "min": low,
            "n": length,
        }
    if length > high:
        return _("The public summary may be at most %(max)d characters (now %(n)d).") % {
            "max": high,
            "n": length,
        }
    return None


CHECKS = {
    RuleKind.CO_FINANCING: _co_financing,
    RuleKind.MAX_AMOUNT: _max_amount,
    RuleKind.MAX_DURATION: _max_duration,
    RuleKind.MIN_GOVERNMENT_BODIES: _min_government_bodies,
    RuleKind.REQUIRED_ATTACHMENT: _required_attachment,
    RuleKind.PUBLIC_SUMMARY: _public_summary,
}


def describe(rule) -> str:
    """What ``rule`` asks, in a sentence (for round pages and screeners)."""
    params = rule.params or {}
    try:
        if rule.kind == RuleKind.CO_FINANCING:
            bands = [
                _("%(percent)s%% up to %(limit)s")
                % {"percent": format_number(b["percent"]), "limit": format_amount(b["up_to"])}
                if b.get("up_to") not in (None, "")
                else _("%(percent)s%% above that") % {"percent": format_number(b["percent"])}
                for b in params["bands"]
            ]
            return _("Co-financing by the applicants: %(bands)s.") % {"bands": "; ".join(bands)}
        if rule.kind == RuleKind.MAX_AMOUNT:
            return _("At most %(amount)s per application.") % {
                "amount": format_amount(params["amount"])
            }
        if rule.kind == RuleKind.MAX_DURATION:
            return _("At most %(months)s months.") % {"months": params["months"]}
        if rule.kind == RuleKind.MIN_GOVERNMENT_BODIES:
            return _("At least %(count)s government bodies, one of them the lead.") % {
                "count": params["count"]
            }
        if rule.kind == RuleKind.REQUIRED_ATTACHMENT:
            return _("Required attachment: %(question)s.") % {"question": params["question"]}
        if rule.kind == RuleKind.PUBLIC_SUMMARY:
            return _("A public summary of %(min)s to %(max)s characters.") % {
                "min": params.get("min_chars", 1),
                "max": params.get("max_chars", 3000),
            }
    except (KeyError, TypeError):
        pass
    return str(rule.get_kind_display())


def rule_results(application) -> list[tuple[object, str | None]]:
    """Each rule of the application's round with its Dutch message, ``None`` when met."""
    return [
        (rule, CHECKS[rule.kind](application, rule.params))
        for rule in application.round.rules.all()
    ]


def failed_rules(application) -> list[str]:
    return [message for _rule, message in rule_results(application) if message]
