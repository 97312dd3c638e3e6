"""The demo innovation patents load through the patents services, on top of the library
and the demo adoptions, and a second run adds nothing."""

from decimal import Decimal

import pytest

from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.diffusion import load_diffusion
from proeftuin.demo.loader import load_demo
from proeftuin.demo.patents import load_patents
from proeftuin.patents.models import InnovationPatent, IntroductionMeeting, PatentClaim

pytestmark = pytest.mark.django_db


def test_the_svb_patent_loads_once_with_claims_owed_and_paid(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo()
    load_diffusion()
    create_demo_accounts()
    assert load_patents() == (2, 0)
    svb = InnovationPatent.objects.get(innovator__abbreviation="SVB")
    assert svb.programme.managers.get().username == "beheerder"
    assert svb.meetings.count() == 3
    statuses = sorted(svb.claims.values_list("status", flat=True))
    assert statuses == ["approved", "owed", "owed", "paid", "paid"]
    paid = svb.claims.filter(status="paid")
    assert sum(c.amount for c in paid) == Decimal("2000.00")
    assert all(c.paid_on for c in paid)
    assert load_patents() == (0, 2)
    assert InnovationPatent.objects.count() == 2
    assert IntroductionMeeting.objects.count() == 4 and PatentClaim.objects.count() == 7
