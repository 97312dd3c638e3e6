"""Comments on an initiative: posting, changing, removing, who sees them, bad input and
the notifications of a new comment and of a mention."""

import pytest

from proeftuin.accounts.models import Role
from proeftuin.comments.models import Comment
from proeftuin.notifications.models import Notification
from proeftuin.portfolio.services import team_member_add
from tests.factories import UserFactory, make_initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(lead, partner, contributor, editor):
    """A published public initiative (the editor owns it, the contributor is on the team):
    anyone sees the page, not its comments."""
    initiative = make_initiative(
        lead, actor=editor, partners=[partner], status="published", visibility="public"
    )
    team_member_add(actor=editor, initiative=initiative, user=contributor, role="team")
    return initiative


def _post(client, initiative, body):
    return client.post(f"/reacties/initiatief/{initiative.uuid}/plaatsen/", {"body": body})


def _page(client, initiative) -> str:
    return client.get(f"/initiatieven/{initiative.slug}/").content.decode()


def test_a_member_posts_and_the_team_is_told(signed_in, public, editor, contributor, lead):
    client = signed_in(editor)
    response = _post(client, public, "Zullen we de wachtlijst meten?")
    assert response.status_code == 302
    assert response["Location"] == f"/initiatieven/{public.slug}/#reacties"
    assert "Zullen we de wachtlijst meten?" in _page(client, public)
    told = Notification.objects.filter(event="initiative.comment")
    assert list(told.values_list("recipient", flat=True)) == [contributor.pk]  # not the author


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Schrijf eerst een reactie."), ("x" * 5001, "mag hoogstens 5000 tekens")],
)
def test_bad_input_is_refused_in_dutch(signed_in, public, editor, body, message):
    response = _post(signed_in(editor), public, body)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_outsiders_and_anonymous_see_no_comments(client, signed_in, public, editor):
    _post(signed_in(editor), public, "Interne xqzgeheim afweging")
    client.logout()
    body = _page(client, public)
    assert public.title in body and "xqzgeheim" not in body and 'id="reacties"' not in body
    outsider = signed_in(UserFactory())
    body = _page(outsider, public)
    assert public.title in body and "xqzgeheim" not in body
    assert _post(outsider, public, "Ik ook").status_code == 404
    comment = Comment.objects.get()
    assert outsider.get(f"/reacties/{comment.uuid}/").status_code == 404
    assert Comment.objects.count() == 1


def test_a_partner_member_sees_and_posts(signed_in, public, partner, make_member):
    member = make_member(partner, Role.VIEWER)
    client = signed_in(member)
    assert 'id="reacties"' in _page(client, public)
    assert _post(client, public, "Vanuit het waterschap").status_code == 302


def test_the_author_edits_others_cannot_an_editor_removes(
    signed_in, public, contributor, editor, make_member, lead
):
    client = signed_in(contributor)
    _post(client, public, "Eerste versie")
    comment = Comment.objects.get()
    url = f"/reacties/{comment.uuid}/"
    assert client.post(url, {"body": "Tweede versie"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Tweede versie" and comment.edited_at is not None
    viewer = signed_in(make_member(lead, Role.VIEWER))
    assert viewer.get(url).status_code == 404
    assert viewer.post(url, {"delete": "1"}).status_code == 404
    editing = signed_in(editor)
    assert editing.post(url, {"body": "Overschreven"}).status_code == 403
    assert editing.post(url, {"delete": "1"}).status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Tweede versie" and comment.deleted_by == editor
    body = _page(editing, public)
    assert "Deze reactie is verwijderd." in body and "Tweede versie" not in body


def test_mentions_tell_only_who_may_discuss(signed_in, public, editor, partner, make_member):
    member = make_member(partner, Role.VIEWER)
    member.username = "piet.water"
    member.save()
    UserFactory(username="buiten")
    _post(signed_in(editor), public, "Wat denk jij, @piet.water? En @buiten, en @niemand.")
    mentions = Notification.objects.filter(event="comment.mention")
    assert list(mentions.values_list("recipient", flat=True)) == [member.pk]
    assert "noemde u" in mentions.get().title
