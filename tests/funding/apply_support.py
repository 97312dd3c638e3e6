"""Test data of the applying and screening part: a round with questions and rules, an
applicant in a lead organisation, a partner, a rival applicant, a screener and the manager."""

from __future__ import annotations

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from proeftuin.accounts.models import Role
from proeftuin.funding.models import FormQuestion, FundMember, RoundRule
from proeftuin.funding.services_applications import application_save, application_start
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.funding.factories import make_round


def member(organisation, role=Role.CONTRIBUTOR):
    return MembershipFactory(organisation=organisation, role=role).user


def build_world(**round_fields) -> SimpleNamespace:
    lead, partner, rival_org = (OrganisationFactory() for _ in range(3))
    round_ = make_round(**round_fields)
    questions = [
        ("motivation", "Waarom nu?", "text", [], True),
        ("people", "Aantal betrokken inwoners", "number", [], False),
        ("own_money", "Eigen bijdrage", "amount", [], False),
        ("scale", "Schaal", "choice", ["wijk", "stad", "regio"], False),
        ("plan", "Projectplan", "file", [], True),
        ("knowledge", "Kennispartner", "organisation", [], False),
        ("crew", "Projectteam", "team", [], False),
    ]
    for order, (key, label, kind, choices, required) in enumerate(questions):
        FormQuestion.objects.create(
            round=round_,
            key=key,
            label=label,
            kind=kind,
            choices=choices,
            required=required,
            order=order,
        )
    RoundRule.objects.create(round=round_, kind="max_amount", params={"amount": 100000})
    RoundRule.objects.create(
        round=round_,
        kind="co_financing",
        params={"bands": [{"up_to": 50000, "percent": 25}, {"up_to": None, "percent": 40}]},
    )
    RoundRule.objects.create(round=round_, kind="min_government_bodies", params={"count": 2})
    screener = UserFactory()
    FundMember.objects.create(fund=round_.fund, user=screener, role="screener")
    return SimpleNamespace(
        round=round_,
        lead=lead,
        partner=partner,
        rival_org=rival_org,
        applicant=member(lead),
        colleague=member(lead),
        partner_member=member(partner),
        rival=member(rival_org),
        screener=screener,
        manager=round_.fund.programme.managers.get(),
    )


def pdf(name="plan.pdf", size=100, content_type="application/pdf"):
    return SimpleUploadedFile(name, b"%PDF" + b"x" * (size - 4), content_type=content_type)


def complete_application(w, **fields):
    """A draft of ``w.applicant`` that meets every rule and question (not submitted)."""
    from proeftuin.funding.services_applications_parts import attachment_add, partner_add

    app = application_start(actor=w.applicant, round=w.round, owner=w.lead, title="Wijkloket")
    values = {
        "problem": "Inwoners wachten te lang op een besluit over hun aanvraag.",
        "idea": "Een proef met een klantreis per wijk.",
        "public_summary": "Een proef met een klantreis per wijk.",
        "amount_requested": "40000",
        "total_cost": "100000",
        "duration_months": 12,
        "answers": {"motivation": "De wachttijden lopen op."},
        **fields,
    }
    app = application_save(actor=w.applicant, application=app, **values)
    partner_add(actor=w.applicant, application=app, organisation=w.partner)
    app.refresh_from_db()
    attachment_add(actor=w.applicant, application=app, question_key="plan", upload=pdf())
    app.refresh_from_db()
    return app
