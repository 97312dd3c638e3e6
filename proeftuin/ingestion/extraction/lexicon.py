"""Dutch wording mapped to the codes of the demo schema (see demo/fixtures/SCHEMA.md).

Keys are folded (lowercase, no accents); matching is on whole words or word starts, so
"Zelfstandig bestuursorgaan" and "zelfstandige bestuursorganen" both find "zbo". These are
word lists of general Dutch public-sector language, not lists of particular documents.
"""

from __future__ import annotations

# fmt: off

# Casebook theme set: heading wording -> theme key.
THEME_HEADINGS: dict[str, str] = {
    "openheid": "openness", "transparantie": "openness",
    "intern leervermogen": "internal_learning", "leervermogen": "internal_learning",
    "werkgeverschap": "employership", "veerkracht": "resilience",
    "maatschappelijke betrokkenheid": "societal_engagement",
    "netwerksamenwerking": "network_collaboration",
    "samenwerking in netwerken": "network_collaboration",
    "externe kennisdeling": "external_knowledge_sharing",
    "kennisdeling": "external_knowledge_sharing",
    "innovatie": "innovation", "innovaties": "innovation", "authenticiteit": "authenticity",
}

# Government layer: the first list that matches wins (national before regional, so
# "regiogericht en landelijk aangestuurd" reads as national).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("national", ("nationaal", "landelijk", "rijksoverheid", "rijk", "centrale overheid")),
    ("provincial", ("provinciaal", "provincie")),
    ("regional", ("regionaal", "regio", "bovenlokaal")),
    ("local", ("lokaal", "gemeentelijk", "gemeente")),
]

# Organisation type: more specific wording first.
ORGANISATION_TYPES: list[tuple[str, tuple[str, ...]]] = [
    ("zbo", ("zelfstandig bestuursorgaan", "zelfstandige bestuursorganen", "zbo")),
    ("joint_arrangement", ("gemeentelijk samenwerkingsverband", "gemeenschappelijke regeling",
                           "samenwerkingsverband", "stadsregio")),
    ("safety_region", ("veiligheidsregio", "risico- en crisisbeheersing")),
    ("water_board", ("waterschap", "hoogheemraadschap")),
    ("ministry", ("ministerie", "departement")),
    ("province", ("provincie",)),
    ("municipality", ("gemeente",)),
    ("executive_agency", ("uitvoeringsorganisatie", "uitvoeringsdienst", "agentschap")),
]

# Domain wording -> domain slug (word starts; longer phrases are tried first).
DOMAINS: dict[str, str] = {
    "zorg": "health", "gezondheid": "health", "veiligheid": "safety", "justitie": "safety",
    "kind": "social", "jeugd": "social", "sociaal": "social", "welzijn": "social",
    "werk en inkomen": "work_income", "uitkering": "work_income", "belasting": "taxes",
    "toeslag": "taxes", "financien": "taxes", "water": "water", "klimaat": "water",
    "infrastructuur": "infrastructure", "mobiliteit": "infrastructure",
    "bereikbaarheid": "infrastructure", "verkeer": "infrastructure", "ruimte": "housing",
    "wonen": "housing", "herstructurering": "housing", "ruimtelijke": "housing",
    "leefbaarheid": "housing", "milieu": "environment", "energie": "environment",
    "afval": "environment", "onderwijs": "education", "wetenschap": "education",
    "publieke dienstverlening": "public_services", "dienstverlening": "public_services",
    "economie": "economy", "toerisme": "economy", "ondernemen": "economy",
    "landbouw": "agriculture", "natuur": "agriculture", "bestuur": "governance",
    "gemeente": "governance", "statistiek": "knowledge", "kennis": "knowledge",
    "cultuur": "culture", "erfgoed": "culture", "defensie": "defence",
    "internationaal": "international", "omgeving": "environment",
}

# Profile labels (folded) -> profile field.
PROFILE_LABELS: dict[str, str] = {
    "aantal medewerkers": "staff", "medewerkers": "staff", "aantal fte": "staff",
    "omvang": "staff", "personeel": "staff", "domein": "domains", "beleidsterrein": "domains",
    "sector": "domains", "bestuurslaag": "government_layer", "overheidslaag": "government_layer",
    "type organisatie": "organisation_type", "soort organisatie": "organisation_type",
    "organisatietype": "organisation_type", "website": "website", "internet": "website",
}

# Headings above lists of outcomes and lessons (regular expressions on folded text).
WORKED_HEADINGS = (
    r"^wat is (wel |niet )?gelukt", r"^wat (ging|gaat|werkte) (goed|wel)",
    r"^resultaten en knelpunten\b", r"^wat werkte\b",
)
LESSON_HEADINGS = (
    r"^(de )?((belangrijk|waardevol|geleerd|enkel)\w* )?(conclusies en )?"
    r"(lessen|leerervaringen|leerpunten|succesfactoren|lessons learned)\b",
)

DID_NOT_WORK = (
    "niet gerealiseerd", "nog steeds", "kan nog", "moet nog", "aandacht nodig", "niet gelukt",
    "mislukt", "helaas", "nog niet", "onvoldoende", "ontbreekt", "niet mogelijk", "bleef uit",
    "niet van de grond",
)
PITFALL = (
    "lastig", "niet mogelijk", "moeten voeren", "bleek te", "te groot", "niet haalbaar",
    "weggezakt", "geen sprake", "kritisch", "verschillende belangen", "andere belangen",
    "geen poging", "voor het blok", "risico", "niet overwogen", "vraagt om", "vragen om",
    "valkuil", "had moeten", "hadden moeten", "te laat", "onderschat",
)

BARRIER_CUES = (
    "belemmer", "knelpunt", "obstakel", "barriere", "drempel", "weerstand", "tegenwerking",
    "hindermacht", "struikelblok", "in de weg", "stuit", "lastig", "moeilijk", "tegenstrijdig",
    "versnipper", "verkokering", "onrust", "gebrek aan", "tekort aan", "hoge kosten",
    "kostbaar", "kostbare", "niet beschikbaar", "hoofdpijn", "pijn", "te duur", "te hoog",
    # weaker signs of an obstacle, common in evaluations ("het ontbreekt aan", "duurde te
    # lang", "te zwaar", "kostte meer tijd dan gepland", "wantrouwig", "liepen we tegenaan")
    "ontbreekt", "ontbrak", "te lang", "te zwaar", "te zwak", "te weinig", "vertraging",
    "wantrouw", "meer tijd dan", "tegenaan", "niet gedekt", "kost het moeite",
    "kostte het moeite",
)
# Headings over a section of obstacles (folded, at the start of the heading).
BARRIER_SECTIONS = (
    r"(de |belangrijkste )?(knelpunten|belemmeringen|obstakels|barrieres|drempels|struikelblokken"
    r"|uitdagingen|problemen|tegenvallers|risico'?s en knelpunten)\b|waar (liepen|liep) (we|wij|het"
    r"|de \w+) (tegenaan|op vast)\b|wat (ging|liep) (minder goed|niet goed|mis)\b"
)
# Cues that name an obstacle outright (the others only suggest one).
BARRIER_STRONG = (
    "belemmer", "knelpunt", "obstakel", "barriere", "drempel", "struikelblok", "in de weg",
    "gebrek aan", "tekort aan", "hoofdpijn",
)
BARRIER_CATEGORIES: dict[str, tuple[str, ...]] = {
    "legal": ("wet", "regelgeving", "juridisch", "privacy", "avg", "regels", "wettelijk",
              "bevoegdhe", "aansprakelijk"),
    "financial": ("geld", "budget", "financ", "kosten", "bezuinig", "subsidie", "begroting",
                  "fiscaal", "investering", "kostbaar", "kostbare", "prijs", "licentie", "te duur",
                  "duurder", "leges"),
    "technical": ("ict", "systeem", "systemen", "technisch", "technische", "software",
                  "koppeling", "data", "digitaal", "digitale", "applicatie", "certifica",
                  "configura", "protocol", "interoperab", "implementatie", "infrastructu",
                  "beveilig", "encryptie", "integratie", "server", "partnerbeheer",
                  "partnermanagement", "certificaatbeheer"),
    "cultural": ("cultuur", "emotie", "weerstand", "angst", "gewoonte", "houding", "taboe",
                 "onrust", "mentaliteit", "onderwaardering", "vertrouwen", "wantrouw"),
    "institutional": ("organisaties", "belangen", "verkokering", "autonomie", "bestuurlijk",
                      "politiek", "koepel", "regie", "hierarchie", "bureaucratie", "domeinen",
                      "instellingen", "ministeries", "versnipper", "herindeling"),
}

# Person roles (folded word starts); the longest match is kept as the role.
ROLES = (
    "burgemeester", "wethouder", "directeur-generaal", "directeur", "projectleider",
    "projectmanager", "programmamanager", "programmaleider", "gemeentesecretaris",
    "loco-secretaris", "secretaris-generaal", "secretaris", "voorzitter", "minister",
    "staatssecretaris", "gedeputeerde", "beleidsmedewerker", "beleidsadviseur",
    "onderzoeksadviseur", "communicatieadviseur", "adviseur", "teamleider", "hoofd",
    "coordinator", "raadslid", "commissaris", "bestuurder", "initiator", "manager", "collega",
    "oprichter", "innovatiemanager", "kwartiermaker", "ambtenaar",
    # professions that introduce a speaker in news items and slides ("volgens verkeerskundige
    # X", "medewerker Belastingen X"); "coördinator" as written
    "coördinator", "verkeerskundige", "procestechnoloog", "onderzoeker", "medewerker",
    "consulent", "specialist", "wijkagent", "wijkverpleegkundige", "regisseur",
)

ORGANISATION_WORDS = (
    "gemeente", "provincie", "ministerie", "waterschap", "hoogheemraadschap", "veiligheidsregio",
    "universiteit", "hogeschool", "raad voor", "kamer van", "vereniging", "unie van",
    "stichting", "bureau", "dienst", "stadsregio", "stadsdeel", "politie", "openbaar ministerie",
    "inspectie", "agentschap",
)

DECREASE = (
    "daling", "gedaald", "daalde", "afgenomen", "afname", "minder", "bespaard", "besparing",
    "omlaag", "verlaagd", "verlaging", "reductie", "teruggebracht", "lager", "verminder",
    "gekrompen", "krimp", "terug naar", "bespaart", "verkort", "korter", "gehalveerd",
    "halveerde", "daalden", "terugviel", "teruggevallen",
)
INCREASE = (
    "stijging", "gestegen", "steeg", "toegenomen", "toename", "verhoogd", "verhoging", "hoger",
    "groei", "gegroeid", "groeide", "verdubbeld", "extra", "uitgebreid", "verdrievoudig",
    "verviervoudig", "vertienvoudig", "stegen",
)

WORD_NUMBERS: dict[str, float] = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
    "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
    "negentig": 90, "honderd": 100, "tweehonderd": 200, "driehonderd": 300,
    "vierhonderd": 400, "vijfhonderd": 500, "duizend": 1000, "anderhalf": 1.5,
    "driekwart": 0.75,
}

# fmt: on


# Words that start a sentence, never a name or an organisation.
SENTENCE_STARTERS = frozenset(
    {
        "de",
        "het",
        "een",
        "in",
        "op",
        "met",
        "volgens",
        "ook",
        "toen",
        "wat",
        "naast",
        "zo",
        "dit",
        "dat",
        "deze",
        "die",
        "uit",
        "als",
        "bij",
        "voor",
        "maar",
        "en",
    }
)


# Headings of sections that hold lessons (regular expressions on the folded heading key,
# matched at its start), each with the kind its items take by default. Broader than
# LESSON_HEADINGS (which segmentation uses to find repeated experiment lists).
LESSON_SECTIONS: tuple[tuple[str, str], ...] = (
    (
        r"wat (ging|gaat|liep|werkte) (goed|wel)\b|wat werkte\b|wat is (wel )?gelukt\b"
        r"|positief\b|pluspunten\b|sterke punten\b",
        "worked",
    ),
    (
        r"wat (ging|gaat|liep) (niet goed|mis|fout)\b|wat (kan|kon|moet) beter\b"
        r"|wat werkte niet\b|wat is niet gelukt\b|negatief\b|minpunten\b|verbeterpunten\b"
        r"|zwakke punten\b",
        "did_not_work",
    ),
    (
        r"(de )?(belangrijkste |grootste )?"
        r"(valkuilen|risico'?s en valkuilen|knelpunten en valkuilen"
        # "een leermoment" is the usual Dutch euphemism for something that went wrong
        r"|leermomenten)\b",
        "pitfall",
    ),
    (
        r"(de )?((belangrijk|waardevol|geleerd|enkel|algemen|praktisch)\w* )?"
        r"((conclusies|inzichten) en )?"
        r"(lessen|leerervaringen|leerpunten|lessons learned|learnings"
        r"|succesfactoren|succes- en faalfactoren|tips|adviezen|aanbevelingen)\b"
        # the usual wording of a section of lessons in evaluations and web articles
        r"|wat (hebben )?(we|wij) (hebben )?geleerd\b|wat (we|wij) leerden\b|wat leerden (we|wij)\b"
        r"|aandachtspunten\b|lessen voor\b|do'?s (and|en) don'?ts\b"
        r"|wat (zouden|zou) (we|wij|ik) anders doen\b|wat (we|wij) anders zouden doen\b"
        r"|what we learn(ed|t)\b|recommendations\b|key lessons\b",
        "success_factor",
    ),
    (
        r"(de )?((belangrijk|voornaam|algemen)\w* )?((hoofd|kern)?inzichten|conclusies?"
        r"|slotconclusies?|bevindingen|samenvattende conclusie)\b"
        r"|(antwoorden op|beantwoording van) de (onderzoeks|deel|hoofd)?vragen\b"
        r"|(tot )?slot(som|beschouwing)?\b",
        "findings",
    ),
)

# Headings of a document's own summary or introduction, best first (folded key, at start).
SUMMARY_SECTIONS: tuple[tuple[str, float], ...] = (
    (
        r"(management ?|bestuurlijke |korte )?samenvatting\b|executive summary\b|summary\b"
        r"|in het kort\b|kernboodschap\b|de kern\b",
        1.0,
    ),
    (r"(inleiding|introductie|introduction|voorwoord)\b", 0.8),
    (r"(aanleiding|achtergrond|doel|doelstelling|over dit (onderzoek|rapport|project))\b", 0.7),
)

# Function words left out when comparing sentences by their words (folded).
STOPWORDS = frozenset(
    """
    de het een en van in op met voor aan bij als dat die dit deze door is zijn was waren
    wordt worden werd werden om te tot uit over naar ook niet wel maar of dan er hun hij
    zij ze we wij je u ons onze hen haar zich kan kunnen moet moeten zal zullen heeft
    hebben had nog al meer veel zo hoe wat wie waar welke wanneer omdat want dus toch
    """.split()  # noqa: SIM905 - a word list reads best as text
)
