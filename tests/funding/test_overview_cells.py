"""The assignment overview's cells, written in Python (``funding_overview`` tags): every
name, title and reason escaped exactly once, whatever a cell holds."""

import uuid
from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from proeftuin.funding.models import ReviewAssignment
from proeftuin.funding.selectors_review import Cell, ReviewerColumn

HOSTILE = '<script>alert("x")</script> & co'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"


def column(name: str, load: int = 0, maximum: int = 5) -> ReviewerColumn:
    user = SimpleNamespace(uuid=uuid.uuid4(), username=name)
    return ReviewerColumn(1, name, load, maximum, expertise=HOSTILE, user=user)


def render(template: str, **context) -> str:
    context = Context({"csrf_token": "TOKEN", "round": SimpleNamespace(slug="ronde"), **context})
    with translation.override("nl"):
        return Template("{% load funding_overview %}" + template).render(context)


def test_every_kind_of_cell_is_escaped_once(db):
    application = SimpleNamespace(uuid=uuid.uuid4(), title=HOSTILE)
    free, full = column(HOSTILE), column("Vol", load=5, maximum=5)
    assigned = ReviewAssignment(uuid=uuid.uuid4(), status="assigned")
    recused = ReviewAssignment(uuid=uuid.uuid4(), status="recused", recusal_reason=HOSTILE)
    cells = [
        Cell(column=free),
        Cell(column=full),
        Cell(column=free, conflict=f"{HOSTILE}: eigen organisatie"),
        Cell(column=free, assignment=assigned),
        Cell(column=free, assignment=recused),
    ]
    html = render("{% overview_cells application cells %}", application=application, cells=cells)
    assert "<script>" not in html and "&amp;lt;" not in html  # escaped, and only once
    assert html.count("<td ") == 5
    assert html.count(f'data-label="{ESCAPED}"') == 4
    assert f'<span class="utrecht-visually-hidden"> {ESCAPED}</span>' in html
    assert f'name="reviewer" value="{full.user.uuid}"' in html
    assert html.count('<br><span class="pt-muted">op het maximum</span>') == 1
    assert "<strong>Belangenconflict</strong><br>" in html
    assert ">Intrekken</button>" in html
    assert f"{ESCAPED}: eigen organisatie" in html
    assert f": {ESCAPED}" in html  # the recusal's reason
    assert html.count('value="TOKEN"') == 3  # two assign forms and one withdrawal


def test_the_load_list_escapes_names_and_expertise():
    html = render("{% reviewer_loads reviewers %}", reviewers=[column(HOSTILE, load=2)])
    assert html.startswith(f"<li>{ESCAPED}: ")
    assert f'<span class="pt-muted">{ESCAPED}</span></li>' in html
    assert "<li>" in render("{% reviewer_loads reviewers %}", reviewers=[])
