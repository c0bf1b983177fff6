"""French labels of the notification enums, for the portal's settings page and the staff's
history (« SMS », « Demande traitée », « Envoyé »)."""

from __future__ import annotations

from domain.labels import register_labels
from models.notification import NotificationChannel, NotificationKind
from models.outbox import OutboxStatus

register_labels(
    NotificationKind,
    {
        "REQUEST_DECIDED": "Demande traitée",
        "NEW_MESSAGE": "Nouveau message",
        "INVOICE_ISSUED": "Nouvelle facture",
        "PAYMENT_DUE": "Paiement à venir",
        "REMINDER": "Rappel",
        "TOWN_NOTICE": "Information de la commune",
        "ACCOUNT": "Compte",
    },
)
register_labels(NotificationChannel, {"MAIL": "Mail", "SMS": "SMS", "PUSH": "Notification"})
register_labels(OutboxStatus, {"PENDING": "En attente", "SENT": "Envoyé", "FAILED": "Échec"})
