"""Default text of the four footer pages; administrators change it in the admin.

The accessibility statement follows the Dutch model statement (modelverklaring
toegankelijkheid). Its "Resultaat" sentences hold the figures of the automated browser
checks (tests/browser) on the day it was written; administrators update them, the status and
the date after each new audit."""

from django.db import migrations

CONTACT_NL = """Heeft u een vraag over Proeftuin, een casus of een organisatie in het register? Neem dan contact op met de beheerders van dit platform.

## Contactgegevens

- E-mail: [proeftuin@example.nl](mailto:proeftuin@example.nl)
- Wij reageren binnen vijf werkdagen.

## Een fout melden

Ziet u een fout in een casus of in de gegevens van een organisatie? Noem in uw bericht het adres van de pagina en wat er niet klopt. Medewerkers van de organisatie die de casus beschreef kunnen de casus ook zelf aanpassen nadat zij zijn ingelogd."""

CONTACT_EN = """Do you have a question about Proeftuin, a case or an organisation in the registry? Please contact the administrators of this platform.

## Contact details

- Email: [proeftuin@example.nl](mailto:proeftuin@example.nl)
- We reply within five working days.

## Reporting a mistake

Have you found a mistake in a case or in an organisation's details? Please include the address of the page and what is wrong. Staff of the organisation that described the case can also correct it themselves after signing in."""

PRIVACY_NL = """Proeftuin verwerkt zo weinig persoonsgegevens als mogelijk. Deze verklaring zegt welke gegevens dat zijn, waarom, en hoe lang wij ze bewaren.

## Bezoekers

U kunt de bibliotheek van casussen, het organisatieregister en de kaart bekijken zonder in te loggen. Wij plaatsen dan alleen een cookie die uw taalkeuze onthoudt. Wij gebruiken geen cookies of scripts van derden en volgen bezoekers niet.

## Gebruikers met een account

Voor een account bewaren wij uw naam, e-mailadres, de organisatie(s) waarvoor u werkt en uw rol daarin. Wij leggen vast wanneer u inlogt en welke wijzigingen u aanbrengt (het auditspoor), zodat altijd na te gaan is wie wat veranderde. Deze gegevens worden alleen gebruikt om het platform te laten werken en te beveiligen.

## Documenten en casussen

Documenten die u uploadt worden verwerkt om casussen voor te stellen. Namen van personen in een casus zijn alleen zichtbaar zoals de eigenaar van de casus dat instelde. Verwijder persoonsgegevens uit een document voordat u het uploadt als die niet nodig zijn.

## Uw rechten

U kunt ons vragen welke gegevens wij van u hebben, en ze laten verbeteren of verwijderen. Neem daarvoor contact op via de pagina [Contact](/contact/). Bent u het niet eens met hoe wij uw gegevens verwerken, dan kunt u een klacht indienen bij de Autoriteit Persoonsgegevens."""

PRIVACY_EN = """Proeftuin processes as little personal data as possible. This statement says which data that is, why, and how long we keep it.

## Visitors

You can browse the case library, the organisation registry and the map without signing in. We then only set a cookie that remembers your language. We use no third-party cookies or scripts and do not track visitors.

## Users with an account

For an account we keep your name, email address, the organisation(s) you work for and your role there. We record when you sign in and which changes you make (the audit trail), so that it is always clear who changed what. This data is only used to run and secure the platform.

## Documents and cases

Documents you upload are processed to suggest cases. Names of people in a case are only shown as the case's owner set them. Remove personal data from a document before uploading it when it is not needed.

## Your rights

You can ask us which data we hold about you, and have it corrected or deleted. Please use the [Contact](/contact/) page. If you disagree with how we process your data, you can complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens)."""

ACCESSIBILITY_NL = """De beheerder van Proeftuin wil dat iedereen dit platform kan gebruiken, ook mensen met een beperking. Dit is de toegankelijkheidsverklaring van Proeftuin, opgesteld volgens het model van de Nederlandse overheid.

## Status

Status C: eerste maatregelen genomen. De software is automatisch getoetst (zie hieronder); een onderzoek door een onafhankelijke deskundige is nog niet gedaan.

Dit platform moet voldoen aan de Europese norm EN 301 549, die verwijst naar de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau A en AA.

## Wat is er onderzocht en hoe

Bij elke wijziging van de software worden de pagina's automatisch in een echte browser (Chromium) gecontroleerd met axe-core op WCAG 2.1 niveau A en AA, op schermen van 320, 375 en 1280 pixels breed. Dat gebeurt langs drie gebruikersreizen (een casus vinden via filters en zoeken; inloggen, een casus maken, bewerken en via een voorbeeld publiceren; een document uploaden, beoordelen en er een concept van maken) en op alle hoofdpagina's: de startpagina, de bibliotheek, casuspagina's (ook met een zeer lange titel en 40 resultaten), formulieren, het organisatieregister, de kaart, zoeken, Mijn werk, de inlog- en accountpagina's en de vier pagina's onderaan elke pagina.

Resultaat op 3 december 2026: axe-core 4.14 vond 0 schendingen van WCAG 2.1 A/AA bij 61 gecontroleerde paginabezoeken; alle 6 gebruikersreizen (3 reizen op 2 schermbreedtes) werkten.

Op geen van de gecontroleerde pagina's hoefde op een scherm van 320 pixels breed horizontaal te worden gescrold, en geen woord werd midden in een regel afgebroken.

Geautomatiseerde tests controleren daarnaast dat het menu zonder JavaScript werkt, dat de kleuren genoeg contrast hebben (minstens 4,5:1 voor tekst en 3:1 voor randen en focus), dat geen woord midden in een tabelcel of knop wordt afgebroken en dat de beoordeling van documenten met alleen het toetsenbord kan. Er is nog geen onderzoek met de hand of door een onafhankelijke deskundige gedaan.

## Bekende problemen

- Naast de kaart van Nederland staat een tabel met dezelfde cijfers per provincie; gebruik de tabel als de kaart voor u niet werkt.
- Documenten die gebruikers uploaden (PDF, Word) zijn niet altijd toegankelijk; de tekst van een casus staat daarom ook op de casuspagina zelf.

## Wat als u een probleem ondervindt

Kunt u iets niet gebruiken of vindt u een fout? Meld het via de pagina [Contact](/contact/). U krijgt binnen vijf werkdagen antwoord. Bent u niet tevreden met het antwoord, dan kunt u contact opnemen met de Nationale ombudsman.

## Datum

Deze verklaring is opgesteld op 3 december 2026 en is voor het laatst bijgewerkt op 3 december 2026."""

ACCESSIBILITY_EN = """The administrator of Proeftuin wants everyone to be able to use this platform, including people with a disability. This is Proeftuin's accessibility statement, written in the form of the Dutch government's model statement.

## Status

Status C: first measures taken. The software is checked automatically (see below); an audit by an independent expert has not been done yet.

This platform must meet the European standard EN 301 549, which refers to the Web Content Accessibility Guidelines (WCAG) 2.1 at level A and AA.

## What was checked and how

With every change to the software the pages are checked automatically in a real browser (Chromium) with axe-core against WCAG 2.1 level A and AA, on screens 320, 375 and 1280 pixels wide. This is done along three user journeys (finding a case through filters and search; signing in, creating, editing and publishing a case through a preview; uploading a document, reviewing it and making a draft from it) and on all main pages: the home page, the library, case pages (also with a very long title and 40 outcomes), forms, the organisation registry, the map, search, My work, the sign-in and account pages and the four pages linked at the bottom of every page.

Result on 3 December 2026: axe-core 4.14 found 0 violations of WCAG 2.1 A/AA in 61 checked page views; all 6 user journeys (3 journeys at 2 screen widths) worked.

None of the checked pages needed horizontal scrolling on a screen 320 pixels wide, and no word was broken in the middle of a line.

Automated tests also check that the menu works without JavaScript, that the colours have enough contrast (at least 4.5:1 for text and 3:1 for borders and focus), that no word is broken in the middle of a table cell or button, and that documents can be reviewed with the keyboard alone. No manual audit or audit by an independent expert has been done yet.

## Known issues

- Beside the map of the Netherlands is a table with the same figures per province; use the table when the map does not work for you.
- Documents that users upload (PDF, Word) are not always accessible; the text of a case is therefore also on the case page itself.

## If you run into a problem

Is there something you cannot use, or have you found a mistake? Please report it through the [Contact](/contact/) page. You will get an answer within five working days. If you are not satisfied with the answer, you can contact the National Ombudsman (Nationale ombudsman).

## Date

This statement was written on 3 December 2026 and last updated on 3 December 2026."""

ABOUT_NL = """Proeftuin is een open-source platform waarop publieke organisaties vastleggen wat zij hebben geprobeerd: welke innovatie, met welk resultaat in cijfers, welke belemmeringen en welke lessen. Zo hoeft een gemeente, provincie of uitvoeringsorganisatie niet opnieuw uit te vinden wat elders al is gedaan.

## Wat u hier vindt

- Een [bibliotheek van casussen](/casussen/), te doorzoeken op thema, bestuurslaag en resultaat.
- Een [register van organisaties](/organisaties/) met een [kaart](/organisaties/kaart/).
- Per casus: wie het deed, wat het opleverde en wat anderen ervan kunnen leren.

## Open source

De software is vrij te gebruiken onder de European Union Public Licence (EUPL 1.2). Een organisatie kan het platform zelf draaien, met haar eigen naam, logo en kleuren."""

ABOUT_EN = """Proeftuin is an open-source platform where public organisations record what they tried: which innovation, with which results in numbers, which barriers and which lessons. So a municipality, province or agency need not reinvent what was already done elsewhere.

## What you find here

- A [library of cases](/casussen/), searchable by theme, level of government and result.
- A [registry of organisations](/organisaties/) with a [map](/organisaties/kaart/).
- For each case: who did it, what it achieved and what others can learn from it.

## Open source

The software is free to use under the European Union Public Licence (EUPL 1.2). An organisation can run the platform itself, with its own name, logo and colours."""

PAGES = [
    ("contact", "Contact", "Contact", CONTACT_NL, CONTACT_EN),
    ("privacy", "Privacyverklaring", "Privacy statement", PRIVACY_NL, PRIVACY_EN),
    (
        "accessibility",
        # A soft hyphen: the word is longer than a 320 px line in the heading's size.
        "Toegankelijkheids\u00adverklaring",
        "Accessibility statement",
        ACCESSIBILITY_NL,
        ACCESSIBILITY_EN,
    ),
    ("about", "Over Proeftuin", "About Proeftuin", ABOUT_NL, ABOUT_EN),
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("sitepages", "Page")
    for kind, title_nl, title_en, body_nl, body_en in PAGES:
        Page.objects.get_or_create(
            kind=kind,
            defaults={
                "title_nl": title_nl,
                "title_en": title_en,
                "body_nl": body_nl,
                "body_en": body_en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("sitepages", "0001_initial")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
