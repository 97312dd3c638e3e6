"""The footer pages: shown in the current language at Dutch addresses, edited by platform
administrators only (audited), their text never raw HTML."""

import pytest
from django.conf import settings as django_settings

from proeftuin.core.service import AuditEntry, NotAllowed
from proeftuin.site.markup import render
from proeftuin.site.models import Page
from proeftuin.site.services import page_save, page_snapshot

pytestmark = pytest.mark.django_db

PAGES = {
    "/contact/": ("Contact", "Contact"),
    "/privacy/": ("Privacyverklaring", "Privacy statement"),
    "/toegankelijkheid/": ("Toegankelijkheids\u00adverklaring", "Accessibility statement"),
    "/over/": ("Over Proeftuin", "About Proeftuin"),
}


def test_the_migration_made_the_four_pages():
    assert set(Page.objects.values_list("kind", flat=True)) == {
        "contact",
        "privacy",
        "accessibility",
        "about",
    }


@pytest.mark.parametrize("url", PAGES)
def test_each_page_in_dutch_and_english(client, url):
    dutch, english = PAGES[url]
    body = client.get(url).content.decode()
    assert f'<h1 class="utrecht-heading-1">{dutch}</h1>' in body
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(url).content.decode()
    assert f'<h1 class="utrecht-heading-1">{english}</h1>' in body


def test_every_page_links_the_footer_pages(client):
    body = client.get("/casussen/").content.decode()
    for url in PAGES:
        assert f'href="{url}"' in body


def test_the_accessibility_statement_follows_the_model(client):
    body = client.get("/toegankelijkheid/").content.decode()
    for heading in ("Status", "Wat is er onderzocht en hoe", "Bekende problemen", "Datum"):
        assert f'<h2 class="utrecht-heading-2">{heading}</h2>' in body
    assert "Status C" in body and "Resultaat op" in body and "axe-core" in body
    assert "[BEHEER" not in body  # no instructions for administrators on the public page


def test_english_falls_back_to_dutch_when_empty(client):
    Page.objects.filter(kind="about").update(title_en="", body_en="")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert (
        '<h1 class="utrecht-heading-1">Over Proeftuin</h1>' in client.get("/over/").content.decode()
    )


def test_a_removed_page_is_not_found(client):
    Page.objects.filter(kind="privacy").delete()
    assert client.get("/privacy/").status_code == 404


def test_text_is_never_html():
    html = render(
        "## Kop <b>vet</b>\n\nTekst <script>alert(1)</script>\n\n"
        "- [mail](mailto:a@example.nl)\n- [eng](javascript:alert(1))\n\n"
        '[pad](/over/) [ext](https://example.nl/?a=1&b="2") [proto](//evil.example/)'
    )
    assert '<h2 class="utrecht-heading-2">Kop &lt;b&gt;vet&lt;/b&gt;</h2>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert '<a class="utrecht-link" href="mailto:a@example.nl">mail</a>' in html
    assert "javascript:" not in html.replace("[eng](javascript:alert(1))", "")
    assert "[eng](javascript:alert(1))" in html
    assert '<a class="utrecht-link" href="/over/">pad</a>' in html
    assert 'href="https://example.nl/?a=1&amp;b=&quot;2&quot;"' in html
    assert "[proto](//evil.example/)" in html


def test_paragraphs_lists_and_line_breaks():
    html = render("Een\ntwee\n\n- a\n- b\n### Sub")
    assert html == (
        '<p class="utrecht-paragraph">Een<br>twee</p>\n'
        '<ul class="utrecht-unordered-list"><li class="utrecht-unordered-list__item">a</li>'
        '<li class="utrecht-unordered-list__item">b</li></ul>\n'
        '<h3 class="utrecht-heading-3">Sub</h3>'
    )


def test_only_platform_administrators_change_pages(make_member, organisation, platform_admin):
    page = Page.objects.get(kind="contact")
    before = page_snapshot(page)
    page.body_nl = "Bel ons."
    with pytest.raises(NotAllowed):
        page_save(actor=make_member(organisation), page=page, before=before)
    page_save(actor=platform_admin, page=page, before=before)
    entry = AuditEntry.objects.get(object_uuid=page.uuid)
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.changes["body_nl"][1] == "Bel ons."


def test_the_admin_edits_a_page_through_the_service(admin_client):
    page = Page.objects.get(kind="about")
    url = f"/beheer/sitepages/page/{page.pk}/change/"
    assert admin_client.get(url).status_code == 200
    data = {
        "kind": "about",
        "title_nl": "Over ons",
        "title_en": "About us",
        "body_nl": "Nieuwe tekst.",
        "body_en": "New text.",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title_nl == "Over ons"
    assert AuditEntry.objects.filter(object_uuid=page.uuid, action="update").exists()
