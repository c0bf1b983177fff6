"""What the mail template and outbox tests share: the tenant, sample values of every
template variable and the rendering context built from them.
"""

from __future__ import annotations

import datetime as dt

from domain.mail import MAIL_TEMPLATES

TENANT = {"name": "Mairie de Saint-Ismier", "service_name": "Le service enfance jeunesse"}


SAMPLE_VALUES: dict[str, object] = {
    "activation_url": "https://portail.example/saint-ismier/activation?id=474077ce91e1",
    "valid_hours": 24,
    "password_reset_url": "https://portail.example/saint-ismier/mot-de-passe?jeton=abc",
    "reset_url": "https://portail.example/saint-ismier/mot-de-passe?jeton=def",
    "valid_minutes": 60,
    "link_url": "https://portail.example/saint-ismier/franceconnect/liaison?token=ghi",
    "provider_name": "FranceConnect",
    "identity_name": "Angela Claire DUBOIS",
    "valid_days": 7,
    "role_label": "administrateur",
    "family_name": "BLMAN",
    "reference": 17_378_981,
    "subscriber_code": "F-000421",
    "portal_url": "https://portail.example/saint-ismier/accueil",
    "reason": "Le justificatif de domicile est manquant.",
    "request_label": "Modification du responsable",
    "created_at": dt.datetime(2019, 4, 4, 7, 14, tzinfo=dt.UTC),
    "accepted": True,
    "message": "Bonne journée.",
    "request_kind": "de réservation",
    "activity_name": "1/Péri MATIN",
    "lines": [
        {
            "date": dt.date(2019, 5, day),
            "time": "07:35",
            "type": "Réservation",
            "child": "Mathias BLMAN",
            "activity": "1/Péri MATIN",
            "status": "En attente de validation",
        }
        for day in (6, 7, 9, 10)
    ],
    "rejected": [{"date": dt.date(2019, 5, 8), "child": "Mathias BLMAN", "message": "Fermé."}],
    "all_pending": True,
    "any_pending": True,
    "decided_lines": [
        {
            "date": dt.date(2019, 5, day),
            "time": "07:35",
            "action": "Réservation",
            "child": "Mathias BLMAN",
            "activity": "1/Péri MATIN",
            "outcome": outcome,
        }
        for day, outcome in ((6, "Acceptée"), (7, "Refusée"))
    ],
    # --- calendar ---
    "closure_label": "Grève – service non assuré",
    "closed_lines": [
        {
            "date": dt.date(2019, 5, 9),
            "time": "07:35",
            "child": "Mathias BLMAN",
            "activity": "1/Péri MATIN",
            "outcome": "Réservation annulée, non facturée",
        }
    ],
    # --- town changes and registration decisions ---
    "change_label": "fermeture du créneau du lundi 16:30 à partir du 13/05/2019",
    "changed_lines": [
        {
            "date": dt.date(2019, 5, 13),
            "time": "16:30",
            "child": "Mathias BLMAN",
            "activity": "Accueil du soir",
            "outcome": "Réservation annulée, non facturée",
            "waiting": False,
        },
        {
            "date": dt.date(2019, 5, 14),
            "time": "16:30",
            "child": "Mathias BLMAN",
            "activity": "Accueil du soir",
            "outcome": "Placé en liste d'attente, en tête",
            "waiting": True,
        },
    ],
    "registration_lines": [
        {
            "child": "Mathias BLMAN",
            "activity": "Judo",
            "start_date": dt.date(2019, 9, 2),
            "end_date": dt.date(2020, 7, 3),
            "outcome": "Refusée",
        }
    ],
    # --- payments ---
    "invoice_number": "2019-06-3862",
    "amount": "14,10\u00a0€",
    "collection_date": dt.date(2019, 7, 31),
    "mandate_reference": "F-000421-12",
    "creditor_id": "FR12ZZZ123456",
    "creditor_name": "Régie enfance Saint-Ismier",
    # --- invoicing ---
    "number": "2019-06-3862",
    "period_label": "juin 2019",
    "total": "42,30 €",
    "due_date": "5 juillet 2019",
    # --- reminders ---
    "deadline": dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC),
    "week_start": dt.date(2026, 12, 7),
    "week_end": dt.date(2026, 12, 13),
    "deadline_lines": [
        {
            "child": "Mathias BLMAN",
            "activity": "1/Péri MATIN",
            "deadline": dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC),
        }
    ],
    "last_day": dt.date(2026, 12, 9),
    "days_left": 5,
    "absence_lines": [
        {"date": dt.date(2026, 12, 7), "child": "Mathias BLMAN", "activity": "1/Péri MATIN"}
    ],
    "remaining": "30,00 €",
    "due_on": dt.date(2026, 12, 7),
    "document_label": "RIB",
    "child_name": None,
    "refused_on": dt.date(2026, 11, 27),
}


def context(template: str, **overrides: object) -> dict[str, object]:
    """The common variables plus the template's own ones, with sample values."""
    values: dict[str, object] = {"tenant": TENANT, "recipient_name": "M. Matthieu BLMAN"}
    values.update({name: SAMPLE_VALUES[name] for name in MAIL_TEMPLATES[template]})
    values.update(overrides)
    return values
