"""Demo accounts for trying the roles locally. Only created on request (`load_demo --accounts`);
each run gives every account a new random password, written to DATA_DIR/demo-accounts.txt."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from proeftuin.accounts.service import Role, User, membership_set
from proeftuin.organisations.service import Organisation, organisation_create

DEMO_ACCOUNTS = [
    # username, organisation name fragment, role (None: platform administrator)
    ("beheerder", None, None),
    ("redacteur-hhnk", "Hollands Noorderkwartier", Role.EDITOR),
    ("bijdrager-zaanstad", "Zaanstad", Role.CONTRIBUTOR),
    ("lezer-cbs", "Centraal Bureau voor de Statistiek", Role.VIEWER),
    # the teams of the demo portfolio (fixtures/portfolio/portfolio.yaml)
    ("bijdrager-hhnk", "Hollands Noorderkwartier", Role.CONTRIBUTOR),
    ("redacteur-zaanstad", "Zaanstad", Role.EDITOR),
    ("redacteur-cbs", "Centraal Bureau voor de Statistiek", Role.EDITOR),
    # the InAxis fund (fixtures/funding/funding.yaml): its manager, screener and reviewers
    # (one of them works at the Provincie Limburg, so never reviews its applications) and
    # the applicants of the experiments
    ("fondsbeheerder-inaxis", "InAxis", Role.VIEWER),
    ("screener-inaxis", "InAxis", Role.VIEWER),
    ("beoordelaar-bestuur", "InAxis", Role.VIEWER),
    ("beoordelaar-dienstverlening", "InAxis", Role.VIEWER),
    ("beoordelaar-limburg", "Provincie Limburg", Role.VIEWER),
    ("aanvrager-ten-boer", "Gemeente Ten Boer", Role.CONTRIBUTOR),
    ("aanvrager-limburg", "Provincie Limburg", Role.EDITOR),
    ("aanvrager-enschede", "Gemeente Enschede", Role.CONTRIBUTOR),
    ("aanvrager-amsterdam", "Gemeente Amsterdam", Role.CONTRIBUTOR),
    ("aanvrager-nijmegen", "Gemeente Nijmegen", Role.CONTRIBUTOR),
    # the Verkiezing Beste Overheidsorganisatie (fixtures/awards/awards.yaml): its organiser,
    # the selection committee and the jury (one jury member works at Rijkswaterstaat, so is
    # blocked from scoring it) and the nominee contacts of the finalists without an editor
    # account above (HHNK, Zaanstad and CBS are redacteur-hhnk, -zaanstad and -cbs)
    ("organisator-vom", "Vereniging voor OverheidsManagement", Role.EDITOR),
    ("selectie-voorzitter", "Vereniging voor OverheidsManagement", Role.VIEWER),
    ("selectielid-vom", "Vereniging voor OverheidsManagement", Role.VIEWER),
    ("jury-voorzitter", "Vereniging voor OverheidsManagement", Role.VIEWER),
    ("jurylid-vom", "Vereniging voor OverheidsManagement", Role.VIEWER),
    ("jurylid-rijkswaterstaat", "Rijkswaterstaat", Role.VIEWER),
    ("contact-jeugdbescherming", "Jeugdbescherming Regio Amsterdam", Role.EDITOR),
    ("contact-rijkswaterstaat", "Rijkswaterstaat", Role.EDITOR),
    ("contact-fiod", "Fiscale Inlichtingen- en Opsporingsdienst", Role.EDITOR),
    ("contact-avri", "Avri", Role.EDITOR),
    ("contact-vrr", "Veiligheidsregio Rotterdam-Rijnmond", Role.EDITOR),
    ("contact-duo", "Dienst Uitvoering Onderwijs", Role.EDITOR),
    ("contact-leeuwarden", "Gemeente Leeuwarden", Role.EDITOR),
    ("contact-staatsbosbeheer", "Staatsbosbeheer", Role.EDITOR),
    ("contact-parkstad", "Stadsregio Parkstad Limburg", Role.EDITOR),
    ("contact-brabantse-delta", "Waterschap Brabantse Delta", Role.EDITOR),
]
# organisations of demo accounts that the library does not hold
ORGANISERS = [
    {
        "name": "Vereniging voor OverheidsManagement",
        "abbreviation": "VOM",
        "government_layer": "national",
        "organisation_type": "other",
    }
]


@dataclass
class DemoAccount:
    username: str
    password: str
    description: str


@transaction.atomic
def create_demo_accounts() -> list[DemoAccount]:
    created = []
    for spec in ORGANISERS:
        if not Organisation.objects.filter(name__iexact=spec["name"]).exists():
            organisation_create(actor=None, **spec)
    for username, org_name, role in DEMO_ACCOUNTS:
        password = secrets.token_urlsafe(12)
        user, _new = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_platform_admin = user.is_staff = user.is_superuser = role is None
        user.save()
        description = "platformbeheerder"
        if role is not None:
            organisation = Organisation.objects.get(name__icontains=org_name)
            membership_set(user=user, organisation=organisation, role=role)
            description = f"{role.label} bij {organisation.name}"
        created.append(DemoAccount(username, password, str(description)))
    _write(created)
    return created


def _write(accounts: list[DemoAccount]) -> None:
    lines = [f"{a.username}\t{a.password}\t{a.description}" for a in accounts]
    path = settings.DATA_DIR / "demo-accounts.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
