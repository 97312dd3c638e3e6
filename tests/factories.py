"""Factories for every app's models. Cases are built through the service, like real writes."""

from __future__ import annotations

import factory

from proeftuin.accounts.models import Membership, Role, User
from proeftuin.cases.models import ThemeSet
from proeftuin.cases.services import case_create
from proeftuin.documents.models import Document
from proeftuin.organisations.models import Organisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Gemeente Voorbeeld {n}")
    slug = factory.Sequence(lambda n: f"gemeente-voorbeeld-{n}")
    government_layer = "local"
    organisation_type = "municipality"
    staff_exact = 600
    staff_year = 2016
    province = "PV26"

    @factory.post_generation
    def size(obj, create, extracted, **kwargs):
        obj.refresh_size_band()
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.VIEWER


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    key = factory.Sequence(lambda n: f"document-{n}")
    title = factory.Sequence(lambda n: f"Rapport {n}")
    year = 2018


def make_case(*, organisations=None, theme_set="casebook", actor=None, **overrides):
    """A valid case written through ``case_create`` (so facets and audit are real)."""
    organisations = organisations or [OrganisationFactory()]
    data = {
        "title": "Wijkteams voorkomen uithuisplaatsingen",
        "summary": "Een gemeente zet wijkteams in om gezinnen eerder te helpen.",
        "year_start": 2016,
        "stage": "pilot",
        "status": "published",
        "visibility": "public",
        "sections": {"openness": "De organisatie deelt haar cijfers openlijk."},
        "outcomes": [
            {
                "measure": "gedwongen uithuisplaatsingen",
                "value": -60,
                "unit": "percent",
                "direction": "decrease",
                "kind": "quality",
            }
        ],
        "lessons": [{"kind": "success_factor", "text": "Begin bij het probleem."}],
        "barriers": [
            {"category": "legal", "text": "Privacyregels lijken gegevensdeling te verbieden."}
        ],
        "people": [{"name": "Jan Jansen", "role": "wijkcoach"}],
    }
    data.update(overrides)
    return case_create(
        actor=actor,
        theme_set=ThemeSet.objects.get(key=theme_set),
        organisations=organisations,
        **data,
    )


def make_initiative(owner, *, actor=None, **data):
    """An initiative of ``owner`` made through the service (``actor=None``: a system write
    without team; with an actor, the actor becomes its owner in the team)."""
    from proeftuin.portfolio.services import initiative_create

    data.setdefault("title", "Sneller schuldhulp")
    data.setdefault("problem", "Mensen met schulden wachten maanden op hulp.")
    data.setdefault("kind", "process")
    return initiative_create(actor=actor, owner=owner, **data)
