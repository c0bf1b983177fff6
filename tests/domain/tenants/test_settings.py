"""A collectivity's settings: partial updates, every field checked, the keys the
capabilities read, and an audit entry of what changed."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.billing.invoice_terms import due_days_of, issuer_of
from domain.change_requests.create import AUTO_ACCEPT_SETTING
from domain.payments.sepa_file import creditor_of
from domain.reporting import tenant_report_settings
from domain.reporting.query import DEFAULT_QF_BOUNDS
from domain.tenants.settings import (
    PaymentProviderChoice,
    SepaCreditor,
    SettingsChanges,
    check_creditor_id,
    portal_base,
    read_settings,
    update_settings,
)
from kernel.results import DomainFailure
from models import AuditEntry, Tenant
from models.request import RequestType
from tests import factories

CREDITOR = SepaCreditor(
    name="Régie enfance de Crolles",
    creditor_id="fr72 zzz 123456",
    iban="FR76 3000 6000 0112 3456 7890 189",
    bic="agrifrpp",
)


async def _entries(session: AsyncSession, tenant_id: int) -> list[AuditEntry]:
    return list(
        await session.scalars(
            select(AuditEntry).where(AuditEntry.tenant_id == tenant_id).order_by(AuditEntry.id)
        )
    )


async def test_an_update_writes_the_keys_the_capabilities_read(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session, settings={"autoAcceptedChanges": ["X"]})
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        changes=SettingsChanges(
            service_name="  Le service scolaire ",
            contact_email="Enfance@Crolles.example",
            contact_phone="04 76 08 04 54",
            portal_url="https://famille.crolles.example/",
            sepa_creditor=CREDITOR,
            payment_provider=PaymentProviderChoice.NONE,
            report_min_group_size=12,
            invoice_due_days=15,
            invoice_issuer="Régie Enfance – Crolles",
        ),
    )
    await session.refresh(tenant)
    assert tenant.service_name == "Le service scolaire"
    assert tenant.settings["autoAcceptedChanges"] == ["X"]  # other keys are kept
    creditor = creditor_of(tenant)
    assert creditor is not None
    assert (creditor.name, creditor.creditor_id, creditor.iban, creditor.bic) == (
        "Régie enfance de Crolles",
        "FR72ZZZ123456",
        "FR7630006000011234567890189",
        "AGRIFRPP",
    )
    assert due_days_of(tenant) == 15 and issuer_of(tenant) == "Régie Enfance – Crolles"
    assert tenant_report_settings(tenant.settings, 5).min_group_size == 12
    assert portal_base(tenant, "https://default") == "https://famille.crolles.example"
    read = read_settings(tenant)
    assert read.contact_email == "enfance@crolles.example"
    assert read.contact_phone == "+33476080454"
    assert read.payment_provider is PaymentProviderChoice.NONE


async def test_fields_not_given_are_left_and_empty_text_clears(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        changes=SettingsChanges(contact_phone="0476080454", postal_address="1 place de la Mairie"),
    )
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        changes=SettingsChanges(contact_phone=""),
    )
    await session.refresh(tenant)
    read = read_settings(tenant)
    assert read.contact_phone is None
    assert read.postal_address == "1 place de la Mairie"
    assert read.service_name == "Le service enfance"
    assert read.payment_provider is PaymentProviderChoice.SANDBOX  # the default


async def test_every_invalid_field_is_reported_and_nothing_is_written(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    before = read_settings(tenant)
    with pytest.raises(DomainFailure) as refused:
        await update_settings(
            session,
            tenant_id=tenant.id,
            actor_account_id=None,
            changes=SettingsChanges(
                service_name=" ",
                mail_from="pas une adresse",
                contact_phone="12",
                portal_url="famille.example",
                sepa_creditor=SepaCreditor(
                    name="Régie", creditor_id="FR12ZZZ123456", iban="FR76 1234", bic="XX"
                ),
                report_min_group_size=0,
                invoice_due_days=-1,
            ),
        )
    found = {(p.code, p.field) for p in refused.value.problems}
    assert found == {
        ("REQUIRED", ("serviceName",)),
        ("INVALID_EMAIL", ("mailFrom",)),
        ("INVALID_PHONE", ("contactPhone",)),
        ("INVALID_URL", ("portalUrl",)),
        ("INVALID_CREDITOR_ID", ("sepaCreditor", "creditorId")),
        ("INVALID_IBAN", ("sepaCreditor", "iban")),
        ("INVALID_BIC", ("sepaCreditor", "bic")),
        ("OUT_OF_RANGE", ("reportMinGroupSize",)),
        ("OUT_OF_RANGE", ("invoiceDueDays",)),
    }
    assert all(p.message and p.message[0].isupper() for p in refused.value.problems)
    await session.refresh(tenant)
    assert read_settings(tenant) == before
    assert await _entries(session, tenant.id) == []


async def test_the_audit_entry_holds_only_what_changed(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    account = await factories.make_account(
        session, tenant, email="admin@crolles.example", role="ADMIN"
    )
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=account.id,
        changes=SettingsChanges(service_name="Le service enfance", invoice_due_days=20),
    )
    [entry] = await _entries(session, tenant.id)
    assert (entry.action, entry.object_type, entry.object_id, entry.actor_account_id) == (
        "collectivity.settings_changed",
        "Tenant",
        tenant.id,
        account.id,
    )
    assert entry.before == {"invoice_due_days": 30}
    assert entry.after == {"invoice_due_days": 20}

    # Nothing changed: no entry.
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=account.id,
        changes=SettingsChanges(invoice_due_days=20),
    )
    assert len(await _entries(session, tenant.id)) == 1


@pytest.mark.parametrize("ics", ["FR72ZZZ123456", "DE98ZZZ09999999999", "fr72 zzz 123456"])
def test_valid_creditor_identifiers(ics: str) -> None:
    assert check_creditor_id(ics) == ics.replace(" ", "").upper()


@pytest.mark.parametrize("ics", ["FR12ZZZ123456", "FR72ZZZ", "72ZZZ123456", "FR72ZZZ12345!"])
def test_invalid_creditor_identifiers(ics: str) -> None:
    with pytest.raises(DomainFailure):
        check_creditor_id(ics)


async def test_the_setting_of_another_tenant_is_untouched(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    other = await factories.make_tenant(session)
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        changes=SettingsChanges(service_name="Autre service"),
    )
    await session.refresh(other)
    assert other.service_name == "Le service enfance"
    assert (await session.get_one(Tenant, tenant.id)).service_name == "Autre service"


async def test_auto_accepted_changes_and_qf_brackets_are_stored_as_their_readers_read_them(
    session: AsyncSession,
) -> None:
    tenant = await factories.make_tenant(session)
    assert read_settings(tenant).auto_accepted_changes == ()
    assert read_settings(tenant).report_qf_brackets is None
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        changes=SettingsChanges(
            auto_accepted_changes=(
                RequestType.VACCINATION_CHANGE,
                RequestType.CHILD_AUTHORIZATIONS_CHANGE,
                RequestType.VACCINATION_CHANGE,
            ),
            report_qf_brackets=(500, 1000, 2000),
        ),
    )
    await session.refresh(tenant)
    # The keys and shapes domain.change_requests.create and domain.reporting read.
    assert tenant.settings[AUTO_ACCEPT_SETTING] == [
        "CHILD_AUTHORIZATIONS_CHANGE",
        "VACCINATION_CHANGE",
    ]
    assert tenant.settings["reportQfBrackets"] == [500, 1000, 2000]
    assert tenant_report_settings(tenant.settings, 5).qf_bounds == (500, 1000, 2000)
    read = read_settings(tenant)
    assert read.auto_accepted_changes == (
        RequestType.CHILD_AUTHORIZATIONS_CHANGE,
        RequestType.VACCINATION_CHANGE,
    )
    assert read.report_qf_brackets == (500, 1000, 2000)
    [entry] = await _entries(session, tenant.id)
    assert entry.before == {"auto_accepted_changes": [], "report_qf_brackets": None}
    assert entry.after == {
        "auto_accepted_changes": ["CHILD_AUTHORIZATIONS_CHANGE", "VACCINATION_CHANGE"],
        "report_qf_brackets": [500, 1000, 2000],
    }

    # Empty lists: nothing auto-accepted, the default brackets again.
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        changes=SettingsChanges(auto_accepted_changes=(), report_qf_brackets=()),
    )
    await session.refresh(tenant)
    assert AUTO_ACCEPT_SETTING not in tenant.settings
    assert "reportQfBrackets" not in tenant.settings
    assert tenant_report_settings(tenant.settings, 5).qf_bounds == DEFAULT_QF_BOUNDS
    assert read_settings(tenant).auto_accepted_changes == ()


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        (
            SettingsChanges(auto_accepted_changes=(RequestType.RESERVATION,)),
            "NOT_A_CHANGE_TYPE",
            "autoAcceptedChanges",
        ),
        (
            SettingsChanges(
                auto_accepted_changes=(
                    RequestType.CHILD_CHANGE,
                    RequestType.ACTIVITY_REGISTRATION,
                )
            ),
            "NOT_A_CHANGE_TYPE",
            "autoAcceptedChanges",
        ),
        (
            SettingsChanges(auto_accepted_changes=(RequestType.CHILD_PHOTO_CHANGE,)),
            "NOT_A_CHANGE_TYPE",
            "autoAcceptedChanges",
        ),
        (SettingsChanges(report_qf_brackets=(400, 400)), "INVALID_BRACKETS", "reportQfBrackets"),
        (SettingsChanges(report_qf_brackets=(800, 400)), "INVALID_BRACKETS", "reportQfBrackets"),
        (SettingsChanges(report_qf_brackets=(0, 400)), "INVALID_BRACKETS", "reportQfBrackets"),
        (SettingsChanges(report_qf_brackets=(-5,)), "INVALID_BRACKETS", "reportQfBrackets"),
        (
            SettingsChanges(report_qf_brackets=tuple(range(100, 2200, 100))),
            "INVALID_BRACKETS",
            "reportQfBrackets",
        ),
    ],
)
async def test_invalid_auto_accepted_changes_and_brackets_are_refused(
    session: AsyncSession, changes: SettingsChanges, code: str, field: str
) -> None:
    tenant = await factories.make_tenant(
        session, settings={"autoAcceptedChanges": ["CHILD_AUTHORIZATIONS_CHANGE"]}
    )
    with pytest.raises(DomainFailure) as refused:
        await update_settings(session, tenant_id=tenant.id, actor_account_id=None, changes=changes)
    [problem] = refused.value.problems
    assert (problem.code, problem.field) == (code, (field,))
    assert problem.message[0].isupper()
    await session.refresh(tenant)
    assert tenant.settings == {"autoAcceptedChanges": ["CHILD_AUTHORIZATIONS_CHANGE"]}
    assert await _entries(session, tenant.id) == []


async def test_twenty_brackets_are_accepted(session: AsyncSession) -> None:
    tenant = await factories.make_tenant(session)
    bounds = tuple(range(100, 2100, 100))
    assert len(bounds) == 20
    await update_settings(
        session,
        tenant_id=tenant.id,
        actor_account_id=None,
        changes=SettingsChanges(report_qf_brackets=bounds),
    )
    await session.refresh(tenant)
    assert tenant_report_settings(tenant.settings, 5).qf_bounds == bounds
