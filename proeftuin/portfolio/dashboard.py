"""Portfolio dashboards: aggregates over the initiatives a viewer may see, for one
organisation, a programme or everything. Every figure is counted or summed in the database
(``values`` + ``annotate``), so the number of queries does not grow with the number of
initiatives. Stages are grouped by their key and category (``core`` workflows), so any
organisation's own pipeline works.

Each view is a :class:`Chart`: a title, a one-sentence summary, column headers and rows;
the page draws bars from it and shows the same rows as a table, and the exports write the
same rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import RowNumber, TruncQuarter
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from proeftuin.core.service import Move, Stage, StageCategory, viewer_cached, workflow_for
from proeftuin.organisations.service import Organisation
from proeftuin.portfolio.choices import InnovationKind, KpiDirection
from proeftuin.portfolio.models import BudgetLine, Initiative, Kpi, Measurement

OVERDUE_LISTED = 10
ZERO = Decimal("0")
# what a dashboard is built from: initiatives and their parts and moves, the organisations
# and programmes that scope it, the stages of the pipelines
DEPENDS_ON = ("initiatives", "organisations", "workflows")
# days in a stage age with the clock: a cached dashboard is at most this old
CACHE_SECONDS = 10 * 60


@dataclass
class Chart:
    key: str
    title: str
    summary: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)  # first cell: the label
    bar: int = 1  # the column the bars are drawn from

    @property
    def bars(self) -> list[tuple[str, object, int]]:
        """(label, value, percent of the largest value) per row, for the bar chart."""
        values = [row[self.bar] or 0 for row in self.rows]
        top = max(values, default=0) or 1
        pairs = zip(self.rows, values, strict=True)
        return [(row[0], row[self.bar], round(100 * (v / top))) for row, v in pairs]


def initiatives_in_scope(user, organisation_ids=None) -> QuerySet[Initiative]:
    """Current initiatives ``user`` may see; only those led by ``organisation_ids`` (ids
    or a values QuerySet) when given."""
    rows = Initiative.objects.visible_to(user).current()
    if organisation_ids is not None:
        rows = rows.filter(owner_id__in=organisation_ids)
    return rows


def dashboard_for(user, scope: str, organisation_ids=None) -> dict:
    """:func:`dashboard` over what ``user`` may see in ``scope`` (``"all"``,
    ``"organisation:<pk>"`` or ``"programme:<pk>"``, led by ``organisation_ids``), computed
    once for every viewer who sees the same initiatives and kept until a write to what it is
    built from (``DEPENDS_ON``) or for ``CACHE_SECONDS``; ``charts_html`` is the charts and
    tables rendered."""
    today = timezone.localdate()

    def compute() -> dict:
        result = dashboard(initiatives_in_scope(user, organisation_ids), today=today)
        for name in ("overdue_gates", "overdue_reflections"):
            result[name] = list(result[name])
        result["charts_html"] = render_to_string("portfolio/_dashboard_charts.html", result)
        return result

    figures = viewer_cached(
        "portfolio.dashboard.2",  # the shape of what is kept: bump when it changes
        (scope, today.isoformat()),
        compute,
        user=user,
        rule=Initiative.objects.all(),
        depends_on=DEPENDS_ON,
        timeout=CACHE_SECONDS,
    )
    return {**figures, "charts_html": mark_safe(figures["charts_html"])}


def owners_in_view(user) -> list[tuple[str, str]]:
    """``(slug, name)`` of the organisations that lead an initiative ``user`` may see, by
    name: the dashboard's choices."""

    def compute() -> list:
        owners = initiatives_in_scope(user).order_by().values("owner_id")
        rows = Organisation.objects.filter(pk__in=owners).order_by("name", "pk")
        return list(rows.values_list("slug", "name"))

    return viewer_cached(
        "portfolio.dashboard.owners.2",  # the shape of what is kept: bump when it changes
        (),
        compute,
        user=user,
        rule=Initiative.objects.all(),
        depends_on=DEPENDS_ON,
    )


def dashboard(initiatives: QuerySet[Initiative], *, today: datetime.date | None = None) -> dict:
    """Every chart of the dashboard over ``initiatives``, and the overdue lists."""
    today = today or timezone.localdate()
    stages = _stage_groups(initiatives)
    counts = _counts(initiatives, "stage__key")
    total = sum(counts.values())
    charts = [
        funnel(stages, counts, total),
        throughput(initiatives, stages),
        time_in_stage(initiatives, stages, counts),
        overdue(initiatives, today),
        budget_against_results(initiatives),
        balance_by_kind(initiatives, total),
        balance_by_category(initiatives, total),
        balance_by_domain(initiatives, total),
    ]
    return {
        "total": total,
        "charts": charts,
        "overdue_gates": _overdue_gates(initiatives, today)[:OVERDUE_LISTED],
        "overdue_reflections": _overdue_reflections(initiatives, today)[:OVERDUE_LISTED],
    }


# --- stages -------------------------------------------------------------------------------


def _stage_groups(initiatives) -> list[dict]:
    """The stages of the pipelines in play (the default's when none is), one per key, in
    pipeline order: ``{"key", "name", "category", "order"}``."""
    workflows = set(initiatives.order_by().values_list("workflow_id", flat=True).distinct())
    workflows = workflows or {workflow_for("initiative", None).pk}
    rows = (
        Stage.objects.filter(workflow_id__in=workflows)
        .values("key", "category")
        .annotate(order=Min("order"), name=Min("name"))
        .order_by("order", "key")
    )
    seen: dict[str, dict] = {}
    for row in rows:
        seen.setdefault(row["key"], row)
    return list(seen.values())


def _counts(initiatives, by: str) -> dict:
    rows = initiatives.order_by().values(by).annotate(n=Count("pk", distinct=True))
    return {row[by]: row["n"] for row in rows}


def funnel(stages, counts: dict, total: int) -> Chart:
    rows = [[s["name"], counts.get(s["key"], 0)] for s in stages]
    busiest = max(rows, key=lambda r: r[1], default=None)
    if total and busiest:
        summary = _("%(total)s initiatives; most are in stage %(stage)s (%(n)s).") % {
            "total": total,
            "stage": busiest[0],
            "n": busiest[1],
        }
    else:
        summary = _("There are no initiatives here yet.")
    return Chart("funnel", _("Funnel by stage"), summary, [_("Stage"), _("Initiatives")], rows)


def throughput(initiatives, stages) -> Chart:
    """Moves into a later open or successful stage, per quarter."""
    moves = (
        Move.objects.filter(
            content_type=ContentType.objects.get_for_model(Initiative),
            object_id__in=initiatives.order_by().values("pk"),
            to_stage__order__gt=F("from_stage__order"),
            to_stage__category__in=[StageCategory.OPEN, StageCategory.CLOSED_SUCCESS],
        )
        .annotate(quarter=TruncQuarter("at"))
        .values("quarter")
        .annotate(n=Count("pk"))
        .order_by("quarter")
    )
    rows = [[_quarter(row["quarter"]), row["n"]] for row in moves]
    total = sum(row[1] for row in rows)
    if rows:
        summary = _("%(n)s moves to a later stage in %(quarters)s quarters.") % {
            "n": total,
            "quarters": len(rows),
        }
    else:
        summary = _("No initiative has moved to a later stage yet.")
    return Chart(
        "throughput", _("Throughput per quarter"), summary, [_("Quarter"), _("Moves")], rows
    )


def _quarter(moment) -> str:
    if isinstance(moment, datetime.datetime):
        moment = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{moment.year} K{(moment.month - 1) // 3 + 1}"


def time_in_stage(initiatives, stages, counts: dict) -> Chart:
    """How long the initiatives now in each open stage have been there: the average and
    the median, in days. One query for the averages, one for the medians."""
    now = timezone.now()
    waited = ExpressionWrapper(Value(now) - F("stage_entered_at"), output_field=DurationField())
    open_keys = [s["key"] for s in stages if s["category"] == StageCategory.OPEN]
    averages = dict(
        initiatives.filter(stage__key__in=open_keys)
        .order_by()
        .values("stage__key")
        .annotate(avg=Avg(waited, output_field=DurationField()))
        .values_list("stage__key", "avg")
    )
    middles = _middles(initiatives, stages, counts)
    rows = []
    for stage in stages:
        n = counts.get(stage["key"], 0)
        if stage["category"] != StageCategory.OPEN or not n:
            continue
        middle = middles[stage["key"]]
        median = sum((now - moment for moment in middle), datetime.timedelta()) / len(middle)
        rows.append([stage["name"], _days(averages.get(stage["key"])), median.days, n])
    if rows:
        longest = max(rows, key=lambda r: r[1])
        summary = _("Initiatives stay longest in stage %(stage)s: %(days)s days on average.") % {
            "stage": longest[0],
            "days": longest[1],
        }
    else:
        summary = _("No initiative is in an open stage.")
    headers = [_("Stage"), _("Average days"), _("Median days"), _("Initiatives")]
    return Chart("time_in_stage", _("Time in current stage"), summary, headers, rows)


def _middles(initiatives, stages, counts: dict) -> dict[str, list]:
    """``{stage key: [the one or two middle stage_entered_at values]}`` of the populated
    open stages, in one query: the rows are numbered per stage (oldest first) and only the
    middle positions of any stage are fetched, so at most two per stage are kept."""
    positions = {}  # stage key -> the 1-based positions of its middle values
    for stage in stages:
        n = counts.get(stage["key"], 0)
        if stage["category"] == StageCategory.OPEN and n:
            positions[stage["key"]] = {(n - 1) // 2 + 1, n // 2 + 1}
    if not positions:
        return {}
    numbered = Window(
        RowNumber(),
        partition_by=[F("stage__key")],
        order_by=[F("stage_entered_at").asc(), F("pk").asc()],
    )
    rows = (
        initiatives.filter(stage__key__in=list(positions))
        .annotate(position=numbered)
        .filter(position__in=sorted(set().union(*positions.values())))
        .order_by()
        .values_list("stage__key", "position", "stage_entered_at")
    )
    middles: dict[str, list] = {key: [] for key in positions}
    for key, position, moment in sorted(rows, key=lambda row: (row[0], row[1])):
        if position in positions[key]:
            middles[key].append(moment)
    return middles


def _days(duration) -> int:
    if duration is None:
        return 0
    if isinstance(duration, (int, float, Decimal)):  # microseconds on some backends
        return int(duration) // 86_400_000_000
    return duration.days


def _overdue_gates(initiatives, today):
    return (
        initiatives.filter(evaluation_date__lt=today, stage__category=StageCategory.OPEN)
        .select_related("owner")
        .order_by("evaluation_date", "pk")
    )


def _overdue_reflections(initiatives, today):
    return (
        initiatives.filter(reflection_due__lt=today)
        .select_related("owner")
        .order_by("reflection_due", "pk")
    )


def overdue(initiatives, today) -> Chart:
    counts = initiatives.order_by().aggregate(
        gates=Count(
            "pk",
            filter=Q(evaluation_date__lt=today, stage__category=StageCategory.OPEN),
            distinct=True,
        ),
        reflections=Count("pk", filter=Q(reflection_due__lt=today), distinct=True),
    )
    rows = [
        [_("Evaluations (gates) overdue"), counts["gates"]],
        [_("Reflections overdue"), counts["reflections"]],
    ]
    summary = _("%(gates)s evaluations and %(reflections)s reflections are overdue.") % counts
    return Chart(
        "overdue", _("Overdue gates and reflections"), summary, [_("What"), _("Initiatives")], rows
    )


# --- money and results ----------------------------------------------------------------------


def _kpis_reached(initiatives) -> dict:
    """``{kind: (kpis, reached)}``: a KPI is reached when its latest measurement meets its
    target in the direction that is better."""
    latest = Measurement.objects.filter(kpi=OuterRef("pk")).order_by("-date", "-id").values("value")
    value = Subquery(latest[:1], output_field=DecimalField(max_digits=14, decimal_places=2))
    reached = Q(direction=KpiDirection.HIGHER, latest__gte=F("target")) | Q(
        direction=KpiDirection.LOWER, latest__lte=F("target")
    )
    rows = (
        Kpi.objects.filter(initiative__in=initiatives.order_by().values("pk"))
        .annotate(latest=value)
        .values("initiative__kind")
        .annotate(n=Count("pk"), reached=Count("pk", filter=reached & Q(target__isnull=False)))
        .order_by()
    )
    return {row["initiative__kind"]: (row["n"], row["reached"]) for row in rows}


def budget_against_results(initiatives) -> Chart:
    budget = {
        row["initiative__kind"]: row
        for row in BudgetLine.objects.filter(initiative__in=initiatives.order_by().values("pk"))
        .values("initiative__kind")
        .annotate(planned=Sum("planned"), committed=Sum("committed"), spent=Sum("spent"))
        .order_by()
    }
    kpis = _kpis_reached(initiatives)
    rows = []
    for kind in InnovationKind:
        money = budget.get(kind.value, {})
        n, reached = kpis.get(kind.value, (0, 0))
        if not money and not n:
            continue
        rows.append(
            [
                str(kind.label).capitalize(),
                money.get("planned") or ZERO,
                money.get("committed") or ZERO,
                money.get("spent") or ZERO,
                n,
                reached,
            ]
        )
    spent = sum((row[3] for row in rows), ZERO)
    reached = sum(row[5] for row in rows)
    kpi_total = sum(row[4] for row in rows)
    summary = _(
        "%(spent)s euro spent so far; %(reached)s of %(kpis)s KPIs reached their target."
    ) % {
        "spent": f"{spent:,.0f}".replace(",", "."),
        "reached": reached,
        "kpis": kpi_total,
    }
    headers = [
        _("Kind of innovation"),
        _("Planned (EUR)"),
        _("Committed (EUR)"),
        _("Spent (EUR)"),
        _("KPIs"),
        _("KPIs reached"),
    ]
    return Chart("budget", _("Budget against results"), summary, headers, rows, bar=3)


# --- balance ----------------------------------------------------------------------------------


def _share_summary(rows, total: int) -> str:
    if not total or not rows:
        return _("There are no initiatives here yet.")
    top = max(rows, key=lambda r: r[1])
    return _("The largest group is %(label)s: %(n)s of %(total)s initiatives.") % {
        "label": top[0],
        "n": top[1],
        "total": total,
    }


def balance_by_kind(initiatives, total: int) -> Chart:
    counts = _counts(initiatives, "kind")
    rows = [[str(k.label).capitalize(), counts.get(k.value, 0)] for k in InnovationKind]
    return Chart(
        "kind",
        _("Balance by kind of innovation"),
        _share_summary(rows, total),
        [_("Kind of innovation"), _("Initiatives")],
        rows,
    )


def balance_by_category(initiatives, total: int) -> Chart:
    counts = _counts(initiatives, "stage__category")
    rows = [[str(c.label).capitalize(), counts.get(c.value, 0)] for c in StageCategory]
    return Chart(
        "category",
        _("Balance by stage category"),
        _share_summary(rows, total),
        [_("Stage category"), _("Initiatives")],
        rows,
    )


def balance_by_domain(initiatives, total: int) -> Chart:
    grouped = (
        initiatives.order_by()
        .values("domains__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("-n", "domains__name")
    )
    rows = [[row["domains__name"] or _("No domain"), row["n"]] for row in grouped]
    return Chart(
        "domain",
        _("Balance by domain"),
        _share_summary(rows, total),
        [_("Domain"), _("Initiatives")],
        rows,
    )
