"""Word pools for the synthetic case library (Dutch-sounding, made up, no real data)."""

PLACE_HEADS = [
    "Oost", "West", "Noord", "Zuid", "Hoog", "Laag", "Nieuw", "Oud", "Groot", "Klein",
    "Ber", "Dor", "Wes", "Ha", "Ap", "Ed", "Zwol", "Lei", "Del", "Roer", "Maas", "Rijn",
    "IJssel", "Vecht", "Eem", "Linge", "Dommel", "Dinkel", "Amstel", "Gouw",
]  # fmt: skip
PLACE_TAILS = [
    "dam", "wijk", "veen", "horst", "dorp", "meer", "broek", "hoven", "burg", "lo",
    "sum", "um", "zijl", "huizen", "mond", "stein", "voort", "recht", "gein", "beek",
]  # fmt: skip
REGIONS = [
    "Rivierenland", "Kennemerland", "Twente", "Achterhoek", "West-Brabant", "Midden-Holland",
    "Noord-Veluwe", "Zuid-Limburg", "Drechtsteden", "Haaglanden", "Hollands Noorderkwartier",
    "Fryslân-Oost", "Gooi en Vechtstreek", "Zeeuws-Vlaanderen", "Delfland", "Hunze en Aa's",
    "Vallei en Veluwe", "De Dommel", "Aa en Maas", "Rijnland", "IJsselland", "Amstelland",
]  # fmt: skip
NATIONAL_TOPICS = [
    "Binnenlandse Zaken", "Infrastructuur en Waterstaat", "Sociale Zaken", "Financiën",
    "Justitie en Veiligheid", "Economische Zaken", "Volksgezondheid", "Onderwijs",
    "Landbouw en Natuur", "Defensie", "Klimaat en Energie", "Buitenlandse Zaken",
    "Rijksvastgoed", "Toeslagen", "Wegverkeer", "Statistiek", "Examens", "Uitkeringen",
    "Digitale Overheid", "Erfgoed", "Migratie", "Voedselveiligheid", "Consumenten en Markt",
]  # fmt: skip
INTERVENTIONS = [
    "Wijkgericht werken aan", "Datagedreven aanpak van", "Eén loket voor", "Experiment met",
    "Proeftuin voor", "Samen werken aan", "Digitale dienstverlening voor",
    "Innovatieve inkoop voor", "Preventieve aanpak van", "Burgerberaad over",
    "Living lab voor", "Regelarme aanpak van", "Slimme sensoren voor", "Vroegsignalering bij",
]  # fmt: skip
TOPICS = [
    "schuldhulpverlening", "jeugdzorg", "de energietransitie", "klimaatadaptatie",
    "dijkversterking", "armoedebestrijding", "mantelzorg", "laaggeletterdheid",
    "wonen voor ouderen", "vergunningverlening", "toeslagen", "re-integratie",
    "de openbare ruimte", "verkeersveiligheid", "circulair bouwen", "waterkwaliteit",
    "dienstverlening aan ondernemers", "inburgering", "eenzaamheid", "digitale inclusie",
    "zwerfafval", "stikstofreductie", "grondwaterbeheer", "crisisbeheersing",
    "informatiebeveiliging", "open data", "werving van personeel", "hybride werken",
    "participatie van inwoners", "de Omgevingswet",
]  # fmt: skip
SENTENCES = [
    "De aanpak van {topic} liep vast op versnipperde verantwoordelijkheden.",
    "{org} koos ervoor om klein te beginnen met een pilot in twee wijken.",
    "Inwoners werden vanaf het begin betrokken via gesprekken aan de keukentafel.",
    "Medewerkers kregen ruimte om af te wijken van standaardprocedures.",
    "Een multidisciplinair team bracht beleid, uitvoering en ICT bij elkaar.",
    "De resultaten werden elk kwartaal besproken met het bestuur.",
    "Door gegevens te koppelen ontstond eerder zicht op signalen rond {topic}.",
    "Het project werd gefinancierd uit een regionale innovatieregeling.",
    "Na de pilot is de werkwijze opgenomen in de reguliere dienstverlening.",
    "Andere organisaties in de regio hebben de aanpak inmiddels overgenomen.",
    "Privacy en zorgvuldige omgang met gegevens kregen veel aandacht.",
    "De samenwerking met maatschappelijke partners was cruciaal voor het succes.",
    "Een externe evaluatie bevestigde de effecten op {topic}.",
    "Niet alles werkte: de eerste digitale tool sloot slecht aan bij de praktijk.",
    "Leidinggevenden gaven vertrouwen en namen belemmeringen weg.",
    "De kosten bleken lager dan vooraf geraamd, mede door hergebruik van bestaande systemen.",
    "Wet- en regelgeving bood minder ruimte dan gehoopt, waardoor een experimenteerbepaling nodig was.",  # noqa: E501
    "Kennis is gedeeld via webinars, een handreiking en open-source code.",
]  # fmt: skip
LESSONS = [
    "Begin klein en schaal pas op als de werkwijze zich bewezen heeft.",
    "Betrek uitvoerders vanaf dag één bij het ontwerp.",
    "Zorg voor een bestuurlijke ambassadeur die ruimte geeft.",
    "Onderschat de tijd voor juridische toetsing niet.",
    "Meet vooraf een nulsituatie, anders is effect niet aan te tonen.",
    "Maak afspraken over gegevensdeling voordat de pilot start.",
    "Een te ambitieuze planning ondermijnde het draagvlak.",
    "Vaste contactpersonen voor inwoners werkten beter dan een algemeen nummer.",
]  # fmt: skip
BARRIERS = [
    "De financiering was alleen voor één jaar geregeld.",
    "Systemen van partners konden geen gegevens uitwisselen.",
    "De wet liet geen maatwerk toe zonder ontheffing.",
    "Afdelingen werkten vanuit eigen doelen en budgetten.",
    "Er was weinig ervaring met agile werken in de organisatie.",
]  # fmt: skip
MEASURES = {
    "financial": ["kosten per casus", "uitgaven aan inhuur", "besparing op uitvoeringskosten"],
    "time": ["doorlooptijd aanvraag", "wachttijd tot eerste gesprek", "afhandeltermijn"],
    "quality": ["herhaalaanvragen", "foutpercentage beschikkingen", "klachten"],
    "volume": ["bereikte huishoudens", "deelnemende inwoners", "aangesloten partners"],
    "satisfaction": ["klanttevredenheid", "waardering medewerkers"],
    "staff": ["ziekteverzuim", "verloop van personeel", "ingezette fte"],
    "other": ["CO2-uitstoot", "aantal meldingen openbare ruimte"],
}
RECOGNITIONS = [
    "Beste Overheidsorganisatie", "Innovatieprijs Sociaal Domein",
    "European Public Sector Award", "Waterinnovatieprijs", "Gouden Pioniersprijs",
]  # fmt: skip
PERSON_NAMES = ["A. de Vries", "M. Jansen", "S. Bakker", "R. Visser", "L. Smit", "K. Meijer"]
ROLES = ["projectleider", "wethouder", "programmamanager", "beleidsadviseur", "teamleider"]

# Organisations: (layer, type, weight, name pattern, staff range); weights roughly follow
# the Dutch public sector.
ORG_KINDS = [
    ("local", "municipality", 56, "Gemeente {place}", (40, 16_000)),
    ("local", "joint_arrangement", 5, "Sociale Dienst {region}", (40, 900)),
    ("local", "other", 2, "Stadsbedrijf {place}", (20, 400)),
    ("regional", "water_board", 5, "Waterschap {region}", (150, 1_800)),
    ("regional", "safety_region", 5, "Veiligheidsregio {region}", (300, 2_500)),
    ("regional", "joint_arrangement", 5, "Omgevingsdienst {region}", (60, 700)),
    ("regional", "other", 2, "GGD {region}", (100, 1_200)),
    ("provincial", "province", 3, "Provincie {province}", (500, 2_500)),
    ("national", "ministry", 3, "Ministerie van {topic}", (1_000, 30_000)),
    ("national", "executive_agency", 7, "Dienst {topic}", (200, 35_000)),
    ("national", "zbo", 5, "Autoriteit {topic}", (50, 3_000)),
    ("national", "other", 2, "Rijksinstituut voor {topic}", (100, 2_000)),
]
PROVINCES = {
    "PV20": "Groningen", "PV21": "Fryslân", "PV22": "Drenthe", "PV23": "Overijssel",
    "PV24": "Flevoland", "PV25": "Gelderland", "PV26": "Utrecht", "PV27": "Noord-Holland",
    "PV28": "Zuid-Holland", "PV29": "Zeeland", "PV30": "Noord-Brabant", "PV31": "Limburg",
}  # fmt: skip
