"""The adoption pages: "Wij willen dit ook" on case and initiative pages, starting one,
its page, status and edit forms, the lineage page with graph, table, description, counts
and map, the organisation page; refusals in Dutch, nothing stored half."""

import pytest
from django.urls import reverse

from proeftuin.accounts.models import Role
from proeftuin.diffusion.models import Adoption
from tests.diffusion.factories import make_adoption
from tests.factories import OrganisationFactory, UserFactory
from tests.svg_support import assert_svg_numbers_plain
from tests.table_support import reflow_problems

pytestmark = pytest.mark.django_db


def _lineage_url(innovation, kind="initiatief"):
    return reverse("diffusion:lineage", args=[kind, innovation.slug])


def test_the_button_on_initiative_and_case_pages(innovation, case, signed_in, adopter_editor):
    client = signed_in(adopter_editor)
    page = client.get(reverse("portfolio:detail", args=[innovation.slug])).content.decode()
    assert "Wij willen dit ook" in page
    assert reverse("diffusion:start", args=["initiatief", innovation.slug]) in page
    page = client.get(reverse("cases:detail", args=[case.slug])).content.decode()
    assert reverse("diffusion:start", args=["casus", case.slug]) in page


def test_no_button_for_the_public(innovation, client):
    page = client.get(reverse("portfolio:detail", args=[innovation.slug])).content.decode()
    assert "Wij willen dit ook" not in page
    assert _lineage_url(innovation) in page


def test_start_through_the_form(innovation, adopter, third, signed_in, adopter_editor):
    earlier = make_adoption(innovation, third, status="adopted")
    client = signed_in(adopter_editor)
    url = reverse("diffusion:start", args=["initiatief", innovation.slug])
    form = client.get(url).content.decode()
    assert "Gemeente Zwolle" in form  # a source to choose
    response = client.post(
        url,
        {
            "adopter": adopter.slug,
            "source": earlier.uuid,
            "status": "exploring",
            "visibility": "public",
        },
    )
    adoption = Adoption.objects.get(adopter=adopter)
    assert response.status_code == 302 and response["Location"].endswith(f"{adoption.uuid}/")
    assert adoption.source == earlier and adoption.status == "exploring"
    again = client.post(
        url, {"adopter": adopter.slug, "status": "interested", "visibility": "public"}
    )
    assert again.status_code == 400
    assert "heeft deze innovatie al" in again.content.decode()
    assert Adoption.objects.filter(adopter=adopter).count() == 1


def test_own_innovation_refused_on_the_form(innovation, innovator, signed_in, make_member):
    client = signed_in(make_member(innovator, Role.EDITOR))
    url = reverse("diffusion:start", args=["initiatief", innovation.slug])
    response = client.post(
        url, {"adopter": innovator.slug, "status": "interested", "visibility": "public"}
    )
    assert response.status_code == 400
    assert "eigen innovatie niet overnemen" in response.content.decode()
    assert not Adoption.objects.exists()


def test_status_form_requires_a_reason_to_abandon(innovation, adopter, signed_in, adopter_editor):
    adoption = make_adoption(innovation, adopter)
    client = signed_in(adopter_editor)
    url = reverse("diffusion:status", args=[adoption.uuid])
    response = client.post(url, {"status": "abandoned", "reason": " "})
    assert response.status_code == 400 and "waarom" in response.content.decode()
    adoption.refresh_from_db()
    assert adoption.status == "interested"
    response = client.post(url, {"status": "abandoned", "reason": "Geen capaciteit."})
    assert response.status_code == 302
    page = client.get(reverse("diffusion:detail", args=[adoption.uuid])).content.decode()
    assert "Geen capaciteit." in page and "afgebroken" in page


def test_edit_form_saves_measures(innovation, adopter, signed_in, adopter_editor):
    adoption = make_adoption(innovation, adopter, status="adapted")
    client = signed_in(adopter_editor)
    url = reverse("diffusion:edit", args=[adoption.uuid])
    assert client.get(url).status_code == 200
    data = {
        "adaptations": "Eigen intake toegevoegd.",
        "outcomes": "Minder wachttijd.",
        "visibility": "organisation",
        "measures-TOTAL_FORMS": "2",
        "measures-INITIAL_FORMS": "0",
        "measures-0-measure": "wachttijd",
        "measures-0-unit": "days",
        "measures-0-baseline": "90",
        "measures-0-value": "30,5",
    }
    assert client.post(url, data).status_code == 302
    adoption.refresh_from_db()
    assert adoption.visibility == "organisation" and adoption.adaptations.startswith("Eigen")
    assert str(adoption.measures.get().value) == "30.50"
    page = client.get(reverse("diffusion:detail", args=[adoption.uuid])).content.decode()
    assert 'data-label="Na" class="utrecht-table__cell">30,50' in page  # outcomes table
    assert not reflow_problems(page)


def test_own_initiative_page(innovation, adopter, signed_in, adopter_editor):
    adoption = make_adoption(innovation, adopter)
    client = signed_in(adopter_editor)
    url = reverse("diffusion:own_initiative", args=[adoption.uuid])
    assert client.get(url).status_code == 200
    response = client.post(url)
    adoption.refresh_from_db()
    assert response["Location"] == reverse(
        "portfolio:detail", args=[adoption.adopter_initiative.slug]
    )
    assert client.post(url).status_code == 409


def test_withdraw_page(innovation, adopter, signed_in, adopter_editor):
    adoption = make_adoption(innovation, adopter)
    client = signed_in(adopter_editor)
    url = reverse("diffusion:withdraw", args=[adoption.uuid])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Adoption.objects.exists()


def test_lineage_page(innovation, adopter, third, client):
    fourth = OrganisationFactory(name="Gemeente Ede", province="PV25")
    first = make_adoption(innovation, adopter, status="adopted")
    second = make_adoption(innovation, third, source=first, status="adapted")
    make_adoption(innovation, fourth, source=second, status="abandoned")
    page = client.get(_lineage_url(innovation)).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "3 organisaties namen deze innovatie over of werken eraan; 2 gebruiken haar." in page
    assert (
        "De langste keten telt 3 schakels: SVB → Gemeente Almere → Gemeente Zwolle → Gemeente Ede."
        in page
    )
    assert "1 adoptie is afgebroken." in page
    assert "Flevoland" in page and "Overijssel" in page  # the province table
    quarter = client.get(_lineage_url(innovation) + "?per=quarter").content.decode()
    assert "2024-K1" in quarter


def test_lineage_svg_numbers_have_no_decimal_comma(innovation, adopter, third, client):
    """Under the nl locale Django would print 12.0 as "12,0", which breaks the graph."""
    first = make_adoption(innovation, adopter, status="adopted")
    make_adoption(innovation, third, source=first, status="adapted")
    page = client.get(_lineage_url(innovation), headers={"accept-language": "nl"})
    html = page.content.decode()
    assert 'lang="nl"' in html and html.count("<svg") >= 2  # the graph and the map
    assert_svg_numbers_plain(html)


def test_lineage_hides_invisible_sources(innovation, adopter, third, client):
    hidden = make_adoption(innovation, adopter, visibility="private")
    make_adoption(innovation, third, source=hidden)
    page = client.get(_lineage_url(innovation)).content.decode()
    assert "Gemeente Almere" not in page
    assert "een overnemer die u niet kunt zien" in page and "Gemeente Zwolle" in page


def test_lists_do_not_name_invisible_innovations(innovator, adopter, make_member, signed_in):
    from tests.factories import make_initiative

    draft = make_initiative(innovator, title="Geheim plan", status="draft", visibility="private")
    make_adoption(draft, adopter, visibility="organisation")
    client = signed_in(make_member(adopter, Role.VIEWER))
    for url in (reverse("diffusion:list"), reverse("diffusion:organisation", args=[adopter.slug])):
        page = client.get(url).content.decode()
        assert "Geheim plan" not in page and "Een innovatie die u niet kunt zien" in page


def test_others_may_not_change(innovation, adopter, signed_in, make_member):
    adoption = make_adoption(innovation, adopter)
    client = signed_in(make_member(adopter, Role.CONTRIBUTOR))
    for name in ("edit", "status", "own_initiative", "withdraw"):
        assert client.post(reverse(f"diffusion:{name}", args=[adoption.uuid])).status_code == 403
    assert (
        signed_in(UserFactory()).get(reverse("diffusion:detail", args=[adoption.uuid])).status_code
        == 200
    )


def test_my_work_lists_adoptions_under_way(innovator, innovation, adopter, adopter_editor):
    from proeftuin.core.service import work_for
    from tests.factories import make_initiative

    secret = make_initiative(innovator, title="Geheim plan", status="draft", visibility="private")
    make_adoption(innovation, adopter, status="piloting")
    make_adoption(secret, adopter, status="exploring")
    make_adoption(innovation, OrganisationFactory(), status="interested")
    section = next(s for s in work_for(adopter_editor) if s.key == "adoptions")
    assert section.count == 2
    assert {i.title for i in section.items} == {innovation.title, "Een adoptie"}
    assert all(i.detail.startswith("Gemeente Almere") for i in section.items)


def test_a_large_lineage_shows_the_first_adoptions(innovation, adopter, third, client, monkeypatch):
    from proeftuin.diffusion import lineage

    monkeypatch.setattr(lineage, "GRAPH_LIMIT", 2)
    first = make_adoption(innovation, adopter)
    make_adoption(innovation, third, source=first)
    make_adoption(innovation, OrganisationFactory(name="Gemeente Ede"))
    page = client.get(_lineage_url(innovation)).content.decode()
    assert "de eerste 300 adopties" in page  # the note (its number is the default's)
    assert "3 organisaties namen" in page  # the description covers all
    assert page.count("Gemeente Ede") == 0 and page.count("Gemeente Zwolle") >= 2


def test_the_cached_lineage_follows_writes_and_viewers(
    innovation, adopter, third, client, make_member
):
    """The body is kept per group of viewers who see the same adoptions: a member of the
    adopter sees its private adoption, the public never does, whoever asks first; a new
    adoption shows at once."""
    from proeftuin.diffusion.services import adoption_start

    member = make_member(adopter, Role.VIEWER)
    adoption_start(actor=None, innovation=innovation, adopter=adopter, visibility="organisation")
    client.force_login(member)
    assert "Gemeente Almere" in client.get(_lineage_url(innovation)).content.decode()
    client.logout()
    public = client.get(_lineage_url(innovation)).content.decode()
    assert "Gemeente Almere" not in public and "Gemeente Zwolle" not in public
    adoption_start(actor=None, innovation=innovation, adopter=third)
    assert "Gemeente Zwolle" in client.get(_lineage_url(innovation)).content.decode()
