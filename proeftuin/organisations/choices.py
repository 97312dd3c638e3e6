"""Enumerations of the organisation registry (codes in English, labels in Dutch via gettext)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GovernmentLayer(models.TextChoices):
    NATIONAL = "national", _("national")
    PROVINCIAL = "provincial", _("provincial")
    REGIONAL = "regional", _("regional")
    LOCAL = "local", _("local")


class OrganisationType(models.TextChoices):
    MINISTRY = "ministry", _("ministry")
    EXECUTIVE_AGENCY = "executive_agency", _("executive agency")
    ZBO = "zbo", _("independent administrative body")
    PROVINCE = "province", _("province")
    MUNICIPALITY = "municipality", _("municipality")
    WATER_BOARD = "water_board", _("water board")
    SAFETY_REGION = "safety_region", _("safety region")
    JOINT_ARRANGEMENT = "joint_arrangement", _("joint arrangement / partnership")
    OTHER = "other", _("other")


class Province(models.TextChoices):
    """The twelve provinces by their CBS code (as in the boundary data)."""

    GRONINGEN = "PV20", "Groningen"
    FRYSLAN = "PV21", "Fryslân"
    DRENTHE = "PV22", "Drenthe"
    OVERIJSSEL = "PV23", "Overijssel"
    FLEVOLAND = "PV24", "Flevoland"
    GELDERLAND = "PV25", "Gelderland"
    UTRECHT = "PV26", "Utrecht"
    NOORD_HOLLAND = "PV27", "Noord-Holland"
    ZUID_HOLLAND = "PV28", "Zuid-Holland"
    ZEELAND = "PV29", "Zeeland"
    NOORD_BRABANT = "PV30", "Noord-Brabant"
    LIMBURG = "PV31", "Limburg"


class SizeBand(models.TextChoices):
    """Staff size bands; ``upper`` bounds are exclusive."""

    XS = "xs", _("fewer than 100 staff")
    S = "s", _("100 to 499 staff")
    M = "m", _("500 to 999 staff")
    L = "l", _("1,000 to 4,999 staff")
    XL = "xl", _("5,000 to 9,999 staff")
    XXL = "xxl", _("10,000 staff or more")


SIZE_BAND_LOWER_BOUNDS = [
    (10_000, SizeBand.XXL),
    (5_000, SizeBand.XL),
    (1_000, SizeBand.L),
    (500, SizeBand.M),
    (100, SizeBand.S),
    (0, SizeBand.XS),
]
SIZE_BAND_ORDER = [band.value for band in SizeBand]


def size_band_for(staff: int | None) -> str:
    """The size band of a staff count; "" when the count is unknown."""
    if staff is None:
        return ""
    return next(band for lower, band in SIZE_BAND_LOWER_BOUNDS if staff >= lower).value


def format_staff(exact: int | None, low: int | None, high: int | None) -> str:
    """Staff as shown to people: an exact number, a range or one bound, with grouping."""
    from django.utils.formats import number_format

    def fmt(n: int) -> str:
        return number_format(n, force_grouping=True)

    if exact is not None:
        return fmt(exact)
    if low is not None and high is not None:
        return f"{fmt(low)}–{fmt(high)}"
    if low is not None:
        return f"≥ {fmt(low)}"
    return f"≤ {fmt(high)}" if high is not None else ""
