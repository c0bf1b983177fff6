"""The collectivity's settings: collectivitySettings (staff) and
collectivitySettingsUpdate (administrators), always the endpoint's own collectivity."""

from __future__ import annotations

from typing import Annotated, Self

import strawberry

from domain.labels import label
from domain.tenants.codes import CollectivitySettingsUpdateErrorCode
from domain.tenants.settings import (
    CollectivitySettings as SettingsView,
)
from domain.tenants.settings import (
    PaymentProviderChoice,
    SettingsChanges,
)
from domain.tenants.settings import (
    SepaCreditor as SepaCreditorView,
)
from kernel.results import DomainFailure
from models.request import RequestType
from resolvers.administration import settings as actions
from schema.enums import RequestTypeEnum  # noqa: F401  (registered before the fields use it)
from schema.errors import error_code_enum, payload_errors
from schema.permissions import Admin, Staff

strawberry.enum(PaymentProviderChoice, description="How families pay invoices online.")


@strawberry.type(description="The régie as a SEPA creditor (direct debits).")
class SepaCreditor:
    name: str = strawberry.field(description="Creditor name (≤ 70 characters).")
    creditor_id: str = strawberry.field(description="SEPA creditor identifier (ICS).")
    iban: str = strawberry.field(description="IBAN of the régie's account (compact).")
    bic: str = strawberry.field(description="BIC of the régie's bank.")

    @classmethod
    def from_view(cls, view: SepaCreditorView | None) -> Self | None:
        """The API type (None: no creditor set up)."""
        if view is None:
            return None
        return cls(name=view.name, creditor_id=view.creditor_id, iban=view.iban, bic=view.bic)


@strawberry.type(description="The collectivity's settings, as administrators manage them.")
class CollectivitySettings:
    service_name: str = strawberry.field(description="Service signing the mails.")
    mail_from: str = strawberry.field(description="Sender address of the mails.")
    postal_address: str | None = strawberry.field(description="Postal address of the service.")
    contact_email: str | None = strawberry.field(description="Contact address of the service.")
    contact_phone: str | None = strawberry.field(
        description="Contact phone number of the service (E.164)."
    )
    portal_url: str | None = strawberry.field(
        description="Address of the family portal, for links in mails (null: the server's)."
    )
    sepa_creditor: SepaCreditor | None = strawberry.field(
        description="The régie as a SEPA creditor (null: direct debits not set up)."
    )
    payment_provider: PaymentProviderChoice = strawberry.field(
        description="Online payment provider."
    )
    payment_provider_label: str = strawberry.field(description="Its French label.")
    report_min_group_size: int | None = strawberry.field(
        description="Smallest group a report shows (null: the server's minimum; never below it)."
    )
    invoice_due_days: int = strawberry.field(description="Days between issue and due date.")
    invoice_issuer: str | None = strawberry.field(
        description="Who issues the invoices (null: « Régie Enfance – <collectivity> »)."
    )
    auto_accepted_changes: list[RequestType] = strawberry.field(
        description="The file change request types applied at once when a parent asks them "
        "(the others wait for an agent's decision)."
    )
    report_qf_brackets: list[int] | None = strawberry.field(
        description="Bounds of the family-quotient brackets of the population report, "
        "ascending (null: the default bounds 400, 600, 800, 1000, 1200, 1500, 1900)."
    )

    @classmethod
    def from_view(cls, view: SettingsView) -> Self:
        """The API type of the settings."""
        return cls(
            service_name=view.service_name,
            mail_from=view.mail_from,
            postal_address=view.postal_address,
            contact_email=view.contact_email,
            contact_phone=view.contact_phone,
            portal_url=view.portal_url,
            sepa_creditor=SepaCreditor.from_view(view.sepa_creditor),
            payment_provider=view.payment_provider,
            payment_provider_label=label(view.payment_provider),
            report_min_group_size=view.report_min_group_size,
            invoice_due_days=view.invoice_due_days,
            invoice_issuer=view.invoice_issuer,
            auto_accepted_changes=list(view.auto_accepted_changes),
            report_qf_brackets=(
                list(view.report_qf_brackets) if view.report_qf_brackets is not None else None
            ),
        )


@strawberry.input(description="The régie as a SEPA creditor: every field is required.")
class SepaCreditorInput:
    name: str = strawberry.field(description="Creditor name (≤ 70 characters).")
    creditor_id: str = strawberry.field(description="SEPA creditor identifier (ICS).")
    iban: str = strawberry.field(description="IBAN (spaces allowed).")
    bic: str = strawberry.field(description="BIC.")


_KEEP = "Null or absent: unchanged."
_CLEAR = " An empty string clears it."


@strawberry.input(
    description="The settings to change: fields not given are left as they are; every "
    "field is checked before anything is written."
)
class CollectivitySettingsUpdateInput:
    service_name: str | None = strawberry.field(default=None, description=_KEEP)
    mail_from: str | None = strawberry.field(default=None, description=_KEEP)
    postal_address: str | None = strawberry.field(default=None, description=_KEEP + _CLEAR)
    contact_email: str | None = strawberry.field(default=None, description=_KEEP + _CLEAR)
    contact_phone: str | None = strawberry.field(default=None, description=_KEEP + _CLEAR)
    portal_url: str | None = strawberry.field(default=None, description=_KEEP + _CLEAR)
    sepa_creditor: SepaCreditorInput | None = strawberry.field(
        default=None, description=_KEEP + " Replaces the whole creditor."
    )
    payment_provider: PaymentProviderChoice | None = strawberry.field(
        default=None, description=_KEEP
    )
    report_min_group_size: int | None = strawberry.field(
        default=None, description=_KEEP + " From 1 to 1000."
    )
    invoice_due_days: int | None = strawberry.field(
        default=None, description=_KEEP + " From 0 to 365."
    )
    invoice_issuer: str | None = strawberry.field(default=None, description=_KEEP + _CLEAR)
    auto_accepted_changes: list[RequestType] | None = strawberry.field(
        default=None,
        description=_KEEP + " Replaces the list; change request types only (a booking "
        "type is refused); an empty list: none auto-accepted.",
    )
    report_qf_brackets: list[int] | None = strawberry.field(
        default=None,
        description=_KEEP + " Replaces the bounds: positive, strictly ascending, at most 20; "
        "an empty list: the default bounds.",
    )

    def changes(self) -> SettingsChanges:
        """The domain's view of the update."""
        creditor = self.sepa_creditor
        return SettingsChanges(
            service_name=self.service_name,
            mail_from=self.mail_from,
            postal_address=self.postal_address,
            contact_email=self.contact_email,
            contact_phone=self.contact_phone,
            portal_url=self.portal_url,
            sepa_creditor=(
                SepaCreditorView(
                    name=creditor.name,
                    creditor_id=creditor.creditor_id,
                    iban=creditor.iban,
                    bic=creditor.bic,
                )
                if creditor is not None
                else None
            ),
            payment_provider=self.payment_provider,
            report_min_group_size=self.report_min_group_size,
            invoice_due_days=self.invoice_due_days,
            invoice_issuer=self.invoice_issuer,
            auto_accepted_changes=(
                tuple(self.auto_accepted_changes)
                if self.auto_accepted_changes is not None
                else None
            ),
            report_qf_brackets=(
                tuple(self.report_qf_brackets) if self.report_qf_brackets is not None else None
            ),
        )


error_code_enum(
    CollectivitySettingsUpdateErrorCode,
    description="Why collectivitySettingsUpdate was refused.",
)


@strawberry.type(description="A problem with collectivitySettingsUpdate's input.")
class CollectivitySettingsUpdateError:
    field: list[str] = strawberry.field(description="Path of the input field at fault.")
    message: str = strawberry.field(description="What is wrong, in French.")
    code: CollectivitySettingsUpdateErrorCode = strawberry.field(description="Stable code.")


@strawberry.type(description="Result of collectivitySettingsUpdate.")
class CollectivitySettingsUpdatePayload:
    settings: CollectivitySettings | None = strawberry.field(
        description="The settings after the update; null when there are errors."
    )
    errors: list[CollectivitySettingsUpdateError] = strawberry.field(
        description="Problems, if any (then nothing was changed)."
    )


@strawberry.type(description="Reading the collectivity's settings.")
class CollectivitySettingsQueries:
    @strawberry.field(
        description="The settings of the collectivity this endpoint serves.",
        permission_classes=[Staff],
    )
    async def collectivity_settings(self, info: strawberry.Info) -> CollectivitySettings:
        return CollectivitySettings.from_view(await actions.collectivity_settings(info.context))


@strawberry.type(description="Changing the collectivity's settings.")
class CollectivitySettingsMutations:
    @strawberry.mutation(
        description="Administrators: change some of the collectivity's settings (the others "
        "are left as they are). Nothing is written if one field is invalid; the change is "
        "recorded in the audit trail.",
        permission_classes=[Admin],
    )
    async def collectivity_settings_update(
        self,
        info: strawberry.Info,
        input: Annotated[
            CollectivitySettingsUpdateInput, strawberry.argument(description="The changes.")
        ],
    ) -> CollectivitySettingsUpdatePayload:
        try:
            view = await actions.update_collectivity_settings(info.context, input.changes())
        except DomainFailure as failure:
            return CollectivitySettingsUpdatePayload(
                settings=None,
                errors=payload_errors(
                    failure, CollectivitySettingsUpdateError, CollectivitySettingsUpdateErrorCode
                ),
            )
        return CollectivitySettingsUpdatePayload(
            settings=CollectivitySettings.from_view(view), errors=[]
        )
