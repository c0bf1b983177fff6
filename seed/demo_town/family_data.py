"""The four families of the demo town (DEVAILLÉ, ROUSSEL, MOREL, BENALI) and the vaccines
of the French infant schedule their children received.
"""

from __future__ import annotations

import datetime as dt

from models.account import Civility
from models.child import Diet, Grade, Sex
from models.family import AllowanceRegime, FamilyStatus, MaritalStatus, QuotientSource, Relationship
from seed.demo_town.people_data import (
    AuthorizedPersonData,
    BankAccountData,
    ChildData,
    FamilyData,
    GuardianData,
    HealthData,
)
from seed.demo_town.town_data import (
    BOURG,
    ETUDE,
    ETUDE_GARDERIE_2,
    GARDERIE_BOURG,
    GARDERIE_LUDIQUE_1730,
    GARDERIE_LUDIQUE_1830,
    GARDERIE_MATIN,
    JEUNES_APRES_MIDI,
    JEUNES_MATIN,
    JEUNES_REPAS,
    LUX,
    MERCREDI_APRES_MIDI,
    MERCREDI_MATIN,
    MERCREDI_REPAS,
    REPAS_BOURG,
    REPAS_LUX,
)

_d = dt.date

_DR_CHABERT = ("Dr Anne CHABERT", "04 76 52 08 14")
_DR_ROUX = ("Dr Pierre ROUX", "04 76 52 44 90")
_GRANDMOTHER_DEVAILLE = AuthorizedPersonData(
    "Monique", "BERTRAND", "Grand-mère", "06 33 21 47 80", emergency_contact=True
)

DEVAILLE = FamilyData(
    key="devaille",
    name="DEVAILLÉ",
    status=FamilyStatus.VALIDATED,
    subscriber_code="004127",
    accepts_post=True,
    reminder_by_sms=True,
    created_on=_d(2025, 6, 10),
    validated_on=_d(2025, 6, 18),
    quotients=(
        (1120, QuotientSource.CAF, _d(2025, 1, 1), _d(2025, 12, 31)),
        (1085, QuotientSource.CAF, _d(2026, 1, 1), None),
    ),
    guardians=(
        GuardianData(
            "elodie",
            1,
            Civility.MADAME,
            "Élodie",
            "DEVAILLÉ",
            Relationship.MERE,
            MaritalStatus.MARIE,
            "elodie.devaille@example.fr",
            "06 12 48 73 25",
            "145 chemin de la Bâtie",
            phone="04 76 52 33 18",
            birth_name="BERTRAND",
            profession="Infirmière",
            employer="CHU Grenoble Alpes",
            is_payer=True,
        ),
        GuardianData(
            "marc",
            2,
            Civility.MONSIEUR,
            "Marc",
            "DEVAILLÉ",
            Relationship.PERE,
            MaritalStatus.MARIE,
            "marc.devaille@example.fr",
            "06 87 20 41 09",
            "145 chemin de la Bâtie",
            phone="04 76 52 33 18",
            work_phone="04 76 57 60 00",
            profession="Ingénieur",
            employer="Schneider Electric",
            allowance_regime=AllowanceRegime.CAF,
            allocataire_number="2841937",
        ),
    ),
    children=(
        ChildData(
            "elsa",
            "Elsa",
            "DEVAILLÉ",
            _d(2015, 3, 14),
            Sex.F,
            LUX,
            Grade.CM2,
            (True, False, True, True),
            HealthData(doctor_name=_DR_CHABERT[0], doctor_phone=_DR_CHABERT[1]),
            (JEUNES_MATIN, JEUNES_REPAS, JEUNES_APRES_MIDI),
            (_GRANDMOTHER_DEVAILLE,),
        ),
        ChildData(
            "simon",
            "Simon",
            "DEVAILLÉ",
            _d(2020, 6, 2),
            Sex.M,
            LUX,
            Grade.GS,
            (True, False, True, False),
            HealthData(
                other_allergies="Pollens de graminées",
                medical_notes="Asthme d'effort : Ventoline dans le cartable.",
                doctor_name=_DR_CHABERT[0],
                doctor_phone=_DR_CHABERT[1],
            ),
            (GARDERIE_MATIN,),
            (
                _GRANDMOTHER_DEVAILLE,
                AuthorizedPersonData("Karine", "FABRE", "Voisine", "06 45 78 12 36"),
            ),
        ),
        ChildData(
            "georgette",
            "Georgette",
            "DEVAILLÉ",
            _d(2012, 11, 23),
            Sex.F,
            None,
            None,
            (True, True, True, True),
            HealthData(
                diet=Diet.SANS_PORC, doctor_name=_DR_CHABERT[0], doctor_phone=_DR_CHABERT[1]
            ),
            (JEUNES_MATIN, JEUNES_REPAS, JEUNES_APRES_MIDI),
            (_GRANDMOTHER_DEVAILLE,),
        ),
    ),
    account_holders=("elodie", "marc"),
)

ROUSSEL = FamilyData(
    key="roussel",
    name="ROUSSEL",
    status=FamilyStatus.VALIDATED,
    subscriber_code="004215",
    created_on=_d(2025, 6, 23),
    validated_on=_d(2025, 7, 2),
    quotients=(
        (780, QuotientSource.CAF, _d(2025, 1, 1), _d(2025, 12, 31)),
        (812, QuotientSource.CAF, _d(2026, 1, 1), None),
    ),
    guardians=(
        GuardianData(
            "julien",
            1,
            Civility.MONSIEUR,
            "Julien",
            "ROUSSEL",
            Relationship.PERE,
            MaritalStatus.PACSE,
            "julien.roussel@example.fr",
            "06 24 91 37 58",
            "8 allée des Chênes",
            profession="Technicien de maintenance",
            employer="STMicroelectronics",
            is_payer=True,
            allowance_regime=AllowanceRegime.CAF,
            allocataire_number="3107552",
        ),
        GuardianData(
            "camille",
            2,
            Civility.MADAME,
            "Camille",
            "LEFEBVRE",
            Relationship.MERE,
            MaritalStatus.PACSE,
            "camille.lefebvre@example.fr",
            "06 58 14 62 07",
            "8 allée des Chênes",
            profession="Professeure des écoles",
            employer="Éducation nationale",
        ),
    ),
    children=(
        ChildData(
            "lenny",
            "Lenny",
            "ROUSSEL",
            _d(2018, 4, 9),
            Sex.M,
            LUX,
            Grade.CE1,
            # Photo authorisation granted by an accepted request in September.
            (True, False, True, True),
            HealthData(
                food_allergies="Kiwi (démangeaisons de la bouche, pas de PAI)",
                doctor_name=_DR_ROUX[0],
                doctor_phone=_DR_ROUX[1],
            ),
            (
                GARDERIE_MATIN,
                REPAS_LUX,
                ETUDE,
                ETUDE_GARDERIE_2,
                GARDERIE_LUDIQUE_1730,
                GARDERIE_LUDIQUE_1830,
                MERCREDI_MATIN,
                MERCREDI_REPAS,
                MERCREDI_APRES_MIDI,
            ),
            (
                AuthorizedPersonData(
                    "Martine",
                    "ROUSSEL",
                    "Grand-mère",
                    "06 11 52 89 43",
                    emergency_contact=True,
                ),
            ),
        ),
    ),
    account_holders=("julien", "camille"),
)

MOREL = FamilyData(
    key="morel",
    name="MOREL",
    status=FamilyStatus.VALIDATED,
    subscriber_code="004388",
    direct_debit=True,
    accepts_sms=False,
    created_on=_d(2025, 8, 26),
    validated_on=_d(2025, 8, 29),
    quotients=((640, QuotientSource.MSA, _d(2025, 1, 1), None),),
    bank_account=BankAccountData(
        "nathalie",
        "MOREL Nathalie",
        "FR7630006000011234567890189",
        "AGRIFRPPXXX",
        "SI-ENF-004388-01",
        _d(2025, 9, 12),
    ),
    guardians=(
        GuardianData(
            "nathalie",
            1,
            Civility.MADAME,
            "Nathalie",
            "MOREL",
            Relationship.MERE,
            MaritalStatus.DIVORCE,
            "nathalie.morel@example.fr",
            "06 72 35 18 94",
            "27 route de la Doux",
            profession="Exploitante agricole",
            is_payer=True,
            allowance_regime=AllowanceRegime.MSA,
            allocataire_number="0456123",
        ),
        GuardianData(
            "thomas",
            2,
            Civility.MONSIEUR,
            "Thomas",
            "MOREL",
            Relationship.PERE,
            MaritalStatus.DIVORCE,
            "thomas.morel@example.fr",
            "06 03 84 26 71",
            "5 rue des Écoles",
            postal_code="38920",
            city="Crolles",
            profession="Chauffeur routier",
        ),
    ),
    children=(
        ChildData(
            "leo",
            "Léo",
            "MOREL",
            _d(2021, 2, 17),
            Sex.M,
            BOURG,
            Grade.MS,
            (True, False, True, True),
            HealthData(doctor_name=_DR_ROUX[0], doctor_phone=_DR_ROUX[1]),
            (GARDERIE_BOURG,),
            (AuthorizedPersonData("Sylvie", "MOREL", "Tante", "06 49 27 15 80"),),
        ),
        ChildData(
            "lea",
            "Léa",
            "MOREL",
            _d(2022, 9, 30),
            Sex.F,
            BOURG,
            Grade.PS,
            (False, False, True, True),
            HealthData(
                diet=Diet.PAI,
                food_allergies="Protéines de lait de vache",
                pai_details=(
                    "PAI alimentaire signé le 15/09/2025 : panier repas fourni par la famille ; "
                    "trousse d'urgence (antihistaminique) dans le bureau de la direction."
                ),
                doctor_name=_DR_ROUX[0],
                doctor_phone=_DR_ROUX[1],
            ),
            (REPAS_BOURG,),
            (AuthorizedPersonData("Sylvie", "MOREL", "Tante", "06 49 27 15 80"),),
        ),
    ),
    account_holders=("nathalie", "thomas"),
)

BENALI = FamilyData(
    key="benali",
    name="BENALI",
    status=FamilyStatus.SUBMITTED,
    subscriber_code=None,
    resident=False,
    guardians=(
        GuardianData(
            "yasmine",
            1,
            Civility.MADAME,
            "Yasmine",
            "BENALI",
            Relationship.MERE,
            MaritalStatus.CELIBATAIRE,
            "yasmine.benali@example.fr",
            "07 61 29 44 83",
            "3 impasse des Saules",
            postal_code="38330",
            city="Montbonnot-Saint-Martin",
            profession="Pharmacienne",
            is_payer=True,
            allowance_regime=AllowanceRegime.CAF,
            allocataire_number="5522019",
        ),
    ),
    children=(
        ChildData(
            "ines",
            "Inès",
            "BENALI",
            _d(2019, 7, 11),
            Sex.F,
            LUX,
            Grade.CP,
            (True, False, True, True),
            HealthData(diet=Diet.SANS_VIANDE),
            (GARDERIE_MATIN, REPAS_LUX, ETUDE),
            (AuthorizedPersonData("Karim", "BENALI", "Oncle", "06 98 31 70 52"),),
        ),
    ),
    account_holders=("yasmine",),
)

FAMILIES: tuple[FamilyData, ...] = (DEVAILLE, ROUSSEL, MOREL, BENALI)

# Vaccines of the French infant schedule: (label, age in months at injection).
VACCINE_SCHEDULE: tuple[tuple[str, int], ...] = (
    ("Hexavalent (DTCaP-Hib-Hépatite B) – 1re dose", 2),
    ("Hexavalent (DTCaP-Hib-Hépatite B) – 2e dose", 4),
    ("Méningocoque C – 1re dose", 5),
    ("Hexavalent (DTCaP-Hib-Hépatite B) – rappel", 11),
    ("ROR (rougeole, oreillons, rubéole) – 1re dose", 12),
    ("Méningocoque C – rappel", 12),
    ("ROR (rougeole, oreillons, rubéole) – 2e dose", 16),
    ("DTCaP – rappel 6 ans", 72),
    ("dTcaP – rappel 11-13 ans", 132),
)

del _d
