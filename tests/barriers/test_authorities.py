"""Authorities (who could remove a barrier): stewards and organisation administrators
record and change them at /knelpunten/instanties/nieuw/ and .../<slug>/bewerken/; unique
slugs, Dutch refusals, audited, nothing stored half."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.barriers.authorities import authority_save
from proeftuin.barriers.models import Authority
from proeftuin.core.models import AuditEntry
from proeftuin.core.service import NotAllowed, ValidationFailed
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW = "/knelpunten/instanties/nieuw/"


@pytest.fixture
def alpha_admin(make_member, alpha):
    return make_member(alpha, Role.ORGANISATION_ADMIN)


def _post(client, url, **data):
    return client.post(url, {"name": "Autoriteit Persoonsgegevens", "kind": "regulator", **data})


def test_a_steward_records_an_authority_with_an_audit_entry(client, platform_admin, alpha):
    client.force_login(platform_admin)
    assert client.get(NEW).status_code == 200
    response = _post(client, NEW, organisation=str(alpha.pk), website="https://ap.nl")
    authority = Authority.objects.get(name="Autoriteit Persoonsgegevens")
    assert response.status_code == 302 and response["Location"].endswith(
        f"/knelpunten/instanties/{authority.slug}/"
    )
    assert authority.slug == "autoriteit-persoonsgegevens" and authority.organisation == alpha
    assert authority.created_by == platform_admin
    entry = AuditEntry.objects.get(object_uuid=authority.uuid)
    assert entry.action == "create" and entry.actor == platform_admin


def test_names_that_slugify_alike_get_unique_slugs_and_nieuw_is_reserved(platform_admin):
    first = authority_save(actor=platform_admin, data={"name": "Raad (van) State", "kind": "other"})
    second = authority_save(actor=platform_admin, data={"name": "Raad van State", "kind": "other"})
    new = authority_save(actor=platform_admin, data={"name": "Nieuw", "kind": "other"})
    assert (first.slug, second.slug, new.slug) == ("raad-van-state", "raad-van-state-2", "nieuw-2")


def test_an_organisation_admin_records_and_edits_their_own(client, alpha_admin, alpha, beta):
    client.force_login(alpha_admin)
    page = client.get(NEW).content.decode()
    assert alpha.name in page and beta.name not in page  # only their own organisations
    assert _post(client, NEW, organisation=str(alpha.pk)).status_code == 302
    authority = Authority.objects.get()
    edit = f"/knelpunten/instanties/{authority.slug}/bewerken/"
    assert client.get(edit).status_code == 200
    response = _post(client, edit, name="AP", kind="regulator", organisation=str(alpha.pk))
    assert response.status_code == 302
    authority.refresh_from_db()
    assert authority.name == "AP" and authority.slug == "autoriteit-persoonsgegevens"
    update = AuditEntry.objects.get(object_uuid=authority.uuid, action="update")
    assert update.changes["name"] == ["Autoriteit Persoonsgegevens", "AP"]


def test_refusals_in_dutch_and_nothing_stored(client, alpha_admin, beta, ministry, editor):
    client.force_login(alpha_admin)
    response = _post(client, NEW, organisation=str(beta.pk))  # not theirs: not offered
    assert response.status_code == 400 and not Authority.objects.exclude(pk=ministry.pk).exists()
    response = _post(client, NEW, name="Ministerie van szw")
    assert response.status_code == 400 and "Deze instantie bestaat al." in response.content.decode()
    response = _post(client, NEW, website="javascript:alert(1)")
    assert "Geef een webadres dat begint met https://." in response.content.decode()
    assert _post(client, NEW, kind="nonsense").status_code == 400
    edit = f"/knelpunten/instanties/{ministry.slug}/bewerken/"
    response = _post(client, edit, name="Overgenomen")
    assert response.status_code == 403 and "Alleen beheerders" in response.content.decode()
    client.force_login(editor)
    assert client.get(NEW).status_code == 403
    assert _post(client, NEW).status_code == 403
    ministry.refresh_from_db()
    assert ministry.name == "Ministerie van SZW" and Authority.objects.count() == 1


def test_the_service_refuses_contacts_and_other_organisations_to_admins(alpha_admin, beta):
    with pytest.raises(NotAllowed):
        authority_save(actor=alpha_admin, data={"name": "X", "kind": "other", "organisation": beta})
    with pytest.raises(NotAllowed):
        contacts = [UserFactory()]
        authority_save(actor=alpha_admin, data={"name": "X", "kind": "other", "contacts": contacts})
    with pytest.raises(ValidationFailed) as refused:
        authority_save(actor=alpha_admin, data={"name": "  ", "kind": "nonsense"})
    assert refused.value.field_errors == {
        "name": ["Geef de instantie een naam."],
        "kind": ["Kies wat voor instantie dit is."],
    }
    assert not Authority.objects.exists()


def test_links_on_the_authority_pages(client, alpha_admin, ministry, platform_admin):
    assert NEW not in client.get("/knelpunten/instanties/").content.decode()
    client.force_login(alpha_admin)
    assert NEW in client.get("/knelpunten/instanties/").content.decode()
    page = client.get(f"/knelpunten/instanties/{ministry.slug}/").content.decode()
    assert "/bewerken/" not in page  # not theirs
    client.force_login(platform_admin)
    page = client.get(f"/knelpunten/instanties/{ministry.slug}/").content.decode()
    assert f"/knelpunten/instanties/{ministry.slug}/bewerken/" in page
