"""Short texts: every topic's SMS fits in one GSM-7 message with long, realistic values, and
the GSM 03.38 alphabet is counted as operators count it."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.notifications import gsm7
from domain.notifications.short_text import has_short_text, render_short_text, short_topics
from tests.domain._mail_helpers import context

# The longest values a town and its families plausibly have (names with accents and
# hyphens, staff messages with typographic quotes and ligatures).
LONG_VALUES: dict[str, object] = {
    "tenant": {
        "name": "Communauté d'agglomération du Pays Voironnais",
        "service_name": "Direction de l'éducation, de l'enfance et de la jeunesse",
    },
    "recipient_name": "Mme Marie-Bérénice DE LA FONTAINE-SAINT-ÉTIENNE",
    "family_name": "DE LA FONTAINE-SAINT-ÉTIENNE",
    "request_label": "Modification des personnes autorisées à récupérer l'enfant",
    "reference": 99_999_999,
    "message": "Bonjour, nous avons bien reçu votre demande ; l’accueil du soir sera "
    "« exceptionnellement » fermé à 17 h 30 en raison d’une sœur malade… Cordialement.",
    "closure_label": "Grève du personnel d'animation – service non assuré toute la journée",
    "change_label": "fermeture du créneau du lundi 16:30 à partir du 13/05/2026 pour travaux",
    "number": "2026-12-123456",
    "invoice_number": "2026-12-123456",
    "period_label": "septembre 2026",
    "total": "1 234,56\u00a0€",
    "amount": "1 234,56\u00a0€",
    "due_date": "30 septembre 2026",
    "subscriber_code": "F-0004211234",
    "mandate_reference": "F-000421-12-ABCDEFGHIJKLMNOPQRSTUVW",
    "creditor_name": "Régie de recettes enfance jeunesse de la Communauté",
    "remaining": "1 234,56\u00a0€",
    "document_label": "Attestation d'assurance responsabilité civile extrascolaire",
    "deadline_label": "30/09/2026 à 09:00",  # as domain.bookings.rules.instant_fr writes it
}


def _long_context(topic: str) -> dict[str, object]:
    values = context(topic) if topic in _topics_with_mail() else {}
    values.update(LONG_VALUES)
    for key, lines in list(values.items()):
        if key.endswith("_lines") and isinstance(lines, list) and lines:
            values[key] = lines * 12  # a dozen dates, children or registrations
    return values


def _topics_with_mail() -> set[str]:
    from domain.mail import MAIL_TEMPLATES

    return set(MAIL_TEMPLATES)


def test_the_family_topics_have_short_texts() -> None:
    topics = set(short_topics())
    assert {
        "booking_request_decided",
        "change_request_decided",
        "request_message_posted",
        "invoice_issued",
        "direct_debit_prenotification",
        "day_closed",
        "booking_changed_by_town",
        "registration_decided",
        "family_validated",
        "family_rejected",
    } <= topics
    # Account mails stay mail only: no SMS with an activation link.
    assert not has_short_text("account_activation")
    assert not has_short_text("password_reset")


@pytest.mark.parametrize("topic", short_topics())
def test_every_short_text_fits_one_sms_with_long_values(topic: str) -> None:
    short = render_short_text(topic, _long_context(topic))

    assert short is not None
    folded = gsm7.fold(short.body)
    # The template itself fits: the safety cut of render_short_text was not needed.
    assert gsm7.septets(folded) <= gsm7.SINGLE_SMS_SEPTETS, (len(folded), folded)
    assert short.sms == folded
    assert gsm7.fits_one_sms(short.sms)
    assert "{" not in short.sms and "  " not in short.sms
    assert short.title and len(short.title) <= 80


@pytest.mark.parametrize("topic", short_topics())
def test_every_short_text_names_the_town(topic: str) -> None:
    short = render_short_text(topic, context(topic, deadline_label="jeudi 3 décembre à 09:00"))

    assert short is not None
    assert short.body.startswith("Mairie de Saint-Ismier : ")


def test_the_gsm7_alphabet_and_its_extension_table() -> None:
    assert gsm7.is_gsm7("Réservation acceptée à 07:35 (Ça va) !")
    assert not gsm7.is_gsm7("« fête »")
    assert gsm7.septets("€") == 2 and gsm7.septets("[x]") == 5
    assert gsm7.septets("é" * 160) == 160
    with pytest.raises(ValueError, match="not a GSM-7 character"):
        gsm7.septets("ê")
    assert (
        gsm7.fold("« Sœur ’Hélène’ » – fête à 8 h… ça ")
        == "\" Soeur 'Hélène' \" - fete à 8 h... ca "
    )
    assert gsm7.fold("🙂") == "?"


def test_a_value_longer_than_any_template_expects_is_cut_to_one_sms() -> None:
    # A reference is printed whole (never clipped): a 300-digit one overflows the template.
    values = context("request_message_posted", reference="9" * 300)

    short = render_short_text("request_message_posted", values)

    assert short is not None
    assert gsm7.fits_one_sms(short.sms) and short.sms.endswith("...")
    assert len(short.body) > 300  # the push body is not cut to SMS length


def test_short_text_dates_are_french() -> None:
    short = render_short_text(
        "direct_debit_prenotification",
        context("direct_debit_prenotification", collection_date=dt.date(2026, 1, 5)),
    )
    assert short is not None
    assert "prélevée le 05/01/2026" in short.body
