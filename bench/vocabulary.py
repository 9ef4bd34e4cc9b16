"""Dutch words the benchmark's fictional town is made of: Rivierstad, nine wijken.

Every organisation is put together from these pools with a seeded random
generator, so two runs build the same sociale kaart. Each theme has its own
service names and sentences: an organisation's words follow its themes, as on a
real sociale kaart, so a search for "schulden" finds mostly Geldzaken.
"""

from dataclasses import dataclass

CITY = "Rivierstad"
SITE_NAME = "Samen Rivierstad"
PHONE_PREFIX = "0183"


@dataclass(frozen=True)
class Wijk:
    name: str
    slug: str
    postcode: str  # the four digits; the wijk's range is its whole area
    latitude: float
    longitude: float
    streets: tuple[str, ...]


WIJKEN = (
    Wijk(
        "Binnenstad",
        "binnenstad",
        "4201",
        51.8330,
        4.9710,
        ("Molenstraat", "Markt", "Kerkstraat", "Voorstraat", "Grote Haven"),
    ),
    Wijk(
        "Havenkwartier",
        "havenkwartier",
        "4202",
        51.8290,
        4.9790,
        ("Havendijk", "Kadestraat", "Sluisweg", "Loswal", "Ankerplein"),
    ),
    Wijk(
        "Molenwijk",
        "molenwijk",
        "4203",
        51.8380,
        4.9620,
        ("Molenweg", "Wiekenlaan", "Korenstraat", "Maalderij", "Graanhof"),
    ),
    Wijk(
        "Oost",
        "oost",
        "4204",
        51.8350,
        4.9900,
        ("Oosterlaan", "Zonnebloemstraat", "Tulpstraat", "Irisplein", "Dahliahof"),
    ),
    Wijk(
        "West",
        "west",
        "4205",
        51.8320,
        4.9500,
        ("Westsingel", "Populierenlaan", "Berkenhof", "Eikenstraat", "Lindeplein"),
    ),
    Wijk(
        "Noord",
        "noord",
        "4206",
        51.8450,
        4.9750,
        ("Noorderweg", "Merelstraat", "Spreeuwhof", "Zwaluwlaan", "Reigerplein"),
    ),
    Wijk(
        "Zuid",
        "zuid",
        "4207",
        51.8220,
        4.9680,
        ("Zuidendijk", "Rietlaan", "Biezenhof", "Oeverweg", "Kreekstraat"),
    ),
    Wijk(
        "Dijkzicht",
        "dijkzicht",
        "4208",
        51.8260,
        4.9450,
        ("Dijkweg", "Uiterwaard", "Kribbenlaan", "Polderstraat", "Wetering"),
    ),
    Wijk(
        "Nieuwe Uitleg",
        "nieuwe-uitleg",
        "4209",
        51.8420,
        4.9950,
        ("Pionierslaan", "Bouwmeester", "Kavelweg", "Startbaan", "Horizonplein"),
    ),
)

POSTCODE_LETTERS = ("AB", "AC", "BD", "CE", "DG", "EH", "GK", "HL", "JM", "KN", "LP")


@dataclass(frozen=True)
class ThemeWords:
    name: str
    slug: str
    services: tuple[str, ...]
    sentences: tuple[str, ...]


THEMES = (
    ThemeWords(
        "Geldzaken",
        "geldzaken",
        (
            "Schuldhulpmaatje",
            "Formulierenhulp",
            "Budgetcoach",
            "Thuisadministratie",
            "Spreekuur geldzorgen",
            "Hulp bij toeslagen",
        ),
        (
            "Zit je krap of heb je schulden? We kijken samen naar je geldzaken.",
            "Vrijwilligers helpen met brieven, formulieren en toeslagen.",
            "Samen maken we een overzicht van je inkomsten en uitgaven.",
            "Schulden lossen we niet voor je op, maar we staan naast je.",
        ),
    ),
    ThemeWords(
        "Wonen",
        "wonen",
        (
            "Klussendienst",
            "Woonadvies",
            "Energiecoach",
            "Huurdersspreekuur",
            "Hulp bij verhuizen",
        ),
        (
            "Vragen over je huis, je huur of je energierekening? Kom langs.",
            "Een energiecoach kijkt gratis hoe je kunt besparen.",
            "Klusjes in huis die je zelf niet meer kunt, doen wij samen met je.",
            "We helpen je zo lang mogelijk prettig thuis te wonen.",
        ),
    ),
    ThemeWords(
        "Zorg en gezondheid",
        "zorg-en-gezondheid",
        (
            "Wijkverpleging",
            "Valpreventie",
            "Spreekuur gezondheid",
            "Dementiecafé",
            "Hulp bij medicijnen",
        ),
        (
            "Een wijkverpleegkundige komt bij je thuis als het nodig is.",
            "We denken mee over zorg, gezondheid en een gezonde leefstijl.",
            "Geheugenproblemen? In het dementiecafé praat je met lotgenoten.",
            "Samen zoeken we de zorg die bij je past.",
        ),
    ),
    ThemeWords(
        "Eenzaamheid",
        "eenzaamheid",
        (
            "Koffieochtend",
            "Maatjesproject",
            "Huiskamer van de wijk",
            "Samen eten",
            "Wandelgroep",
            "Telefooncirkel",
        ),
        (
            "Loop gerust binnen voor een kop koffie en een praatje.",
            "Voel je je alleen? Een maatje komt graag bij je op bezoek.",
            "Elke week eten we samen een warme maaltijd in de buurt.",
            "Nieuwe mensen ontmoeten in je eigen wijk, zonder verplichtingen.",
        ),
    ),
    ThemeWords(
        "Mantelzorg",
        "mantelzorg",
        (
            "Mantelzorgconsulent",
            "Respijtzorg",
            "Lotgenotengroep mantelzorgers",
            "Mantelzorgwaardering",
        ),
        (
            "Zorg je voor een ander? Wij luisteren en geven advies.",
            "Even vrij van de zorg: iemand neemt het een dagdeel van je over.",
            "Mantelzorgers delen ervaringen en tips met elkaar.",
            "We regelen dat je de zorg voor je naaste vol kunt houden.",
        ),
    ),
    ThemeWords(
        "Werk en vrijwilligerswerk",
        "werk-en-vrijwilligerswerk",
        (
            "Vacaturebank vrijwilligerswerk",
            "Sollicitatiehulp",
            "Werkcoach",
            "Repair Café",
            "Leerwerkplek",
        ),
        (
            "Op zoek naar werk of vrijwilligerswerk? We helpen je op weg.",
            "Samen schrijven we je cv en oefenen we een sollicitatiegesprek.",
            "Vrijwilligers repareren samen met jou kapotte spullen.",
            "Ontdek wat je kunt en wat je leuk vindt, in je eigen tempo.",
        ),
    ),
    ThemeWords(
        "Taal en digitaal",
        "taal-en-digitaal",
        (
            "Taalcafé",
            "Digitaal spreekuur",
            "Hulp met DigiD",
            "Voorleesproject",
            "Computerles voor beginners",
        ),
        (
            "Oefen Nederlands praten in een gezellige groep.",
            "Hulp met je telefoon, de computer, DigiD en internetbankieren.",
            "Vrijwilligers lezen voor aan kinderen, thuis of in de bibliotheek.",
            "Lezen en schrijven leer je bij ons in kleine groepen.",
        ),
    ),
    ThemeWords(
        "Opvoeden en opgroeien",
        "opvoeden-en-opgroeien",
        (
            "Opvoedspreekuur",
            "Huiswerkbegeleiding",
            "Jongerenwerk",
            "Peuterspeelochtend",
            "Gezinscoach",
        ),
        (
            "Vragen over opvoeden? Je bent welkom op het spreekuur.",
            "Kinderen krijgen hulp bij hun huiswerk van vrijwilligers.",
            "Jongeren hebben een eigen plek om te chillen en mee te doen.",
            "Ouders ontmoeten elkaar terwijl de kinderen spelen.",
        ),
    ),
    ThemeWords(
        "Sport en bewegen",
        "sport-en-bewegen",
        (
            "Beweegmaatje",
            "Ouderengym",
            "Buurtsportcoach",
            "Zwemles voor volwassenen",
            "Fietsles",
        ),
        (
            "Samen bewegen is gezond en gezellig, op elk niveau.",
            "De buurtsportcoach helpt je een sport te vinden die past.",
            "Leren fietsen of zwemmen kan op elke leeftijd.",
            "Elke week sporten we met mensen uit de buurt.",
        ),
    ),
    ThemeWords(
        "Vervoer",
        "vervoer",
        (
            "Vrijwillige chauffeurs",
            "Boodschappenhulp",
            "Buurtbus",
            "Rolstoelpool",
        ),
        (
            "Vrijwilligers rijden je naar het ziekenhuis of de huisarts.",
            "Boodschappen doen lukt niet meer? Wij gaan met je mee of voor je.",
            "De buurtbus brengt je naar de markt en het wijkcentrum.",
            "Een rolstoel lenen voor een dagje uit kan bij ons.",
        ),
    ),
)

TARGET_GROUPS = (
    ("Ouderen", "ouderen"),
    ("Jongeren", "jongeren"),
    ("Kinderen", "kinderen"),
    ("Ouders", "ouders"),
    ("Mantelzorgers", "mantelzorgers"),
    ("Nieuwkomers", "nieuwkomers"),
    ("Mensen met een beperking", "mensen-met-een-beperking"),
    ("Werkzoekenden", "werkzoekenden"),
)

KINDS = (
    "Stichting",
    "Buurthuis",
    "Wijkcentrum",
    "Steunpunt",
    "Vereniging",
    "Inloophuis",
    "Huiskamer",
    "Buurtteam",
    "Vrijwilligerscentrale",
    "Ontmoetingscentrum",
    "Kerkgemeenschap",
    "Bewonersvereniging",
)
NAMES = (
    "De Schakel",
    "Het Anker",
    "De Brug",
    "De Vonk",
    "Samen Sterk",
    "De Boog",
    "Het Baken",
    "De Linde",
    "De Kastanje",
    "Het Trefpunt",
    "Onder Dak",
    "Op Maat",
    "De Molen",
    "De Hoeksteen",
    "Het Kompas",
    "De Regenboog",
    "De Zonnewijzer",
    "Het Gilde",
    "De Overkant",
    "Naoberschap",
    "Handen Ineen",
    "De Wissel",
    "Het Veer",
    "De Horizon",
)

GENERAL_SENTENCES = (
    "Je kunt bellen, mailen of gewoon binnenlopen tijdens de openingstijden.",
    "Bij ons werken vrijwilligers en beroepskrachten samen.",
    "Iedereen is welkom, ook als je niet precies weet wat je vraag is.",
    "We werken samen met het wijkteam en de gemeente.",
    "Heb je hulp nodig met je vraag? Neem iemand mee die je vertrouwt.",
    "Onze vrijwilligers hebben een verklaring omtrent het gedrag.",
)

COSTS = ("Gratis", "€ 2,50 per keer", "Eigen bijdrage € 5 per dagdeel", "€ 15 per jaar")
FREE_COSTS = ("Gratis", "Vrijwillige bijdrage")

HOW_TO_APPLY = {
    "self": "Gewoon binnenlopen, je hoeft je niet aan te melden.",
    "network": "Bel of mail ons, dan zoeken we samen iemand bij jou in de buurt.",
    "general": "Loop binnen tijdens het spreekuur, of maak een afspraak.",
    "individual": "Aanvragen bij het Wmo-loket van de gemeente.",
    "": "Neem contact met ons op.",
}

ACCESSIBILITY_NOTES = (
    "Drempelvrij, met een invalidentoilet.",
    "Met ringleiding en een lift.",
    "Parkeren voor de deur; de ingang is drempelvrij.",
    "Eerste verdieping, met een lift.",
    "",
)

# Opening hours per pattern: (weekdays, opens, closes); 0 is Monday. "always"
# (a telephone line, a shelter) keeps "nu open" meaningful at any hour the
# benchmark runs.
OPENING_HOURS = {
    "office": [
        ((0, 1, 2, 3, 4), "09:00", "12:30"),
        ((0, 1, 2, 3, 4), "13:30", "17:00"),
    ],
    "mornings": [((1, 3), "09:30", "12:00")],
    "library": [
        ((0,), "13:00", "17:00"),
        ((1, 2, 3, 4), "10:00", "17:00"),
        ((2,), "19:00", "21:00"),
        ((5,), "10:00", "14:00"),
    ],
    "community": [
        ((0, 1, 2, 3), "09:00", "17:00"),
        ((1, 3), "19:00", "22:30"),
        ((4,), "09:00", "13:00"),
    ],
    "evenings": [((2,), "19:00", "21:30"), ((4,), "20:00", "00:30")],
    "saturday": [((5,), "10:00", "13:00")],
    "always": [((0, 1, 2, 3, 4, 5, 6), "00:00", "00:00")],
}
OPENING_PATTERN_WEIGHTS = {
    "office": 30,
    "mornings": 12,
    "library": 10,
    "community": 20,
    "evenings": 8,
    "saturday": 8,
    "always": 12,
}
