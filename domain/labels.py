"""French labels of every enum a parent or staff member reads (the UI is French).

One mapping per enum, exposed through the API (``enumLabels`` and ``…Label`` fields) and
used by mails and PDFs, so the wording is the same everywhere.
"""

from __future__ import annotations

import enum

from models.account import AccountStatus, Civility, Role
from models.activity import ActivityCategory, DeadlineKind, OperatingDays
from models.billing import (
    BillingRunStatus,
    DirectDebitBatchStatus,
    InvoiceKind,
    InvoiceLineKind,
    InvoiceStatus,
    PaymentIntentStatus,
    PaymentMethod,
    PricingMode,
)
from models.booking import Attendance, BookingStatus
from models.calendar import CalendarPeriodKind
from models.child import Diet, Grade, Sex
from models.document import DocumentStatus, DocumentType
from models.establishment import EstablishmentKind
from models.family import FamilyStatus, MaritalStatus, Relationship
from models.occurrence_log import OccurrenceActionKind
from models.request import (
    HistoryStep,
    RequestLineAction,
    RequestLineStatus,
    RequestStatus,
    RequestType,
)

LABELS: dict[type[enum.Enum], dict[str, str]] = {
    ActivityCategory: {
        "MORNING_CARE": "Accueil du matin",
        "MEAL": "Restauration",
        "EVENING_CARE": "Accueil du soir",
        "STUDY": "Étude surveillée",
        "WEDNESDAY": "Mercredi",
        "HOLIDAY": "Vacances",
        "OTHER": "Autre",
    },
    OperatingDays: {
        "SCHOOL_DAYS": "Jours d'école",
        "SCHOOL_HOLIDAYS": "Vacances scolaires",
        "ALL_DAYS": "Toute l'année",
    },
    DeadlineKind: {
        "NONE": "Sans délai",
        "CALENDAR_DAYS_BEFORE": "Jours calendaires avant",
        "WORKING_DAYS_BEFORE": "Jours ouvrés avant",
        "HOURS_BEFORE": "Heures avant",
        "WEEKLY_CUTOFF": "La semaine précédente",
    },
    EstablishmentKind: {
        "NURSERY_SCHOOL": "École maternelle",
        "ELEMENTARY_SCHOOL": "École élémentaire",
        "PRIMARY_SCHOOL": "École primaire",
        "LEISURE_CENTRE": "Accueil de loisirs",
        "YOUTH_CENTRE": "Secteur jeunes",
    },
    CalendarPeriodKind: {
        "SCHOOL_HOLIDAY": "Vacances scolaires",
        "PUBLIC_HOLIDAY": "Jour férié",
        "CLOSURE": "Fermeture",
        "STRIKE": "Grève",
    },
    Grade: {
        "TPS": "Toute petite section",
        "PS": "Petite section",
        "MS": "Moyenne section",
        "GS": "Grande section",
        "CP": "CP",
        "CE1": "CE1",
        "CE2": "CE2",
        "CM1": "CM1",
        "CM2": "CM2",
    },
    Civility: {"MONSIEUR": "Monsieur", "MADAME": "Madame"},
    FamilyStatus: {
        "SUBMITTED": "En attente de validation",
        "VALIDATED": "Validé",
        "REJECTED": "Refusé",
    },
    Relationship: {
        "PERE": "Père",
        "MERE": "Mère",
        "TUTEUR": "Tuteur",
        "TUTRICE": "Tutrice",
        "BEAU_PERE": "Beau-père",
        "BELLE_MERE": "Belle-mère",
        "GRAND_PARENT": "Grand-parent",
        "FAMILLE_ACCUEIL": "Famille d'accueil",
        "AUTRE": "Autre",
    },
    MaritalStatus: {
        "CELIBATAIRE": "Célibataire",
        "MARIE": "Marié(e)",
        "PACSE": "Pacsé(e)",
        "CONCUBINAGE": "Vie maritale",
        "SEPARE": "Séparé(e)",
        "DIVORCE": "Divorcé(e)",
        "VEUF": "Veuf (veuve)",
    },
    Sex: {"F": "Fille", "M": "Garçon"},
    Diet: {
        "STANDARD": "Sans régime particulier",
        "SANS_PORC": "Sans porc",
        "SANS_VIANDE": "Sans viande",
        "VEGETARIEN": "Végétarien",
        "PAI": "Panier repas (PAI)",
    },
    AccountStatus: {
        "PENDING_ACTIVATION": "En attente d'activation",
        "ACTIVE": "Actif",
        "DISABLED": "Désactivé",
    },
    Role: {
        "PARENT": "Parent",
        "STAFF": "Agent",
        "ADMIN": "Administrateur",
        "REPORTING": "Statistiques",
    },
    BookingStatus: {
        "RESERVED": "Activité réservée",
        "WAITING_LIST": "Enfant en liste d'attente",
        "CANCELLED": "Réservation annulée",
        "ABSENT": "Enfant absent à cette activité",
        "ABSENT_BILLED": "Absence facturée",
        "UNBOOKED": "Présent sans réservation",
    },
    RequestType: {
        "RESERVATION": "Ajout de réservation",
        "ABSENCE": "Déclaration d'absence",
        "FAMILY_REGISTRATION": "Création du dossier famille",
        "ACTIVITY_REGISTRATION": "Demande d'inscription",
        "GUARDIAN_CHANGE": "Modification du responsable",
        "GUARDIAN_ADDRESS_CHANGE": "Modification de l'adresse du responsable",
        "BANK_ACCOUNT_CHANGE": "Modification d'info bancaire principal",
        "CHILD_CHANGE": "Modification de l'enfant",
        "CHILD_COMPLEMENT_CHANGE": "Modification complément enfant",
        "CHILD_AUTHORIZATIONS_CHANGE": "Modification des autorisations",
        "CHILD_PHOTO_CHANGE": "Modification de la photo",
        "HEALTH_RECORD_CHANGE": "Modification des données sanitaires",
        "VACCINATION_CHANGE": "Modification des vaccins",
        "AUTHORIZED_PERSON_ADD": "Ajout individu autorisation",
        "AUTHORIZED_PERSON_CHANGE": "Modification individu autorisation",
        "AUTHORIZED_PERSON_REMOVE": "Suppression individu autorisation",
    },
    RequestStatus: {
        "PENDING": "En cours d'instruction",
        "TRANSMITTED": "Transmise",
        "ACCEPTED": "Acceptée",
        "PARTIALLY_ACCEPTED": "Partiellement acceptée",
        "REFUSED": "Refusée",
        "CANCELLED": "Annulée",
    },
    HistoryStep: {
        "CREATED": "Création de demande",
        "TRANSMITTED": "Demande transmise à l'application métier",
        "DECIDED": "Décision",
        "LINE_DECIDED": "Décision sur une date",
        "PROMOTED": "Sortie de la liste d'attente",
        "CANCELLED": "Demande annulée",
    },
    RequestLineStatus: {
        "PENDING": "En attente de validation",
        "WAITING_LIST": "En liste d'attente",
        "ACCEPTED": "Acceptée",
        "REFUSED": "Refusée",
        "CANCELLED": "Annulée",
    },
    RequestLineAction: {"RESERVE": "Réservation", "ABSENCE": "Absence"},
    Attendance: {"PRESENT": "Présent", "ABSENT": "Absent"},
    InvoiceStatus: {
        "ISSUED": "À payer",
        "PARTIALLY_PAID": "Partiellement payée",
        "PAID": "Payée",
        "TRANSMITTED_TO_TREASURY": "Transmis en trésorerie",
        "CANCELLED": "Annulée",
    },
    InvoiceKind: {"INVOICE": "Facture", "CREDIT_NOTE": "Avoir"},
    BillingRunStatus: {"RUNNING": "En cours", "COMPLETED": "Terminée"},
    InvoiceLineKind: {
        "ATTENDANCE": "Présence",
        "BILLED_ABSENCE": "Absence facturée",
        "PENALTY": "Pénalité",
        "REDUCTION": "Réduction",
        "ADJUSTMENT": "Régularisation",
    },
    PricingMode: {
        "FLAT": "Tarif unique",
        "QF_BRACKETS": "Tarif selon le quotient familial",
        "EFFORT_RATE": "Taux d'effort",
    },
    PaymentMethod: {
        "CARD": "Carte bancaire",
        "DIRECT_DEBIT": "Prélèvement",
        "CHEQUE": "Chèque",
        "CASH": "Espèces",
        "CESU": "CESU",
        "TRANSFER": "Virement",
    },
    # --- payments ---
    PaymentIntentStatus: {
        "CREATED": "En attente du paiement",
        "SUCCEEDED": "Paiement accepté",
        "FAILED": "Paiement refusé",
        "EXPIRED": "Paiement expiré",
    },
    DirectDebitBatchStatus: {
        "PREPARED": "Fichier préparé",
        "EXECUTED": "Prélèvement effectué",
    },
    DocumentType: {
        "RIB": "RIB",
        "CAF_CERTIFICATE": "Attestation CAF / MSA",
        "VACCINATION_RECORD": "Carnet de vaccination",
        "MEDICAL_CERTIFICATE": "Certificat médical",
        "PAI": "PAI (projet d'accueil individualisé)",
        "PROOF_OF_ADDRESS": "Justificatif de domicile",
        "TAX_NOTICE": "Avis d'imposition",
        "CHILD_PHOTO": "Photo de l'enfant",
        "OTHER": "Autre document",
    },
    DocumentStatus: {
        "SUBMITTED": "En attente de validation",
        "ACCEPTED": "Validé",
        "REFUSED": "Refusé",
    },
}

LABELS[OccurrenceActionKind] = {
    "RESERVATION_REQUESTED": "Réservation demandée",
    "ABSENCE_DECLARED": "Absence déclarée",
    "ACCEPTED": "Réservation acceptée",
    "ABSENCE_ACCEPTED": "Absence acceptée",
    "REFUSED": "Demande refusée",
    "WAITING_LISTED": "Inscrit en liste d'attente",
    "PROMOTED": "Sorti de la liste d'attente : réservation confirmée",
    "REMOVED_FROM_WAITING_LIST": "Retiré de la liste d'attente (refusé)",
    "CANCELLED": "Demande annulée",
    "MARKED_PRESENT": "Pointé présent",
    "MARKED_ABSENT": "Pointé absent",
    "JUSTIFICATION_SUBMITTED": "Justificatif d'absence transmis",
    "ABSENCE_JUSTIFIED": "Absence justifiée : non facturée",
    "JUSTIFICATION_REFUSED": "Justificatif d'absence refusé",
}


WEEKDAY_LABELS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def register_labels(enum_cls: type[enum.Enum], labels: dict[str, str]) -> None:
    """Declare the French labels of a capability's own enum, next to the enum.

    This module imports no capability (they all import it for ``label``): an enum defined
    in ``domain/<capability>/`` registers its labels where it is defined, so holding a value
    means its labels are known, and ``LABELS`` lists every labelled enum once the schema is
    built.
    """
    missing = {member.value for member in enum_cls} - set(labels)
    if missing:
        raise ValueError(f"{enum_cls.__name__}: no French label for {sorted(missing)}")
    LABELS[enum_cls] = labels
    _BY_MEMBER.pop(enum_cls, None)


# The answers of ``label`` by enum, then member: the planning asks three per occurrence.
# Keyed by the enum first, since members of two StrEnums with the same value are equal.
# ``register_labels`` forgets an enum's answers (``LABELS`` changes nowhere else).
_BY_MEMBER: dict[type[enum.Enum], dict[enum.Enum, str]] = {}


def label(value: enum.Enum) -> str:
    """The French label of an enum value (falls back to the value for unmapped enums)."""
    kind = type(value)
    known = _BY_MEMBER.get(kind)
    if known is None:
        known = _BY_MEMBER[kind] = {}
    text = known.get(value)
    if text is None:
        text = known[value] = LABELS.get(kind, {}).get(str(value.value), str(value.value))
    return text
