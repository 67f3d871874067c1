"""The fictional demo neighbourhood: the worked stories of the Netwerkboek (seed 002, chapter 2).

All people are fictional. Addresses use real postcode areas of Arnhem (6828 is the
Spijkerkwartier) but invented streets and house numbers; e-mail addresses use the reserved
domain `buurtbaan.example`, which can never receive mail.
"""

import datetime

from buurtbaan.bureaus.models import Role
from buurtbaan.organisations.models import OrganisationKind, ScaleLevel

DEMO_PASSWORD = "buurtbaan-demo"
EMAIL_DOMAIN = "buurtbaan.example"

MAIN_BUREAU = {
    "slug": "spijkerkwartier",
    "name": "BuurtBaanBureau Spijkerkwartier (demo)",
    "municipality": "Arnhem",
    "postcodes": "6828",
    "description": (
        "Het BuurtBaanBureau van en voor de bewoners van het Spijkerkwartier. We zoeken samen "
        "naar jouw talent en jouw droombaan, en naar waardevol werk hier in de wijk. "
        "Iedereen vanaf 18 jaar is welkom."
    ),
    "email": f"info@{EMAIL_DOMAIN}",
    "phone": "026 000 0000",
    "visiting_address": "Buurtcentrum De Spijker, Spijkerstraat 1, Arnhem",
    "opening_hours": "di en do 10.00–16.00; inloopspreekuur elke eerste maandag van de maand",
}

SECOND_BUREAU = {
    "slug": "klarendal",
    "name": "BuurtBaanBureau Klarendal (demo)",
    "municipality": "Arnhem",
    "postcodes": "6822",
    "description": "Een tweede, klein BuurtBaanBureau: laat zien dat wijken elkaars gegevens niet zien.",
    "email": f"klarendal@{EMAIL_DOMAIN}",
    "phone": "",
    "visiting_address": "",
    "opening_hours": "",
}

# (name, kind, scale level, postcode, description)
STORY_ORGANISATIONS = [
    (
        "Theater De Spijker",
        OrganisationKind.BUSINESS,
        ScaleLevel.COMMERCIAL_BUSINESS,
        "6828BK",
        "Klein theater in de wijk; zoekt een conciërge/schoonmaakkracht.",
    ),
    (
        "Aannemersbedrijf De Vries",
        OrganisationKind.BUSINESS,
        ScaleLevel.COMMERCIAL_BUSINESS,
        "6828DL",
        "Aannemer uit de wijk: isolatie en aanpassingen van oudere woningen.",
    ),
    (
        "BuurtGroenBedrijf",
        OrganisationKind.SOCIAL_ENTERPRISE,
        ScaleLevel.SOCIAL_ENTERPRISE,
        "6828EA",
        "Onderhoudt groen in de wijk samen met bewoners.",
    ),
    (
        "BuurtKlusBedrijf",
        OrganisationKind.SOCIAL_ENTERPRISE,
        ScaleLevel.SOCIAL_ENTERPRISE,
        "6828GC",
        "Klussen in en om het huis, gedaan door buurtbewoners.",
    ),
    (
        "Spijkerbikes",
        OrganisationKind.SOCIAL_ENTERPRISE,
        ScaleLevel.SOCIAL_ENTERPRISE,
        "6828CR",
        "Fietsenwerkplaats en leerwerkplek.",
    ),
    (
        "Spijkerzwam",
        OrganisationKind.SOCIAL_ENTERPRISE,
        ScaleLevel.SOCIAL_ENTERPRISE,
        "6828HN",
        "Kweekt oesterzwammen op koffiedik uit de wijk.",
    ),
    (
        "Sociaal Wijkteam Arnhem-Oost",
        OrganisationKind.WELFARE,
        ScaleLevel.PUBLIC_SERVICE,
        "6828AB",
        "Wijkteam voor zorg en ondersteuning; meldt hulpvragen voor Buurtmaatjes aan.",
    ),
    (
        "Stichting Welzijn Oost",
        OrganisationKind.WELFARE,
        ScaleLevel.SOCIAL_ENTERPRISE,
        "6828AC",
        "Welzijnsorganisatie; buurtmaatjes en activiteiten voor ouderen.",
    ),
    (
        "Hogeschool (groenopleiding)",
        OrganisationKind.SCHOOL,
        ScaleLevel.PUBLIC_SERVICE,
        "6826CC",
        "Studenten werken mee aan wijkprojecten als onderdeel van hun opleiding.",
    ),
    (
        "ROC Arnhem (demo)",
        OrganisationKind.SCHOOL,
        ScaleLevel.PUBLIC_SERVICE,
        "6824BJ",
        "Mbo-opleidingen; leerwerkplekken in de wijk.",
    ),
    (
        "Gemeente Arnhem – Werk & Inkomen",
        OrganisationKind.MUNICIPALITY,
        ScaleLevel.PUBLIC_SERVICE,
        "6811AA",
        "Verwijst bewoners door en geeft impactopdrachten.",
    ),
    (
        "Bakkerij Van den Broek",
        OrganisationKind.BUSINESS,
        ScaleLevel.COMMERCIAL_BUSINESS,
        "6828BE",
        "Bakker op de hoek.",
    ),
    (
        "Bloemenhuis Spijker",
        OrganisationKind.BUSINESS,
        ScaleLevel.COMMERCIAL_BUSINESS,
        "6828BH",
        "Bloemist in de wijk.",
    ),
    (
        "Eetcafé De Hoek",
        OrganisationKind.BUSINESS,
        ScaleLevel.COMMERCIAL_BUSINESS,
        "6828CA",
        "Eetcafé waar Nicolai graag eet.",
    ),
]

# (first, last, e-mail local part or "", postcode, street, date of birth)
STORY_RESIDENTS = [
    ("Sandra", "Willems", "sandra", "6828BC", "Spijkerstraat 12", datetime.date(1982, 4, 17)),
    ("Jorge", "Martinez", "", "6828BD", "Hommelseweg 40", datetime.date(1954, 9, 2)),
    ("Nicolai", "Petrović", "", "6828CP", "Sonsbeeksingel 88", datetime.date(1979, 1, 23)),
    ("Riet", "Jansen", "", "6828EB", "Aan het plantsoen 3", datetime.date(1941, 6, 11)),
    ("Peter", "Bakker", "", "6828DK", "Spijkerlaan 77", datetime.date(1991, 11, 30)),
]

# Demo accounts: (e-mail local part, first, last, bureau slug, role, organisation name or None)
DEMO_ACCOUNTS = [
    ("coordinator", "Roel", "de Wit", "spijkerkwartier", Role.COORDINATOR, None),
    ("coach", "Fatima", "El Amrani", "spijkerkwartier", Role.COACH, None),
    ("coach2", "Bram", "Hendriks", "spijkerkwartier", Role.COACH, None),
    ("partner", "Ingrid", "Vos", "spijkerkwartier", Role.PARTNER, "Theater De Spijker"),
    # Sends Buurtmaatjes help requests (board.demo uses this account).
    ("wijkteam", "Mirjam", "Kok", "spijkerkwartier", Role.PARTNER, "Sociaal Wijkteam Arnhem-Oost"),
    ("sandra", "Sandra", "Willems", "spijkerkwartier", Role.RESIDENT, None),
    ("funder", "Karin", "Smit", "spijkerkwartier", Role.FUNDER, None),
    ("klarendal", "Youssef", "Bakri", "klarendal", Role.COORDINATOR, None),
]
PLATFORM_ADMIN = ("admin", "Platform", "Beheer")
