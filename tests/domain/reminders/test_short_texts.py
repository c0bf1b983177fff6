"""The reminders' SMS and push texts: French, GSM-7, one SMS even with the longest values
a town plausibly has (a long town name is clipped, nothing else is cut)."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.notifications import gsm7
from domain.notifications.short_text import render_short_text
from domain.reminders.base import (
    ABSENCE_JUSTIFICATION,
    BOOKING_DEADLINE,
    DOCUMENT_MISSING,
    INVOICE_DUE,
)

TENANT = {
    "name": "Communauté de communes du Grésivaudan et des Balcons de Belledonne",
    "service_name": "Le service enfance jeunesse",
    "timezone": "Europe/Paris",
}
LINE = {"child": "Marie-Antoinette DE LA TOUR", "activity": "Accueil périscolaire du soir"}
CONTEXTS: dict[str, dict[str, object]] = {
    BOOKING_DEADLINE: {
        "deadline_label": "03/12/2026 à 09:00",
        "week_start": dt.date(2026, 12, 7),
        "deadline_lines": [LINE, LINE, LINE],
    },
    ABSENCE_JUSTIFICATION: {"last_day": dt.date(2026, 12, 9), "absence_lines": [LINE, LINE]},
    INVOICE_DUE: {
        "number": "2026-11-12345",
        "remaining": "1 234,56 €",
        "due_on": dt.date(2026, 12, 7),
    },
    DOCUMENT_MISSING: {"document_label": "PAI (projet d'accueil individualisé)"},
}


@pytest.mark.parametrize("topic", sorted(CONTEXTS))
def test_fits_one_sms_uncut(topic: str) -> None:
    short = render_short_text(topic, {"tenant": TENANT, **CONTEXTS[topic]})
    assert short is not None, topic
    assert gsm7.fits_one_sms(short.sms), (topic, short.sms, gsm7.septets(short.sms))
    assert not short.sms.endswith("..."), short.sms  # not cut to fit
    assert "Espace Famille" in short.sms
    assert short.title and len(short.title) <= 80


def test_booking_deadline_sms_says_when_and_how_many() -> None:
    short = render_short_text(BOOKING_DEADLINE, {"tenant": TENANT, **CONTEXTS[BOOKING_DEADLINE]})
    assert short is not None
    assert "07/12/2026" in short.sms and "03/12/2026 à 09:00" in short.sms
    assert "3 activités" in short.sms
