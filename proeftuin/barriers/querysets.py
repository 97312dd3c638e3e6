"""Barrier QuerySets. Barriers are shared across organisations: the register exists so that
one organisation sees what blocks others. A barrier uses the shared editorial rule
(``proeftuin.core.editorial``): a published, public barrier is seen by everyone (the default
when one is recorded); its recording organisation may keep it to itself (organisation only)
or as a draft while it is being written. Links to initiatives and cases are shown only
where the initiative or case itself is visible (``BarrierLinkQuerySet.visible_to``)."""

from __future__ import annotations

from django.db.models import Q

from proeftuin.core.service import VisibleQuerySet, editorial_rule

BARRIER_VISIBILITY = editorial_rule()


class BarrierQuerySet(VisibleQuerySet):
    rule = BARRIER_VISIBILITY

    def current(self) -> BarrierQuerySet:
        """What the register lists: not merged into another barrier."""
        return self.filter(merged_into__isnull=True)


class BarrierLinkQuerySet(VisibleQuerySet):
    def visible_to(self, user) -> BarrierLinkQuerySet:
        """Links whose barrier, and whose initiative or case, ``user`` may see."""
        from proeftuin.barriers.models import Barrier
        from proeftuin.cases.service import Case
        from proeftuin.portfolio.service import Initiative

        barriers = Barrier.objects.visible_to(user).values("pk")
        initiatives = Initiative.objects.visible_to(user).values("pk")
        cases = Case.objects.visible_to(user).values("pk")
        return self.filter(
            Q(barrier__in=barriers) & (Q(initiative__in=initiatives) | Q(case__in=cases))
        )

    def signature(self, user) -> str:
        """Links are seen through their barrier and their initiative or case."""
        from proeftuin.barriers.models import Barrier
        from proeftuin.cases.service import Case
        from proeftuin.portfolio.service import Initiative

        return "+".join(
            model.objects.all().signature(user) for model in (Barrier, Initiative, Case)
        )
