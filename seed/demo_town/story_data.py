"""The guide's story as data: standing reservations, how each family pays its invoices,
and the numbers the guide's screenshots show.
"""

from __future__ import annotations

from dataclasses import dataclass

from seed.demo_town.town_data import (
    ETUDE_GARDERIE_2,
    GARDERIE_BOURG,
    GARDERIE_MATIN,
    JEUNES_APRES_MIDI,
    JEUNES_MATIN,
    JEUNES_REPAS,
    MERCREDI_APRES_MIDI,
    MERCREDI_MATIN,
    MERCREDI_REPAS,
    REPAS_BOURG,
    REPAS_LUX,
    SCHOOL_WEEK,
    WEDNESDAY,
    WORKING_WEEK,
)


@dataclass(frozen=True, slots=True)
class BookingPlan:
    """Standing reservations made with the registration: a child, an activity, weekdays.

    ``until_horizon`` plans run from the rentrée to a few weeks after today; the others
    stop the day before today (holiday activities already attended).
    """

    child: str
    activity: str
    weekdays: tuple[int, ...]
    until_horizon: bool = True


BOOKING_PLANS: tuple[BookingPlan, ...] = (
    BookingPlan("lenny", GARDERIE_MATIN, SCHOOL_WEEK),
    BookingPlan("lenny", REPAS_LUX, SCHOOL_WEEK),
    BookingPlan("lenny", ETUDE_GARDERIE_2, SCHOOL_WEEK),
    BookingPlan("lenny", MERCREDI_MATIN, WEDNESDAY),
    BookingPlan("lenny", MERCREDI_REPAS, WEDNESDAY),
    BookingPlan("lenny", MERCREDI_APRES_MIDI, WEDNESDAY),
    BookingPlan("simon", GARDERIE_MATIN, (1, 4)),
    BookingPlan("georgette", JEUNES_MATIN, WORKING_WEEK, until_horizon=False),
    BookingPlan("georgette", JEUNES_REPAS, WORKING_WEEK, until_horizon=False),
    BookingPlan("georgette", JEUNES_APRES_MIDI, WORKING_WEEK, until_horizon=False),
    BookingPlan("elsa", JEUNES_REPAS, (1, 2, 4), until_horizon=False),
    BookingPlan("elsa", JEUNES_APRES_MIDI, (1, 2, 4), until_horizon=False),
    BookingPlan("leo", GARDERIE_BOURG, (1, 2, 4)),
    BookingPlan("lea", REPAS_BOURG, (1, 2, 4)),
)

# Standing reservations are booked this many days past "today".
HORIZON_DAYS = 28

# Payment stories of each family's invoices, most recent month first; older months get the
# family's usual way of paying. Together they show what the guide's invoice list shows — a
# card payment, an invoice sent to the treasury, one to pay, one partly paid — and a family
# on direct debit.
INVOICE_STORIES: dict[str, tuple[str, ...]] = {
    "devaille": ("ISSUED", "PAID_CARD", "TRANSMITTED"),
    "roussel": ("ISSUED", "PARTIALLY_PAID", "PAID_CARD"),
    "morel": ("ISSUED",),
}
USUAL_PAYMENT: dict[str, str] = {
    "devaille": "PAID_CARD",
    "roussel": "PAID_CHEQUE",
    "morel": "PAID_DEBIT",
}

# The guide's paid invoice: "Règlement en ligne - Transaction n° 3fe56d", n° 160509454,
# given to the DEVAILLÉ family's first card payment.
GUIDE_PAYMENT_FAMILY = "devaille"
GUIDE_TRANSACTION = "3fe56d"
GUIDE_OPERATION_NUMBER = 160509454
FIRST_INVOICE_SEQUENCE = 3841

# The guide's "Mes demandes" screen: six file-change requests made within two minutes.
GUIDE_REQUEST_REFERENCES = (17378896, 17378916, 17378924, 17378936, 17378956, 17378981)
