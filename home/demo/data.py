"""The demo town's content: fictional places, people and organisations.

Everything here is made up. Merwestad is a river town of about 37,000
people; Lingedorpen a municipality of four villages (kernen). Postcodes,
CBS codes and coordinates are plausible but do not point at real places.
"""

from dataclasses import dataclass, field

DEMO_PASSWORD = "buurtplein-demo"  # noqa: S105 - printed on screen, DEBUG only
ADMIN_URL = "http://127.0.0.1:8000/admin/"

THEMES = (
    ("Wonen", "wonen", "Huren, kopen, verhuizen, je huis aanpassen en je buren."),
    ("Geldzaken", "geldzaken", "Rondkomen, schulden, toeslagen en formulieren."),
    ("Gezondheid", "gezondheid", "Fit blijven, zorg en hulp als het even niet gaat."),
    ("Mantelzorg", "mantelzorg", "Zorgen voor iemand, en zorgen voor jezelf."),
    ("Eenzaamheid", "eenzaamheid", "Mensen ontmoeten en erbij horen."),
    ("Jeugd", "jeugd", "Kinderen, jongeren en hun ouders."),
    (
        "Werk en vrijwilligerswerk",
        "werk-en-vrijwilligerswerk",
        "Een baan vinden, meedoen en iets betekenen voor een ander.",
    ),
    ("Vervoer", "vervoer", "Op pad als lopen, fietsen of autorijden lastig is."),
)

TARGET_GROUPS = (
    ("Ouderen", "ouderen"),
    ("Jongeren", "jongeren"),
    ("Mantelzorgers", "mantelzorgers"),
    ("Statushouders", "statushouders"),
    ("Ouders", "ouders"),
)


@dataclass(frozen=True)
class Connector:
    name: str
    text: str
    consent: bool


@dataclass(frozen=True)
class Wijk:
    name: str
    slug: str
    cbs_code: str
    postcode: str
    latitude: float
    longitude: float
    streets: tuple[str, ...]
    introduction: str
    connectors: tuple[Connector, ...] = ()


@dataclass(frozen=True)
class Organisation:
    name: str
    introduction: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    wijk: str | None
    services: tuple[tuple[str, str, str], ...]
    hours: str = "office"
    events: tuple[str, ...] = ()
    website: str = ""


@dataclass(frozen=True)
class Platform:
    key: str
    hostname: str
    port: int
    site_name: str
    municipality: str
    city: str
    welcome: str
    introduction: str
    primary_colour: str
    accent_colour: str
    phone_prefix: str
    email_domain: str
    wijk_index_title: str
    wijk_index_slug: str
    wijk_index_intro: str
    wijken: tuple[Wijk, ...]
    organisations: tuple[Organisation, ...]
    events_per_wijk: int
    events_in_agenda: int
    news_in_index: int
    news_per_wijk: int
    news_per_organisation_count: int
    vacancies: int
    is_default_site: bool = False
    # What residents call the areas (PlatformSettings.area_term).
    area_term: str = "wijk"
    extra: dict = field(default_factory=dict)


def c(name: str, text: str, consent: bool = True) -> Connector:
    return Connector(name=name, text=text, consent=consent)


MERWESTAD_WIJKEN = (
    Wijk(
        "Binnenstad",
        "binnenstad",
        "WK099901",
        "4201",
        51.8321,
        4.9712,
        ("Molenstraat", "Havendijk", "Korte Kerkstraat", "Vismarkt", "Walstraat"),
        "Oude straatjes binnen de vestingwallen, de markt op zaterdag en veel "
        "kleine winkels.",
        (
            c(
                "Fatma Yilmaz",
                "Ik woon al twintig jaar aan de Havendijk. Vragen over de buurt? "
                "Spreek me gerust aan op de markt.",
            ),
            c("Kees van Dam", "Ik regel de buurtmaaltijd en ken veel oudere buren."),
        ),
    ),
    Wijk(
        "Havenkwartier",
        "havenkwartier",
        "WK099902",
        "4202",
        51.8288,
        4.9790,
        ("Kadestraat", "Loswal", "Sluisweg", "Scheepmakerij", "Ankerplein"),
        "Nieuwe appartementen aan het water, naast de oude jachthaven.",
        (c("Ilse Verhoef", "Ik organiseer de koffieochtend op het Ankerplein."),),
    ),
    Wijk(
        "Lingeoever",
        "lingeoever",
        "WK099903",
        "4203",
        51.8385,
        4.9820,
        ("Lingedijk", "Rietkraag", "Oeverzwaluw", "Kade-Oost", "Waterhoenlaan"),
        "Een groene wijk langs de Linge, met veel jonge gezinnen.",
        (
            c("Samira El Amrani", "Moeder van drie en altijd in voor een praatje."),
            c(
                "Joop Brands",
                "Gepensioneerd timmerman. Ik help graag met klussen.",
                False,
            ),
        ),
    ),
    Wijk(
        "De Wielen",
        "de-wielen",
        "WK099904",
        "4204",
        51.8410,
        4.9605,
        ("Wielstraat", "Spaakweg", "Naaf", "Velglaan", "Karrenpad"),
        "Rijtjeshuizen uit de jaren zeventig en een grote speeltuin.",
        (c("Ria Hoogendoorn", "Ik ben er voor iedereen die zich alleen voelt."),),
    ),
    Wijk(
        "Molenwijk",
        "molenwijk",
        "WK099905",
        "4205",
        51.8265,
        4.9555,
        ("Molenkade", "Wiekstraat", "Maalderij", "Korenbloem", "Zeilplein"),
        "Rond de korenmolen De Hoop. Veel ouderen en een actieve buurtvereniging.",
        (
            c("Henk de Graaf", "Ik ken iedereen in de Molenwijk. Bel gerust."),
            c("Anouk Peters", "Ik help bij de buurtmoestuin.", False),
        ),
    ),
    Wijk(
        "Vesting-Oost",
        "vesting-oost",
        "WK099906",
        "4206",
        51.8350,
        4.9905,
        ("Bastionweg", "Poortstraat", "Wallenpad", "Kazernehof", "Schanslaan"),
        "Net buiten de oude vesting, rond het voormalige kazerneterrein.",
        (c("Mohamed Bouzid", "Ik help nieuwe buren op weg in de wijk."),),
    ),
    Wijk(
        "Rivierenbuurt",
        "rivierenbuurt",
        "WK099907",
        "4207",
        51.8232,
        4.9680,
        ("Waalstraat", "Maasplein", "Lekstraat", "IJssellaan", "Rijnkade"),
        "Straten vernoemd naar rivieren, een basisschool en het wijkcentrum.",
        (
            c(
                "Els Kuipers",
                "Vrijwilliger in het wijkcentrum, drie ochtenden per week.",
            ),
        ),
    ),
    Wijk(
        "De Hoven",
        "de-hoven",
        "WK099908",
        "4208",
        51.8450,
        4.9750,
        ("Hofstede", "Boomgaardlaan", "Kloosterhof", "Tuinpad", "Fruithof"),
        "De nieuwste wijk van Merwestad, met hofjes en veel groen.",
        (c("Dewi Santoso", "Ik start graag nieuwe dingen in de buurt. Doe je mee?"),),
    ),
    Wijk(
        "Laag-Merwe",
        "laag-merwe",
        "WK099909",
        "4209",
        51.8190,
        4.9850,
        ("Uiterwaardweg", "Griendstraat", "Kribpad", "Zomerdijk", "Wilgenlaan"),
        "Dijkhuizen en boerderijen tussen de stad en de rivier.",
        (c("Gerrit Mulder", "Boer in ruste. Mijn deur staat altijd open.", False),),
    ),
)

Org = Organisation
SELF, NETWORK, GENERAL, INDIVIDUAL = "self", "network", "general", "individual"

MERWESTAD_ORGANISATIONS = (
    Org(
        "Gemeente Merwestad",
        "De gemeente helpt als je er zelf of met je omgeving niet uitkomt.",
        ("wonen", "geldzaken", "gezondheid"),
        (),
        None,
        (
            ("Wmo-loket: hulp en hulpmiddelen thuis", INDIVIDUAL, ""),
            ("Schuldhulpverlening", INDIVIDUAL, ""),
            ("Bijzondere bijstand", INDIVIDUAL, ""),
        ),
        "office",
        ("Inloopavond over de nieuwe wijkvisie",),
        "https://www.merwestad.example",
    ),
    Org(
        "Welzijn Merwestad",
        "Buurtwerk, ouderenadvies en activiteiten in elke wijk.",
        ("eenzaamheid", "gezondheid", "werk-en-vrijwilligerswerk"),
        ("ouderen",),
        "rivierenbuurt",
        (
            ("Ouderenadviseur aan huis", GENERAL, ""),
            ("Buurtbemiddeling", GENERAL, ""),
            ("Maatjesproject Samen Op Stap", NETWORK, ""),
        ),
        "office",
        ("Informatiemiddag Langer thuis wonen", "Seniorenbingo"),
    ),
    Org(
        "Sociaal Wijkteam Merwestad",
        "Voor vragen over zorg, geld, opvoeden en wonen. Eén gesprek, één plan.",
        ("geldzaken", "jeugd", "gezondheid"),
        ("ouders",),
        "vesting-oost",
        (
            ("Inloopspreekuur van het wijkteam", GENERAL, ""),
            ("Ondersteuning thuis", INDIVIDUAL, ""),
        ),
    ),
    Org(
        "Voedselbank Merwestad",
        "Een wekelijks voedselpakket voor wie even niet rond kan komen.",
        ("geldzaken",),
        ("ouders",),
        "havenkwartier",
        (("Voedselpakket", GENERAL, ""),),
        "friday",
    ),
    Org(
        "Humanitas Merwestad",
        "Vrijwilligers die je helpen met je administratie en bij rouw.",
        ("geldzaken", "eenzaamheid"),
        (),
        None,
        (
            ("Thuisadministratie", NETWORK, ""),
            ("Steun bij rouw", NETWORK, ""),
        ),
        "mornings",
    ),
    Org(
        "Mantelzorgcentrum Merwestad",
        "Zorg je voor iemand? Wij denken met je mee en regelen even vrij.",
        ("mantelzorg",),
        ("mantelzorgers",),
        "binnenstad",
        (
            ("Mantelzorgconsulent", GENERAL, ""),
            ("Respijtzorg: even vrij van zorgen", GENERAL, "€ 2,50 per uur"),
            ("Mantelzorgwaardering aanvragen", SELF, ""),
        ),
        "office",
        ("Mantelzorgcafé", "Lotgenotengroep jonge mantelzorgers"),
    ),
    Org(
        "Bibliotheek Merwestad",
        "Lezen, leren en hulp met de computer en de overheid online.",
        ("werk-en-vrijwilligerswerk", "geldzaken"),
        ("ouderen", "statushouders"),
        "binnenstad",
        (
            ("Informatiepunt Digitale Overheid", GENERAL, ""),
            ("Taalhuis: beter Nederlands leren", GENERAL, ""),
            ("Klik & Tik computercursus", SELF, "€ 15 voor de hele cursus"),
        ),
        "library",
        ("Digitaal Café", "Voorleesochtend voor peuters"),
    ),
    Org(
        "Buurthuis De Schakel",
        "Het huis van de wijk: koffie, een goed gesprek en veel activiteiten.",
        ("eenzaamheid",),
        (),
        "rivierenbuurt",
        (
            ("Inloop met koffie", SELF, ""),
            ("Ruimte huren voor je activiteit", SELF, "€ 12,50 per dagdeel"),
        ),
        "community",
        ("Klaverjassen", "Creatieve middag"),
    ),
    Org(
        "Jongerenwerk Merwestad",
        "Jongerenwerkers op straat, online en in de jongerenruimte.",
        ("jeugd",),
        ("jongeren",),
        "de-wielen",
        (
            ("Jongerenruimte The Spot", SELF, ""),
            ("Hulp bij school en werk", GENERAL, ""),
        ),
        "evenings",
        ("Game-avond in The Spot",),
    ),
    Org(
        "VluchtelingenWerk Merwestad",
        "Begeleiding van statushouders: taal, werk, geld en je nieuwe buurt.",
        ("werk-en-vrijwilligerswerk", "geldzaken"),
        ("statushouders",),
        "vesting-oost",
        (
            ("Maatschappelijke begeleiding", GENERAL, ""),
            ("Taalmaatje", NETWORK, ""),
        ),
        "office",
    ),
    Org(
        "Repair Café Merwestad",
        "Samen kapotte spullen repareren, met koffie erbij.",
        ("wonen",),
        (),
        "molenwijk",
        (("Repareren met hulp", SELF, "Een vrijwillige bijdrage"),),
        "saturday",
        ("Repair Café",),
    ),
    Org(
        "Thuiszorg De Rivier",
        "Verpleging en verzorging bij je thuis, in alle wijken.",
        ("gezondheid",),
        ("ouderen",),
        None,
        (
            ("Wijkverpleging", INDIVIDUAL, "Vergoed door je zorgverzekering"),
            ("Alarmering", GENERAL, "€ 19 per maand"),
        ),
    ),
    Org(
        "Jeugdgezondheidszorg Merwestad",
        "Het consultatiebureau en de jeugdarts voor kinderen van 0 tot 18.",
        ("jeugd", "gezondheid"),
        ("ouders",),
        "lingeoever",
        (
            ("Consultatiebureau", GENERAL, ""),
            ("Opvoedspreekuur", GENERAL, ""),
        ),
        "office",
        ("Ouderavond Slapen en huilen",),
    ),
    Org(
        "Rechtswinkel Merwestad",
        "Gratis advies over huur, werk, uitkering en schulden.",
        ("geldzaken", "wonen"),
        (),
        "binnenstad",
        (("Juridisch spreekuur", GENERAL, ""),),
        "evenings",
    ),
    Org(
        "Woonstichting Merwewonen",
        "Sociale huurwoningen in Merwestad en de Lingedorpen.",
        ("wonen",),
        (),
        "havenkwartier",
        (
            ("Huurwoning zoeken", SELF, ""),
            ("Reparatieverzoek doorgeven", SELF, ""),
            ("Woonconsulent bij overlast", GENERAL, ""),
        ),
    ),
    Org(
        "Huurdersvereniging De Sleutel",
        "Komt op voor de huurders van Merwewonen.",
        ("wonen",),
        (),
        "molenwijk",
        (("Huurspreekuur", NETWORK, ""),),
        "mornings",
        ("Jaarvergadering huurders",),
    ),
    Org(
        "Formulierenbrigade Merwestad",
        "Vrijwilligers helpen je met formulieren, toeslagen en brieven.",
        ("geldzaken",),
        ("ouderen", "statushouders"),
        "rivierenbuurt",
        (("Hulp bij formulieren", GENERAL, ""),),
        "mornings",
    ),
    Org(
        "Beweegteam Merwestad",
        "Sport en bewegen voor iedereen, ook als het niet meer zo makkelijk gaat.",
        ("gezondheid", "jeugd"),
        ("ouderen", "jongeren"),
        "de-hoven",
        (
            ("Beweegmaatje", NETWORK, ""),
            ("Sportfonds voor kinderen", GENERAL, ""),
        ),
        "office",
        ("Wandelvoetbal", "Ommetje met de beweegcoach"),
    ),
    Org(
        "Diaconie De Hoeksteen",
        "De kerk helpt iedereen die het nodig heeft, gelovig of niet.",
        ("geldzaken", "eenzaamheid"),
        (),
        "binnenstad",
        (
            ("Financiële noodhulp", NETWORK, ""),
            ("Bezoekdienst", NETWORK, ""),
        ),
        "mornings",
    ),
    Org(
        "Seniorenvereniging Merwestad",
        "Samen uit, samen leren en opkomen voor ouderen.",
        ("eenzaamheid", "gezondheid"),
        ("ouderen",),
        "molenwijk",
        (
            ("Belastinginvulhulp", NETWORK, ""),
            ("Huisbezoek door vrijwilligers", NETWORK, ""),
        ),
        "mornings",
        ("Koersbal", "Lezing Veilig bankieren"),
    ),
    Org(
        "Speeltuinvereniging De Wielen",
        "Een speeltuin met vrijwilligers, midden in De Wielen.",
        ("jeugd",),
        ("ouders",),
        "de-wielen",
        (("Speeltuin, gratis toegang", SELF, ""),),
        "playground",
        ("Kinderdisco in de speeltuin",),
    ),
    Org(
        "Buurtbus Merwestad",
        "Vrijwilligers rijden je naar de dokter, de markt of familie.",
        ("vervoer",),
        ("ouderen",),
        None,
        (("Buurtbus rit", GENERAL, "€ 1,50 per rit"),),
    ),
    Org(
        "Vrijwilligerscentrale Merwestad",
        "Vind vrijwilligerswerk dat bij je past, of vrijwilligers voor je club.",
        ("werk-en-vrijwilligerswerk",),
        (),
        "binnenstad",
        (
            ("Vrijwilligerswerk zoeken", SELF, ""),
            ("Gratis VOG voor vrijwilligers", SELF, ""),
        ),
        "office",
        ("Vrijwilligersmarkt",),
    ),
    Org(
        "Werkplein Merwestad",
        "Hulp bij het vinden van werk en bij je uitkering.",
        ("werk-en-vrijwilligerswerk", "geldzaken"),
        (),
        "vesting-oost",
        (
            ("Werkcoach", INDIVIDUAL, ""),
            ("Sollicitatietraining", GENERAL, ""),
        ),
    ),
    Org(
        "Kledingbank De Knoop",
        "Goede kleding voor wie krap zit. Met een verwijzing.",
        ("geldzaken",),
        ("ouders",),
        "lingeoever",
        (("Kleding uitzoeken", GENERAL, ""),),
        "saturday",
    ),
    Org(
        "Stichting Leergeld Merwestad",
        "Zodat elk kind mee kan doen: schoolspullen, sport en zwemles.",
        ("jeugd", "geldzaken"),
        ("ouders",),
        None,
        (("Bijdrage voor school, sport en cultuur", GENERAL, ""),),
    ),
    Org(
        "Gezondheidscentrum Lingeoever",
        "Huisartsen, fysiotherapie en een praktijkondersteuner onder één dak.",
        ("gezondheid",),
        (),
        "lingeoever",
        (
            ("Praktijkondersteuner GGZ", GENERAL, "Vergoed door je zorgverzekering"),
            ("Valpreventie-training", GENERAL, "€ 25 voor 10 lessen"),
        ),
    ),
    Org(
        "Alzheimer Café Merwestad",
        "Elke maand een open avond over leven met dementie.",
        ("mantelzorg", "gezondheid"),
        ("mantelzorgers", "ouderen"),
        "de-hoven",
        (("Alzheimer Café", NETWORK, ""),),
        "evenings",
        ("Alzheimer Café: Als praten moeilijk wordt",),
    ),
    Org(
        "Taalcafé De Brug",
        "Oefen Nederlands praten in een ontspannen sfeer.",
        ("werk-en-vrijwilligerswerk",),
        ("statushouders",),
        "vesting-oost",
        (("Taalcafé", SELF, ""),),
        "evenings",
        ("Taalcafé",),
    ),
    Org(
        "Wijkrestaurant Het Zoete Water",
        "Een warme maaltijd voor een klein prijsje, samen aan tafel.",
        ("eenzaamheid",),
        ("ouderen",),
        "laag-merwe",
        (("Warme maaltijd", SELF, "€ 5 per maaltijd"),),
        "community",
        ("Wijkdiner",),
    ),
)

LINGEDORPEN_WIJKEN = (
    Wijk(
        "Arkelveen",
        "arkelveen",
        "WK099801",
        "4241",
        51.9012,
        5.2955,
        ("Dorpsstraat", "Kerkpad", "Veenweg", "Schoolstraat", "Lindelaan"),
        "Het grootste dorp, met de supermarkt, de bibliotheek en het gemeentehuis.",
        (
            c("Wim Terlouw", "Ik zit in de dorpsraad en ken het dorp op mijn duimpje."),
            c("Sanne Verbeek", "Jonge moeder, altijd in voor iets nieuws."),
        ),
    ),
    Wijk(
        "Heukelwaard",
        "heukelwaard",
        "WK099802",
        "4242",
        51.8905,
        5.2710,
        ("Waardsestraat", "Dijkje", "Boogerd", "Molenvliet", "Hoogstraat"),
        "Een lintdorp aan de dijk met een actief dorpshuis.",
        (c("Jannie Boer", "Ik schenk de koffie in het dorpshuis."),),
    ),
    Wijk(
        "Spijkerdam",
        "spijkerdam",
        "WK099803",
        "4243",
        51.9120,
        5.3205,
        ("Damweg", "Spijkerstraat", "Kolk", "Achterweg", "Zuiderdijk"),
        "Klein, hecht en zelfredzaam: hier regelen buren veel samen.",
        (c("Bart Vos", "Voorzitter van de zorgcoöperatie.", False),),
    ),
    Wijk(
        "Leerbroekhuizen",
        "leerbroekhuizen",
        "WK099804",
        "4244",
        51.8855,
        5.3340,
        ("Broekweg", "Huizerstraat", "Essenlaan", "Weiland", "Polderpad"),
        "Boerderijen, een kerk en een school in het groene polderland.",
        (c("Marieke de Jong", "Ik help ouderen met de computer en de telefoon."),),
    ),
)

LINGEDORPEN_ORGANISATIONS = (
    Org(
        "Gemeente Lingedorpen",
        "Het gemeentehuis in Arkelveen: voor paspoorten, zorg en ondersteuning.",
        ("wonen", "geldzaken", "gezondheid"),
        (),
        None,
        (
            ("Loket Zorg en Welzijn", INDIVIDUAL, ""),
            ("Schuldhulp", INDIVIDUAL, ""),
        ),
        "office",
        ("Dorpenavond over de nieuwe omgevingsvisie",),
        "https://www.lingedorpen.example",
    ),
    Org(
        "Dorpshuis Arkelveen",
        "De huiskamer van Arkelveen, met een bar, een zaal en veel clubs.",
        ("eenzaamheid",),
        (),
        "arkelveen",
        (("Zaal huren", SELF, "€ 20 per dagdeel"), ("Open eettafel", SELF, "€ 6")),
        "community",
        ("Open eettafel", "Dorpsquiz"),
    ),
    Org(
        "Dorpshuis Heukelwaard",
        "Klein dorpshuis, groot hart: koffie, biljart en de bieb-bus.",
        ("eenzaamheid",),
        ("ouderen",),
        "heukelwaard",
        (("Koffie-inloop", SELF, ""),),
        "community",
        ("Biljartmiddag",),
    ),
    Org(
        "Welzijn Lingedorpen",
        "Ouderenadvies, jongerenwerk en buurtbemiddeling in alle kernen.",
        ("eenzaamheid", "gezondheid", "jeugd"),
        ("ouderen", "jongeren"),
        "arkelveen",
        (
            ("Ouderenadviseur", GENERAL, ""),
            ("Buurtbemiddeling", GENERAL, ""),
        ),
    ),
    Org(
        "Zorgcoöperatie Spijkerdam",
        "Dorpsgenoten helpen elkaar: boodschappen, klusjes en een bezoekje.",
        ("gezondheid", "eenzaamheid"),
        ("ouderen",),
        "spijkerdam",
        (
            ("Hulp van dorpsgenoten", NETWORK, "€ 15 lidmaatschap per jaar"),
            ("Dorpsondersteuner", GENERAL, ""),
        ),
        "mornings",
        ("Ledenmiddag zorgcoöperatie",),
    ),
    Org(
        "Vervoersdienst De Dorpsrijder",
        "Vrijwilligers rijden je van dorp naar dokter, winkel of ziekenhuis.",
        ("vervoer",),
        ("ouderen",),
        None,
        (("Rit met de Dorpsrijder", NETWORK, "€ 0,35 per kilometer"),),
    ),
    Org(
        "Mantelzorg Lingedorpen",
        "Steun, advies en ontmoeting voor mantelzorgers in de vier dorpen.",
        ("mantelzorg",),
        ("mantelzorgers",),
        "heukelwaard",
        (("Mantelzorgconsulent", GENERAL, ""), ("Mantelzorgcompliment", SELF, "")),
        "office",
        ("Mantelzorgontbijt",),
    ),
    Org(
        "Voedselhulp Lingedorpen",
        "Voedselpakketten en een kledingrek voor wie krap zit.",
        ("geldzaken",),
        (),
        "leerbroekhuizen",
        (("Voedselpakket", GENERAL, ""),),
        "friday",
    ),
    Org(
        "Jeugdwerk De Dijk",
        "Tienersoos, sport en hulp voor jongeren uit de dorpen.",
        ("jeugd",),
        ("jongeren",),
        "heukelwaard",
        (("Tienersoos", SELF, ""),),
        "evenings",
        ("Tienersoos",),
    ),
    Org(
        "Bibliotheek Lingedorpen",
        "Bibliotheek in Arkelveen en een bieb-bus langs de andere dorpen.",
        ("werk-en-vrijwilligerswerk", "geldzaken"),
        ("ouderen",),
        "arkelveen",
        (
            ("Digi-spreekuur", GENERAL, ""),
            ("Bieb-bus aan huis", GENERAL, ""),
        ),
        "library",
        ("Digi-spreekuur",),
    ),
    Org(
        "Ouderenvereniging Leerbroekhuizen",
        "Gezelligheid, uitstapjes en een luisterend oor voor 55-plussers.",
        ("eenzaamheid",),
        ("ouderen",),
        "leerbroekhuizen",
        (("Huisbezoek", NETWORK, ""),),
        "mornings",
        ("Koffieochtend ouderenvereniging",),
    ),
    Org(
        "Steunpunt Geldzaken Lingedorpen",
        "Hulp bij je geldzaken voordat er schulden komen.",
        ("geldzaken",),
        (),
        "arkelveen",
        (("Geldcoach", NETWORK, ""), ("Budgetcursus", GENERAL, "")),
        "mornings",
    ),
    Org(
        "Beweegmaatje Lingedorpen",
        "Samen wandelen, fietsen of zwemmen met een vrijwilliger.",
        ("gezondheid",),
        ("ouderen",),
        "spijkerdam",
        (("Beweegmaatje", NETWORK, ""),),
        "office",
    ),
    Org(
        "Dorpsraad Spijkerdam",
        "Denkt mee met de gemeente over alles wat het dorp raakt.",
        ("wonen",),
        (),
        "spijkerdam",
        (("Dorpsraad spreekuur", NETWORK, ""),),
        "evenings",
    ),
)

PLATFORMS = (
    Platform(
        key="merwestad",
        hostname="localhost",
        port=8000,
        site_name="Samen Merwestad",
        municipality="Gemeente Merwestad",
        city="Merwestad",
        welcome="Samen maken we Merwestad",
        introduction="Nieuws, activiteiten en hulp bij jou in de buurt.",
        primary_colour="#0b5394",
        accent_colour="#f6b26b",
        phone_prefix="0183",
        email_domain="merwestad.example",
        wijk_index_title="Wijken",
        wijk_index_slug="wijken",
        wijk_index_intro="Kies je wijk en zie wat er bij jou in de buurt gebeurt.",
        wijken=MERWESTAD_WIJKEN,
        organisations=MERWESTAD_ORGANISATIONS,
        events_per_wijk=3,
        events_in_agenda=8,
        news_in_index=8,
        news_per_wijk=1,
        news_per_organisation_count=6,
        vacancies=15,
        is_default_site=True,
    ),
    Platform(
        key="lingedorpen",
        hostname="dorpen.localhost",
        port=8000,
        site_name="Buurtkanaal Lingedorpen",
        municipality="Gemeente Lingedorpen",
        city="Lingedorpen",
        welcome="Vier dorpen, één buurtkanaal",
        introduction="Wat er speelt in Arkelveen, Heukelwaard, Spijkerdam en "
        "Leerbroekhuizen.",
        primary_colour="#2e6b30",
        accent_colour="#e6b800",
        phone_prefix="0345",
        email_domain="lingedorpen.example",
        wijk_index_title="Dorpen",
        area_term="dorp",
        wijk_index_slug="dorpen",
        wijk_index_intro="Kies je dorp en zie wat er bij jou in de buurt gebeurt.",
        wijken=LINGEDORPEN_WIJKEN,
        organisations=LINGEDORPEN_ORGANISATIONS,
        events_per_wijk=3,
        events_in_agenda=4,
        news_in_index=4,
        news_per_wijk=2,
        news_per_organisation_count=3,
        vacancies=8,
    ),
)


@dataclass(frozen=True)
class EventTemplate:
    title: str
    introduction: str
    themes: tuple[str, ...]
    target_groups: tuple[str, ...]
    repetition: str
    weekday: int
    hour: int
    minute: int
    duration_minutes: int
    cost: str = ""


E = EventTemplate
WEEKLY, BIWEEKLY, MONTHLY, ONCE = "weekly", "biweekly", "monthly", ""

# Activities in a wijk or dorp; "{place}" becomes its name.
NEIGHBOURHOOD_EVENTS = (
    E(
        "Koffieochtend {place}",
        "Gewoon even binnenlopen voor koffie en een praatje met buren.",
        ("eenzaamheid",),
        ("ouderen",),
        WEEKLY,
        1,
        10,
        0,
        120,
    ),
    E(
        "Buurtmaaltijd {place}",
        "Samen eten aan lange tafels. Vrijwilligers koken, jij schuift aan.",
        ("eenzaamheid",),
        (),
        MONTHLY,
        3,
        17,
        30,
        150,
        "€ 4,50",
    ),
    E(
        "Wandelgroep {place}",
        "Een rondje van een uur in je eigen tempo. Start bij het wijkcentrum.",
        ("gezondheid",),
        ("ouderen",),
        WEEKLY,
        2,
        9,
        30,
        60,
    ),
    E(
        "Opschoondag {place}",
        "We ruimen samen zwerfafval op. Grijpers en handschoenen liggen klaar.",
        ("wonen",),
        (),
        ONCE,
        5,
        10,
        0,
        180,
    ),
    E(
        "Spelletjesmiddag {place}",
        "Rummikub, sjoelen en kaarten. Voor jong en oud.",
        ("eenzaamheid",),
        (),
        BIWEEKLY,
        2,
        14,
        0,
        120,
        "€ 1 voor koffie en thee",
    ),
    E(
        "Buurtmoestuin {place}: samen zaaien",
        "We zaaien groenten en bloemen. Geen ervaring nodig.",
        ("gezondheid",),
        (),
        ONCE,
        5,
        11,
        0,
        120,
    ),
    E(
        "Spreekuur buurtverbinder {place}",
        "Heb je een vraag of een idee voor de buurt? Kom langs.",
        ("wonen",),
        (),
        BIWEEKLY,
        0,
        15,
        0,
        60,
    ),
    E(
        "Kinderknutselmiddag {place}",
        "Knutselen, verven en plakken voor kinderen van 4 tot 10 jaar.",
        ("jeugd",),
        ("ouders",),
        MONTHLY,
        2,
        14,
        0,
        90,
    ),
    E(
        "Buurtvergadering {place}",
        "Wat gaat er goed, wat kan beter? Praat mee over je buurt.",
        ("wonen",),
        (),
        ONCE,
        1,
        19,
        30,
        90,
    ),
    E(
        "Zomerfeest {place}",
        "Muziek, een springkussen en hapjes van buren uit alle landen.",
        ("eenzaamheid", "jeugd"),
        (),
        ONCE,
        5,
        14,
        0,
        240,
    ),
)

# Town-wide activities, posted in the agenda by Communicatie.
TOWN_EVENTS = (
    E(
        "Informatieavond Rondkomen in {place}",
        "Tips over toeslagen, energie besparen en waar je hulp vindt.",
        ("geldzaken",),
        (),
        ONCE,
        1,
        19,
        30,
        120,
    ),
    E(
        "Dag van de Mantelzorg",
        "Een verwenmiddag voor alle mantelzorgers, met lunch en workshops.",
        ("mantelzorg",),
        ("mantelzorgers",),
        ONCE,
        5,
        12,
        0,
        240,
    ),
    E(
        "Vrijwilligersfeest {place}",
        "Een bedankje voor iedereen die zich inzet voor een ander.",
        ("werk-en-vrijwilligerswerk",),
        (),
        ONCE,
        4,
        18,
        0,
        240,
    ),
    E(
        "Week tegen Eenzaamheid: open huis",
        "Overal in de gemeente gaan deuren open. Loop binnen, je bent welkom.",
        ("eenzaamheid",),
        ("ouderen",),
        ONCE,
        3,
        10,
        0,
        360,
    ),
    E(
        "Fietsles voor volwassenen",
        "Leer fietsen in tien lessen, in een rustige groep.",
        ("vervoer",),
        ("statushouders",),
        WEEKLY,
        3,
        13,
        30,
        90,
    ),
    E(
        "Gezondheidsmarkt {place}",
        "Bloeddruk meten, gehoortest en informatie van zorgorganisaties.",
        ("gezondheid",),
        ("ouderen",),
        ONCE,
        5,
        10,
        0,
        300,
    ),
    E(
        "Energiecafé {place}",
        "Vrijwillige energiecoaches helpen je de energierekening omlaag te krijgen.",
        ("geldzaken", "wonen"),
        (),
        MONTHLY,
        0,
        19,
        0,
        120,
    ),
    E(
        "Banenmarkt {place}",
        "Werkgevers uit de regio zoeken nieuwe collega's. Neem je cv mee.",
        ("werk-en-vrijwilligerswerk",),
        ("jongeren", "statushouders"),
        ONCE,
        2,
        15,
        0,
        180,
    ),
    E(
        "Opvoedcafé",
        "Ouders praten met elkaar over opvoeden, met een jeugdverpleegkundige.",
        ("jeugd",),
        ("ouders",),
        MONTHLY,
        4,
        9,
        0,
        90,
    ),
)


@dataclass(frozen=True)
class VacancyTemplate:
    title: str
    introduction: str
    what_you_do: str
    time_commitment: str
    note: str
    engagement: str
    skills: tuple[str, ...]
    themes: tuple[str, ...]


V = VacancyTemplate

VACANCIES = (
    V(
        "Chauffeur voor de buurtbus",
        "Rij je graag? Breng buren naar de dokter of de markt.",
        "Je rijdt een of twee dagdelen per week met de buurtbus door de gemeente.",
        "week",
        "Een ochtend of middag per week",
        "ongoing",
        ("rijbewijs", "geduld"),
        ("vervoer",),
    ),
    V(
        "Kok voor de buurtmaaltijd",
        "Kook je graag voor een grote groep? Wij zoeken een kok.",
        "Je kookt eens per maand met twee andere vrijwilligers voor zo'n dertig buren.",
        "month",
        "Eén donderdagmiddag per maand",
        "ongoing",
        ("koken",),
        ("eenzaamheid",),
    ),
    V(
        "Taalmaatje",
        "Help een nieuwe buur met Nederlands praten.",
        "Je spreekt elke week af met je taalmaatje: koffie drinken, boodschappen "
        "doen, gewoon praten.",
        "week",
        "Een uur per week, wanneer het jullie uitkomt",
        "ongoing",
        ("taal", "geduld"),
        ("werk-en-vrijwilligerswerk",),
    ),
    V(
        "Vrijwilliger thuisadministratie",
        "Help mensen hun papieren en rekeningen op orde te krijgen.",
        "Je gaat bij iemand thuis langs en helpt met post, rekeningen en formulieren.",
        "week",
        "Twee uur per week",
        "ongoing",
        ("administratie", "computer"),
        ("geldzaken",),
    ),
    V(
        "Gastvrouw of gastheer in het buurthuis",
        "Zet koffie, maak een praatje en zorg dat iedereen zich welkom voelt.",
        "Je vangt bezoekers op, schenkt koffie en houdt de ruimte gezellig.",
        "week",
        "Eén ochtend per week",
        "ongoing",
        ("gastvrijheid",),
        ("eenzaamheid",),
    ),
    V(
        "Hulp bij het zomerfeest",
        "Eén dag helpen met opbouwen, de bar of de kinderspelletjes.",
        "Je helpt op de dag van het feest waar het nodig is.",
        "flexible",
        "Eén zaterdag",
        "one_off",
        ("organiseren",),
        ("jeugd", "eenzaamheid"),
    ),
    V(
        "Maatje voor een oudere buur",
        "Samen wandelen, een spelletje doen of een kop koffie drinken.",
        "Je bezoekt eens per week een oudere die weinig mensen ziet.",
        "week",
        "Een uur of twee per week",
        "ongoing",
        ("luisteren",),
        ("eenzaamheid",),
    ),
    V(
        "Begeleider wandelgroep",
        "Loop voorop en zorg dat niemand achterblijft.",
        "Je begeleidt de wekelijkse wandelgroep in de wijk.",
        "week",
        "Woensdagochtend, een uur",
        "ongoing",
        ("wandelen",),
        ("gezondheid",),
    ),
    V(
        "Reparateur voor het Repair Café",
        "Handig met elektrische apparaten, fietsen of naaimachines?",
        "Je repareert samen met bezoekers hun kapotte spullen.",
        "month",
        "Eén zaterdag per maand",
        "ongoing",
        ("techniek", "repareren"),
        ("wonen",),
    ),
    V(
        "Voorlezer voor peuters",
        "Lees je graag voor? Kinderen luisteren graag.",
        "Je leest voor op de voorleesochtend in de bibliotheek.",
        "month",
        "Twee woensdagochtenden per maand",
        "ongoing",
        ("voorlezen",),
        ("jeugd",),
    ),
    V(
        "Helper bij de voedselbank",
        "Pakketten inpakken en uitdelen.",
        "Je sorteert producten en deelt op vrijdag pakketten uit.",
        "week",
        "Vrijdagmiddag, drie uur",
        "ongoing",
        ("sjouwen", "samenwerken"),
        ("geldzaken",),
    ),
    V(
        "Computerhulp voor ouderen",
        "Leg uit hoe een tablet, DigiD of videobellen werkt.",
        "Je helpt op het digi-spreekuur mensen met hun telefoon, tablet of laptop.",
        "week",
        "Dinsdagochtend, twee uur",
        "ongoing",
        ("computer", "geduld"),
        ("werk-en-vrijwilligerswerk",),
    ),
    V(
        "Tuinier voor de buurtmoestuin",
        "Groene vingers? Help mee in de moestuin.",
        "Je zaait, wiedt en oogst samen met buren.",
        "flexible",
        "Wanneer het jou uitkomt",
        "ongoing",
        ("tuinieren",),
        ("gezondheid",),
    ),
    V(
        "Bestuurslid penningmeester",
        "Houd jij van cijfers? Ons bestuur zoekt een penningmeester.",
        "Je beheert de financiën en maakt de jaarrekening.",
        "month",
        "Ongeveer vier uur per maand",
        "ongoing",
        ("administratie", "bestuur"),
        ("werk-en-vrijwilligerswerk",),
    ),
    V(
        "Sportbegeleider voor kinderen",
        "Help bij de sportmiddag voor kinderen uit de wijk.",
        "Je zet spellen klaar en begeleidt groepjes kinderen.",
        "week",
        "Woensdagmiddag",
        "ongoing",
        ("sport", "kinderen"),
        ("jeugd",),
    ),
    V(
        "Helper bij de kerstactie",
        "Pakketten rondbrengen in december.",
        "Je brengt kerstpakketten naar buren die het goed kunnen gebruiken.",
        "flexible",
        "Een paar dagen in december",
        "one_off",
        ("rijbewijs",),
        ("eenzaamheid",),
    ),
)


@dataclass(frozen=True)
class NewsTemplate:
    title: str
    introduction: str
    paragraph: str
    themes: tuple[str, ...]
    tags: tuple[str, ...]


N = NewsTemplate

NEWS = (
    N(
        "Nieuwe bankjes in {place}",
        "Op verzoek van bewoners staan er vijf nieuwe bankjes.",
        "Ouderen vroegen om meer plekken om even uit te rusten. De gemeente "
        "luisterde: langs de looproute naar de winkels staan nu vijf bankjes.",
        ("wonen",),
        ("openbare ruimte",),
    ),
    N(
        "Buurtverbinders gezocht in {place}",
        "Ken jij je buren en help je graag? Word buurtverbinder.",
        "Een buurtverbinder brengt mensen bij elkaar en weet de weg naar hulp. "
        "Je krijgt een training en een vast aanspreekpunt.",
        ("werk-en-vrijwilligerswerk",),
        ("vrijwilligers", "buurtverbinders"),
    ),
    N(
        "Energiecoaches komen gratis langs",
        "Laat je huis checken en bespaar op je energierekening.",
        "Vrijwillige energiecoaches kijken samen met jou waar je kunt besparen. "
        "Ze brengen gratis tochtstrips en ledlampen mee.",
        ("geldzaken", "wonen"),
        ("energie",),
    ),
    N(
        "Speeltuin {place} weer open na opknapbeurt",
        "Nieuwe schommels, een kabelbaan en een bankje voor ouders.",
        "Kinderen hielpen mee met het ontwerp. Vrijwilligers zorgen dat de "
        "speeltuin elke middag open is.",
        ("jeugd",),
        ("spelen", "kinderen"),
    ),
    N(
        "Zo vraag je een mantelzorgwaardering aan",
        "Zorg je voor iemand? Je kunt een bedankje van de gemeente krijgen.",
        "Mantelzorgers kunnen tot 1 december een waardering aanvragen. Dat kan "
        "online of op papier bij het Mantelzorgcentrum.",
        ("mantelzorg",),
        ("mantelzorg", "waardering"),
    ),
    N(
        "Meer mensen doen mee aan de buurtmaaltijd",
        "Elke maand schuiven er meer buren aan.",
        "Begon het met tien mensen, nu zijn het er vaak veertig. Er is plek voor "
        "meer koks: meld je aan!",
        ("eenzaamheid",),
        ("samen eten",),
    ),
    N(
        "Let op: oplichters aan de deur",
        "Geef nooit je pinpas mee, ook niet aan iemand die zegt van de bank te zijn.",
        "De politie waarschuwt voor mensen die zich voordoen als monteur of "
        "bankmedewerker. Twijfel je? Bel de wijkagent.",
        ("wonen",),
        ("veiligheid",),
    ),
    N(
        "Nieuwe wandelroute langs het water",
        "Een rondje van vier kilometer, met bankjes en uitleg over de natuur.",
        "De route is vlak en goed te doen met een rollator of rolstoel.",
        ("gezondheid",),
        ("wandelen", "natuur"),
    ),
    N(
        "Gratis zwemles voor kinderen uit gezinnen met weinig geld",
        "Met Stichting Leergeld kan elk kind een zwemdiploma halen.",
        "Ouders met een laag inkomen kunnen de zwemles vergoed krijgen. "
        "Aanvragen gaat via de website of met hulp van het wijkteam.",
        ("jeugd", "geldzaken"),
        ("zwemmen", "kinderen"),
    ),
    N(
        "Hulp bij je belastingaangifte",
        "Vrijwilligers vullen je aangifte samen met je in.",
        "Van maart tot mei helpen vrijwilligers gratis bij de aangifte "
        "inkomstenbelasting. Neem je DigiD mee.",
        ("geldzaken",),
        ("belasting", "formulieren"),
    ),
    N(
        "Buren planten samen honderd bomen",
        "Op de plantdag kwamen meer dan zestig mensen helpen.",
        "Kinderen van de basisschool kregen elk een eigen boom. Over een paar "
        "jaar is het hier lekker koel in de zomer.",
        ("wonen",),
        ("groen", "bomen"),
    ),
    N(
        "Jongeren knappen hun hangplek op",
        "Met hulp van het jongerenwerk is er een overkapping met verlichting.",
        "De jongeren bedachten zelf het plan en legden het voor aan de buren.",
        ("jeugd",),
        ("jongeren", "openbare ruimte"),
    ),
    N(
        "Buurtbus rijdt nu ook op zaterdag",
        "Je kunt vanaf deze maand ook in het weekend een rit boeken.",
        "Dankzij vier nieuwe chauffeurs rijdt de bus nu zes dagen per week.",
        ("vervoer",),
        ("vervoer",),
    ),
    N(
        "Statushouders openen eigen koffiehoek",
        "Elke vrijdag koffie en thee uit Syrië, Eritrea en Nederland.",
        "Nieuwe en oude buren leren elkaar zo makkelijk kennen.",
        ("eenzaamheid", "werk-en-vrijwilligerswerk"),
        ("ontmoeten",),
    ),
    N(
        "Wijkagent houdt spreekuur in het buurthuis",
        "Elke eerste maandag van de maand kun je binnenlopen.",
        "Heb je last van overlast of voel je je niet veilig? Praat erover met de "
        "wijkagent.",
        ("wonen",),
        ("veiligheid",),
    ),
    N(
        "Terugblik op de Week tegen Eenzaamheid",
        "Meer dan dertig activiteiten, honderden bezoekers.",
        "Veel mensen zeiden: 'Ik wist niet dat er zoveel te doen was in de buurt.'",
        ("eenzaamheid",),
        ("terugblik",),
    ),
)

CONTENT_PAGES = (
    {
        "slug": "gids",
        "title": "Gids: hulp en informatie",
        "introduction": "Waar vind je hulp? We leggen het uit in gewone woorden.",
        "children": (
            {
                "slug": "geldzaken",
                "title": "Geldzaken",
                "introduction": "Rondkomen is soms lastig. Hier vind je hulp.",
                "themes": ("geldzaken",),
                "children": (
                    {
                        "slug": "hulp-bij-formulieren",
                        "title": "Hulp bij formulieren",
                        "introduction": "Brieven en formulieren samen invullen.",
                        "themes": ("geldzaken",),
                    },
                ),
            },
            {
                "slug": "mantelzorg",
                "title": "Mantelzorg",
                "introduction": "Zorg je voor iemand? Vergeet jezelf niet.",
                "themes": ("mantelzorg",),
            },
            {
                "slug": "wonen",
                "title": "Wonen",
                "introduction": "Langer thuis wonen, verhuizen of je huis aanpassen.",
                "themes": ("wonen",),
            },
        ),
    },
    {
        "slug": "over-dit-platform",
        "title": "Over dit platform",
        "introduction": "Van en voor bewoners, met hulp van de gemeente.",
    },
    # The privacy and accessibility statements are generated (core/statements.py).
)

HELP_REQUESTS = (
    ("Wie helpt me met de boodschappen?", "Ik loop slecht sinds mijn val.", "Truus"),
    ("Hulp gezocht bij het snoeien van de heg", "De heg is te hoog voor mij.", "Jan"),
    ("Maatje gezocht om mee te wandelen", "Ik wandel liever niet alleen.", "Ans"),
    ("Wie kan mijn fietsband plakken?", "Mijn fiets staat al weken stil.", "Yusuf"),
    (
        "Oppas voor onze hond",
        "Twee dagen in de maand, als ik naar het ziekenhuis moet.",
        "Lies",
    ),
    (
        "Hulp bij een brief van de Belastingdienst",
        "Ik begrijp de brief niet goed.",
        "Ahmad",
    ),
)

HELP_OFFERS = (
    (
        "Ik help graag met kleine klusjes",
        "Een lamp ophangen of een kastje in elkaar zetten.",
        "Peter",
    ),
    ("Samen koken en eten", "Ik kook graag voor twee. Eet je mee?", "Marja"),
    ("Computerhulp aan huis", "Ik leg geduldig uit hoe je tablet werkt.", "Daan"),
    ("Ik breng je naar de dokter", "Ik heb een auto en tijd op dinsdag.", "Ellen"),
    ("Bijles rekenen voor kinderen", "Ik ben gepensioneerd leraar.", "Hans"),
    ("Tuinhulp", "Ik maai je gras of help met onkruid.", "Sevda"),
)

#: The help board category (helpboard.categories) of each demo post, by title.
HELP_POST_CATEGORIES = {
    "Wie helpt me met de boodschappen?": "boodschappen",
    "Hulp gezocht bij het snoeien van de heg": "tuin",
    "Maatje gezocht om mee te wandelen": "gezelschap",
    "Wie kan mijn fietsband plakken?": "klusjes",
    "Oppas voor onze hond": "oppas-en-dieren",
    "Hulp bij een brief van de Belastingdienst": "formulieren",
    "Ik help graag met kleine klusjes": "klusjes",
    "Samen koken en eten": "koken",
    "Computerhulp aan huis": "computerhulp",
    "Ik breng je naar de dokter": "vervoer",
    "Bijles rekenen voor kinderen": "leren",
    "Tuinhulp": "tuin",
}
