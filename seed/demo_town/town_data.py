"""The demo town's static content: establishments, activities with their rules and prices,
families, guardians and children — what the Saint-Ismier user guide shows, as plain data.

``seed.demo_town`` turns this into rows and adds everything that depends on "today"
(bookings, requests, invoices). Keeping the content here lets a reader review the town
without reading loader code, and lets tests refer to the same constants.

This module holds the town itself: school year, tenant, establishment and activity
codes, establishments. ``activity_data`` (activities, rules, prices), ``people_data``
(staff logins, what a family file holds), ``family_data`` (the four families) and
``story_data`` (standing bookings, invoice stories, the guide's numbers) hold the rest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.establishment import EstablishmentKind

_d = dt.date

SCHOOL_YEAR_LABEL = "2025-2026"
# Classes of 2025-2026 start on Monday 1 September 2025; holiday activities run until the
# eve of the next rentrée, so the calendar and holiday registrations cover the whole year.
CALENDAR_START = _d(2025, 9, 1)
CALENDAR_END = _d(2026, 8, 31)

TENANT_SLUG = "saint-ismier"
TENANT_NAME = "Mairie de Saint-Ismier"
TENANT_SERVICE_NAME = "Le service enfance jeunesse et scolaire"
TENANT_MAIL_FROM = "Espace Famille Saint-Ismier <nepasrepondre@saint-ismier.example>"
TENANT_POSTAL_ADDRESS = "Mairie de Saint-Ismier, 89 place de l'Hôtel de Ville, 38330 Saint-Ismier"
TENANT_SETTINGS = {
    "autoAcceptedChanges": ["CHILD_PHOTO_CHANGE"],
    # The régie as a SEPA creditor (direct debit files): test IBAN/BIC, example ICS.
    "sepaCreditor": {
        "name": "Regie Enfance Saint-Ismier",
        "iban": "FR7630001007940000003800026",
        "bic": "BDFEFRPPCCT",
        "creditorId": "FR72ZZZ123456",
    },
}

INVOICE_ISSUER = "Régie Enfance – Mairie de Saint-Ismier"
# The Secteur Jeunes is closed on the Friday between New Year's Day and the weekend.
YOUTH_CLOSURE = (_d(2026, 1, 2), "Fermeture du Secteur Jeunes (pont du Nouvel An)")
STRIKE_LABEL = "Grève des agents municipaux – accueil périscolaire non assuré"

# Establishment codes.
LUX = "LUX"
BOURG = "BOURG"
ALSH = "ALSH"
YOUTH = "JEUNES"

# Activity codes (the "libellé court" the guide's activity filter shows).
GARDERIE_MATIN = "01/Péri MATIN/Lux"
REPAS_LUX = "02/Repas/Lux"
ETUDE = "03/Etude/Lux"
ETUDE_GARDERIE_2 = "03/Etude Garderie 2/Lux"
GARDERIE_LUDIQUE_1730 = "03/Garderie Ludique 17h30/Lux"
GARDERIE_LUDIQUE_1830 = "03/Garderie Ludique 18h30/Lux"
MERCREDI_MATIN = "04/Mercredi Matin"
MERCREDI_REPAS = "04/Mercredi Repas"
MERCREDI_APRES_MIDI = "04/Mercredi Après-midi"
JEUNES_MATIN = "05/Sect. Jeunes Matin"
JEUNES_REPAS = "06/Sect. Jeunes Repas"
JEUNES_APRES_MIDI = "07/Sect. Jeunes Après-midi"
GARDERIE_BOURG = "08/Péri MATIN/Bourg"
REPAS_BOURG = "09/Repas/Bourg"

EVENING_GROUP = "SOIR_LUX"
SCHOOL_WEEK = (1, 2, 4, 5)  # Monday, Tuesday, Thursday, Friday: the four-day school week
WEDNESDAY = (3,)
WORKING_WEEK = (1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class EstablishmentData:
    """A school or centre of the town."""

    code: str
    name: str
    kind: EstablishmentKind
    address: str
    phone: str
    email: str
    postal_code: str = "38330"
    city: str = "Saint-Ismier"


ESTABLISHMENTS: tuple[EstablishmentData, ...] = (
    EstablishmentData(
        LUX,
        "Ecole Lux",
        EstablishmentKind.PRIMARY_SCHOOL,
        "140 chemin de Lux",
        "04 76 52 10 21",
        "ecole.lux@saint-ismier.example",
    ),
    EstablishmentData(
        BOURG,
        "Ecole maternelle du Bourg",
        EstablishmentKind.NURSERY_SCHOOL,
        "12 rue du Bourg",
        "04 76 52 17 40",
        "maternelle.bourg@saint-ismier.example",
    ),
    EstablishmentData(
        ALSH,
        "Accueil de loisirs",
        EstablishmentKind.LEISURE_CENTRE,
        "260 chemin du Rozat",
        "04 76 52 26 63",
        "accueil.loisirs@saint-ismier.example",
    ),
    EstablishmentData(
        YOUTH,
        "Secteur Jeunes",
        EstablishmentKind.YOUTH_CENTRE,
        "1 allée de l'Espace Jeunes",
        "04 76 52 31 05",
        "secteur.jeunes@saint-ismier.example",
    ),
)

del _d
