"""Who reads a group: members while they hold a role, and beside them what its openness
allows, never beyond its innovation's visibility."""

from django.contrib.auth.models import AnonymousUser

from proeftuin.circles import services
from proeftuin.circles.models import Circle
from tests.factories import UserFactory, make_initiative


def _reads(user, circle) -> bool:
    return Circle.objects.visible_to(user).filter(pk=circle.pk).exists()


def test_openness_decides_who_reads_besides_members(circle, host, adopter):
    outsider = UserFactory()
    assert [_reads(u, circle) for u in (AnonymousUser(), outsider, adopter)] == [False] * 3
    services.circle_update(actor=host, circle=circle, openness="signed_in")
    assert [_reads(u, circle) for u in (AnonymousUser(), outsider, adopter)] == [False, True, True]
    services.circle_update(actor=host, circle=circle, openness="public")
    assert _reads(AnonymousUser(), circle)
    outsider.is_active = False
    outsider.save()
    assert _reads(outsider, circle)  # what anonymous visitors read, no more


def test_an_open_group_never_reveals_an_innovation_one_may_not_see(host, home, adopter):
    draft = make_initiative(home, actor=host, status="draft", visibility="organisation")
    circle = services.circle_create(
        actor=host, innovation=draft, title="Open", kind="learning_circle", openness="public"
    )
    assert not _reads(AnonymousUser(), circle) and not _reads(adopter, circle)
    assert _reads(host, circle)


def test_a_member_reads_a_closed_group_around_an_innovation_they_cannot_see(host, home, adopter):
    draft = make_initiative(home, actor=host, status="draft", visibility="organisation")
    circle = services.circle_create(
        actor=host, innovation=draft, title="Dicht", kind="reference_group"
    )
    invitation = services.invite(actor=host, circle=circle, user=adopter)
    services.invitation_answer(actor=adopter, invitation=invitation, accept=True)
    assert _reads(adopter, circle)
