"""The demo groups load through the circles services, on top of the library and the demo
portfolio, and a second run adds nothing."""

import pytest

from proeftuin.circles.models import Circle, CircleMember, Meeting, Question
from proeftuin.demo.accounts import create_demo_accounts
from proeftuin.demo.circles import load_circles
from proeftuin.demo.loader import load_demo
from proeftuin.demo.portfolio import load_portfolio

pytestmark = pytest.mark.django_db


def test_a_learning_circle_and_a_reference_group_load_once(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_demo()
    create_demo_accounts()
    load_portfolio()
    assert load_circles() == (2, 0)
    circle = Circle.objects.get(kind="learning_circle")
    assert circle.case is not None and circle.meetings.count() == 2
    assert all(m.notes for m in Meeting.objects.filter(circle=circle))
    group = Circle.objects.get(kind="reference_group")
    assert group.initiative.title == "Kadeschade melden met een foto vanaf het erf"
    assert set(CircleMember.objects.filter(circle=circle).values_list("status", flat=True)) == {
        "orienting",
        "implementing",
        "preparing",
    }
    assert Question.objects.count() == 2
    assert load_circles() == (0, 2)
    assert Circle.objects.count() == 2
