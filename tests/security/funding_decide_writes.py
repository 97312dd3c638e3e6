"""Changes of the decision part: deciding (one, a batch, through the API), the letter
templates, sending a letter again, the grant's tranches and its initiative are for the
programme's managers; fulfilling an obligation for them and the applicants. Everyone else
is refused with nothing changed (``funding_probes.Change``)."""

from __future__ import annotations

from proeftuin.funding.models import (
    Application,
    DecisionLetter,
    LetterTemplate,
    Obligation,
    Tranche,
)
from tests.security.funding_probes import Change
from tests.security.funding_review import MANAGING
from tests.security.funding_world import A_WRITERS, FundingWorld

JSON = "application/json"
FULFILLERS = frozenset({*MANAGING, *A_WRITERS})


def _app(fw: FundingWorld, key: str) -> Application:
    return Application.objects.get(pk=fw.apps[key].pk)


def _decision(fw):
    app = _app(fw, "adecide")
    return app.stage.key, app.outcome, app.version


def _grant(fw):
    app = _app(fw, "agranted")
    tranches = sorted(Tranche.objects.filter(application=app).values_list("pk", "status"))
    return app.initiative_id, tranches


def _base(fw, key="agranted") -> str:
    return f"/subsidies/aanvragen/{fw.apps[key].uuid}/besluit/"


def _decide_one(fw, c):
    data = {"outcome": "granted", "amount": "10000", "version": _app(fw, "adecide").version}
    return c.post(f"{_base(fw, 'adecide')}nemen/", data)


def _decide_batch_page(fw, c):
    uuid = fw.apps["adecide"].uuid
    data = {f"{uuid}-outcome": "rejected", f"{uuid}-reasons": "Past niet in de ronde."}
    data[f"{uuid}-version"] = _app(fw, "adecide").version
    return c.post(f"/subsidies/rondes/{fw.round.slug}/besluiten/", data)


def _api_decide(fw, c):
    data = {"outcome": "rejected", "reasons": "Nee.", "version": _app(fw, "adecide").version}
    url = f"/api/v1/funding/applications/{fw.apps['adecide'].uuid}/decision"
    return c.post(url, data, content_type=JSON)


def _api_batch(fw, c):
    item = {
        "application": str(fw.apps["adecide"].uuid),
        "outcome": "rejected",
        "reasons": "Nee.",
        "version": _app(fw, "adecide").version,
    }
    return c.post("/api/v1/funding/decisions", {"decisions": [item]}, content_type=JSON)


def _templates(fw):
    return sorted(LetterTemplate.objects.values_list("outcome", "subject", "version"))


def _template(fw, c):
    data = {"outcome": "granted", "granted-subject": "Overgenomen", "granted-body": "Tekst."}
    return c.post(f"/subsidies/rondes/{fw.round.slug}/besluitbrieven/", data)


def _letter(fw):
    return DecisionLetter.objects.filter(pk=fw.letter.pk).values_list("sent_at").get()


def _tranche(fw) -> Tranche:
    return Tranche.objects.get(application=fw.apps["agranted"])


def _obligation(fw) -> Obligation:
    return Obligation.objects.filter(application=fw.apps["agranted"]).order_by("pk").first()


def _prepared(fw):
    app = _app(fw, "areview")
    return app.stage.key, app.version


def _prepare(fw, c):
    url = f"/subsidies/aanvragen/{fw.apps['areview'].uuid}/beoordelingen/klaar-voor-besluit/"
    return c.post(url, {"version": _app(fw, "areview").version})


def manager(name, routes, attempt, state):
    return Change(name, routes, attempt, state, MANAGING, doer="fund_manager")


DECIDE_WRITES = [
    manager("make ready for decision", ("funding:review_prepare",), _prepare, _prepared),
    manager("decide one", ("funding:decide_one",), _decide_one, _decision),
    manager("decide on the round's page", ("funding:decide_round",), _decide_batch_page, _decision),
    manager("api: decide", ("api:funding-application-decision",), _api_decide, _decision),
    manager("api: decide a batch", ("api:funding-decision-batch",), _api_batch, _decision),
    manager("save a letter template", ("funding:decide_letters",), _template, _templates),
    manager(
        "send a letter again",
        ("funding:decide_letter_resend",),
        lambda fw, c: c.post(f"{_base(fw)}brieven/{fw.letter.uuid}/opnieuw/"),
        _letter,
    ),
    manager(
        "plan a tranche",
        ("funding:decide_tranche_add",),
        lambda fw, c: c.post(f"{_base(fw)}tranches/", {"milestone": "Eind", "amount": "5000"}),
        _grant,
    ),
    manager(
        "mark a tranche paid",
        ("funding:decide_tranche_paid",),
        lambda fw, c: c.post(f"{_base(fw)}tranches/{_tranche(fw).uuid}/betaald/", {}),
        _grant,
    ),
    manager(
        "make the grant an initiative",
        ("funding:decide_initiative",),
        lambda fw, c: c.post(f"{_base(fw)}initiatief/", {"kind": "service"}),
        _grant,
    ),
    Change(
        "fulfil an obligation",
        ("funding:decide_obligation",),
        lambda fw, c: c.post(
            f"{_base(fw)}verplichtingen/{_obligation(fw).uuid}/", {"evidence": "Verslag gedeeld."}
        ),
        lambda fw: (_obligation(fw).fulfilled_at, _obligation(fw).evidence),
        FULFILLERS,
        doer="applicant",
    ),
]
