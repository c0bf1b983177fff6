"""Notification mail templates: every template renders in French, HTML is escaped, a
missing variable is an error, dates and plurals are French.

The outbox side (``enqueue_mail``) is in ``test_mail_outbox.py``.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from domain.mail import (
    MAIL_TEMPLATES,
    TEMPLATES_DIR,
    MailTemplateError,
    format_date_fr,
    format_datetime_fr,
    plural_fr,
    render_mail,
)
from tests.domain._mail_helpers import TENANT, context

FOOTER = "Ceci est un mail automatique merci de ne pas y répondre."
OPTIONAL_VARIABLES = {"message"}


# A phrase each mail must contain (text and HTML), in the words of the guide where it has some.
EXPECTED: dict[str, tuple[str, ...]] = {
    "account_activation": (
        "Pour finaliser la création de votre compte",
        "Attention, cet e-mail n'est valable que 24 heures",
        "https://portail.example/saint-ismier/activation?id=474077ce91e1",
    ),
    "account_already_exists": (
        "Un compte existe déjà pour cette adresse",
        "https://portail.example/saint-ismier/mot-de-passe?jeton=abc",
    ),
    "password_reset": ("réinitialiser le mot de passe", "n'est valable que 60 minutes"),
    "oidc_link": (
        "avec FranceConnect, sous l'identité de",
        "Angela Claire DUBOIS",
        "https://portail.example/saint-ismier/franceconnect/liaison?token=ghi",
        "n'est valable que 60 minutes",
        "si vous n'êtes pas Angela Claire DUBOIS, n'ouvrez pas ce lien",
    ),
    "staff_invitation": (
        "invité(e) en tant qu'administrateur de Mairie de Saint-Ismier",
        "n'est valable que 7 jours",
        "https://portail.example/saint-ismier/activation?id=474077ce91e1",
    ),
    "family_registration_received": ("dossier famille", "17 378 981", "en cours d'instruction"),
    "family_validated": ("a été validé", "F-000421", "https://portail.example/saint-ismier"),
    "family_rejected": ("n'a pas pu être validée", "Le justificatif de domicile est manquant."),
    "change_request_received": (
        "Modification du responsable",
        "réalisée le 04/04/2019 à 09:14 est en cours d'instruction",
        "Nous vous tiendrons informé de son traitement.",
    ),
    "change_request_decided": ("Modification du responsable", "acceptée", "Bonne journée."),
    "booking_request_received": (
        "réalisées le 04/04/2019 à 09:14 sont en cours d'instruction",
        "Type de la demande",
        "06/05/2019",
        "Mathias BLMAN",
        "08/05/2019, Mathias BLMAN : Fermé.",
        "Nous vous tiendrons informé de leur traitement.",
    ),
    "booking_request_decided": (
        "ont été traitées",
        "Type de la demande",
        "06/05/2019",
        "Refusée",
        "Bonne journée.",
    ),
    "day_closed": (
        "Le service ne sera pas assuré à la date ci-dessous",
        "Grève – service non assuré",
        "09/05/2019",
        "Mathias BLMAN",
        "Réservation annulée, non facturée",
        "ne vous seront pas facturées",
    ),
    "booking_changed_by_town": (
        "La collectivité a modifié un créneau",
        "fermeture du créneau du lundi 16:30 à partir du 13/05/2019",
        "13/05/2019",
        "Réservation annulée, non facturée",
        "en tête",
        "ne vous seront pas facturées",
        "si une place se libère, elle lui revient",
    ),
    "registration_decided": (
        "La demande d'inscription de votre famille (",
        "Judo",
        "du 02/09/2019 au 03/07/2020",
        "Refusée",
        "Motif du refus",
        "Le justificatif de domicile est manquant.",
    ),
    "request_message_posted": (
        "vous a écrit au sujet de votre demande",
        "17 378 981",
        "Bonne journée.",
        "menu Mes demandes",
    ),
    "direct_debit_prenotification": (
        "2019-06-3862",
        "14,10\u00a0€",
        "31/07/2019",
        "F-000421-12",
        "FR12ZZZ123456",
    ),
    "invoice_issued": ("2019-06-3862", "juin 2019", "42,30 €", "5 juillet 2019", "Mes factures"),
    "reminder_booking_deadline": (
        "07/12/2026",
        "Mathias BLMAN",
        "1/Péri MATIN",
        "03/12/2026 à 09:00",
        "BLMAN",
    ),
    "reminder_absence_justification": ("07/12/2026", "09/12/2026", "certificat médical"),
    "reminder_invoice_due": ("2019-06-3862", "07/12/2026", "dans 5 jours", "30,00 €"),
    "reminder_document_missing": ("RIB", "27/11/2026", "Le justificatif de domicile est manquant."),
}


def test_every_template_file_is_declared() -> None:
    files = {p.name.split(".")[0] for p in TEMPLATES_DIR.iterdir() if not p.name.startswith("_")}
    assert files == set(MAIL_TEMPLATES)
    for name in MAIL_TEMPLATES:
        for suffix in (".subject.txt", ".txt", ".html"):
            assert (TEMPLATES_DIR / f"{name}{suffix}").is_file()


@pytest.mark.parametrize("template", sorted(MAIL_TEMPLATES))
def test_every_template_renders_in_french(template: str) -> None:
    mail = render_mail(template, context(template))

    assert mail.subject
    assert "\n" not in mail.subject
    for body in (mail.text, mail.html):
        assert "Bonjour M. Matthieu BLMAN," in body
        assert "Cordialement" in body
        assert "Le service enfance jeunesse" in body
        assert "Mairie de Saint-Ismier" in body
        assert FOOTER in body
        for phrase in EXPECTED[template]:
            assert phrase in body, (template, phrase)
    assert mail.html.startswith("<!DOCTYPE html>")
    assert '<html lang="fr">' in mail.html
    assert "<" not in mail.text


@pytest.mark.parametrize(
    ("template", "subject"),
    [
        ("account_activation", "Confirmez votre adresse e-mail – Mairie de Saint-Ismier"),
        ("change_request_received", "Accusé d'enregistrement électronique – demande n° 17 378 981"),
        ("change_request_decided", "Accusé de traitement – demande n° 17 378 981 acceptée"),
        ("family_validated", "Votre dossier famille BLMAN a été validé"),
        ("registration_decided", "Votre demande d'inscription a été traitée – BLMAN"),
    ],
)
def test_subjects(template: str, subject: str) -> None:
    assert render_mail(template, context(template)).subject == subject


def test_links_are_buttons_with_the_guides_fallback_link() -> None:
    mail = render_mail("account_activation", context("account_activation"))
    url = "https://portail.example/saint-ismier/activation?id=474077ce91e1"
    assert mail.html.count(f'href="{url}"') == 2
    assert "Confirmer votre adresse e-mail" in mail.html
    assert "Si ce bouton ne s'affiche pas correctement" in mail.html
    assert url in mail.text


def test_refusal_with_a_staff_message_and_without_one() -> None:
    refused = render_mail(
        "change_request_decided",
        context("change_request_decided", accepted=False, message="Complet.\nDésolés."),
    )
    assert refused.subject.endswith("refusée")
    assert "a été refusée" in refused.text
    assert "Message du service" in refused.text
    assert "Complet.\nDésolés." in refused.text
    assert "Complet.<br>\nDésolés." in refused.html

    values = context("change_request_decided")
    del values["message"]
    accepted = render_mail("change_request_decided", values)
    assert "Message du service" not in accepted.text
    assert "Message du service" not in accepted.html
    silent = render_mail("change_request_decided", context("change_request_decided", message=None))
    assert "Message du service" not in silent.text


def test_greeting_without_a_name() -> None:
    mail = render_mail("password_reset", context("password_reset", recipient_name=None))
    assert mail.text.startswith("Bonjour,\n")
    assert "Bonjour," in mail.html


def test_html_escapes_variables_and_text_keeps_them() -> None:
    hostile = '<script>alert("x")</script> & Cie'
    mail = render_mail(
        "family_rejected",
        context(
            "family_rejected",
            family_name=hostile,
            reason="<b>motif</b>",
            recipient_name="<img src=x>",
            tenant={"name": "Ville <i>", "service_name": "Service & co"},
        ),
    )
    assert "<script>" not in mail.html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Cie" in mail.html
    assert "&lt;b&gt;motif&lt;/b&gt;" in mail.html
    assert "&lt;img src=x&gt;" in mail.html
    assert "Ville &lt;i&gt;" in mail.html
    assert "Service &amp; co" in mail.html
    assert hostile in mail.text
    assert hostile in mail.subject


@pytest.mark.parametrize(
    ("template", "variable"),
    [
        (template, variable)
        for template, variables in sorted(MAIL_TEMPLATES.items())
        for variable in ("tenant", "recipient_name", *variables)
        if variable not in OPTIONAL_VARIABLES
    ],
)
def test_a_missing_variable_is_an_error(template: str, variable: str) -> None:
    values = context(template)
    del values[variable]
    with pytest.raises(MailTemplateError, match=template):
        render_mail(template, values)


def test_unknown_templates_are_refused() -> None:
    with pytest.raises(MailTemplateError, match="unknown"):
        render_mail("_layout", context("password_reset"))
    with pytest.raises(MailTemplateError, match="unknown"):
        render_mail("../models/outbox", {})


def test_date_filter_needs_a_datetime() -> None:
    with pytest.raises(MailTemplateError, match="datetime_fr"):
        render_mail(
            "change_request_received",
            context("change_request_received", created_at="04/04/2019"),
        )


def test_french_date_formatting() -> None:
    assert format_date_fr(dt.date(2019, 4, 4)) == "04/04/2019"
    # Aware datetimes are shown in Paris time, winter (UTC+1) and summer (UTC+2) alike.
    assert format_datetime_fr(dt.datetime(2026, 1, 5, 6, 30, tzinfo=dt.UTC)) == "05/01/2026 à 07:30"
    assert format_datetime_fr(dt.datetime(2019, 4, 4, 7, 14, tzinfo=dt.UTC)) == "04/04/2019 à 09:14"
    # Late at night in UTC is already the next day in Paris.
    assert format_date_fr(dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)) == "01/01/2026"
    # Naive datetimes are taken as local already.
    assert format_datetime_fr(dt.datetime(2019, 4, 4, 9, 14)) == "04/04/2019 à 09:14"
    reunion = ZoneInfo("Indian/Reunion")
    assert format_datetime_fr(dt.datetime(2019, 4, 4, 7, 14, tzinfo=dt.UTC), reunion).endswith(
        "11:14"
    )


def test_dates_follow_the_tenants_time_zone_when_it_has_one() -> None:
    tenant = {**TENANT, "timezone": "Indian/Reunion"}
    mail = render_mail("change_request_received", context("change_request_received", tenant=tenant))
    assert "réalisée le 04/04/2019 à 11:14" in mail.text


def test_french_plurals() -> None:
    assert plural_fr(24, "heure", "heures") == "24 heures"
    assert plural_fr(1, "heure", "heures") == "1 heure"
    assert plural_fr(0, "minute", "minutes") == "0 minute"
    mail = render_mail("account_activation", context("account_activation", valid_hours=1))
    assert "n'est valable que 1 heure." in mail.text
