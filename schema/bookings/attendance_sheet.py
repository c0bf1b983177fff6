"""attendanceSheet (staff): the children expected on a slot on a date — the list the
attendance check (pointage, ``attendanceMark``) is made on — with what the agent needs at
hand: the booking and its mark, allergies and PAI, the family's contacts.

Entries are plain attributes computed before execution (``resolvers.bookings.
attendance_sheet`` loads the sheet in four statements whatever its size).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self

import strawberry
from strawberry import relay

from domain.attendance_sheet import SheetLine, slot_runs_on
from domain.labels import label
from domain.planning import OccurrenceStatus
from models.booking import Attendance, BookingStatus
from models.child import Diet
from resolvers.bookings import attendance_sheet as reads
from schema.catalogue.types import Activity, Slot
from schema.family import Child
from schema.ids import decode_pk
from schema.permissions import Staff

# OccurrenceStatus, Attendance and BookingStatus are registered with Strawberry (with their
# descriptions) by these modules: imported before the types below use them, so that the
# schema finds those registrations rather than making a second, conflicting one.
from schema.planning import OccurrenceStatusEnum
from schema.requests.lines import AttendanceEnum, BookingStatusEnum

_REGISTERED = (OccurrenceStatusEnum, AttendanceEnum, BookingStatusEnum)


@strawberry.type(description="A guardian of the child's family, to call about the child.")
class AttendanceContact:
    first_name: str = strawberry.field(description="Prénom.")
    last_name: str = strawberry.field(description="Nom.")
    relationship_label: str | None = strawberry.field(
        description="French label of the relationship to the children (« Mère »), if known."
    )
    mobile_phone: str | None = strawberry.field(description="Mobile phone.")
    phone: str | None = strawberry.field(description="Home phone.")
    work_phone: str | None = strawberry.field(description="Work phone.")
    email: str | None = strawberry.field(description="E-mail address.")

    @classmethod
    def from_row(cls, row: Any) -> Self:
        """Map a guardian's Core row."""
        return cls(
            first_name=row.first_name,
            last_name=row.last_name,
            relationship_label=label(row.relationship) if row.relationship else None,
            mobile_phone=row.mobile_phone,
            phone=row.phone,
            work_phone=row.work_phone,
            email=row.email,
        )


@strawberry.type(description="One child of an attendance sheet.")
class AttendanceSheetEntry:
    child: Child = strawberry.field(description="The child.")
    booking: relay.GlobalID = strawberry.field(
        description="The child's booking of this slot and date (Booking node)."
    )
    booking_status: BookingStatus = strawberry.field(
        description="RESERVED, ABSENT / ABSENT_BILLED (an absence was declared) or UNBOOKED "
        "(marked present without a place)."
    )
    booking_status_label: str = strawberry.field(description="French label of bookingStatus.")
    status: OccurrenceStatus = strawberry.field(
        description="What the planning shows for this child on this date (same legend)."
    )
    status_label: str = strawberry.field(description="French label of status.")
    expected: bool = strawberry.field(
        description="A place is reserved and no absence was declared: the child should come."
    )
    attendance: Attendance | None = strawberry.field(
        description="What staff marked (null: not marked yet)."
    )
    attendance_label: str | None = strawberry.field(description="French label of attendance.")
    diet: Diet | None = strawberry.field(
        description="Pratiques alimentaires (null: no health record)."
    )
    diet_label: str | None = strawberry.field(description="French label of the diet.")
    food_allergies: str | None = strawberry.field(description="Food allergies.")
    other_allergies: str | None = strawberry.field(description="Other allergies.")
    has_pai: bool = strawberry.field(description="Has an individual care plan (PAI).")
    contacts: list[AttendanceContact] = strawberry.field(
        description="The family's guardians, in their order on the family file."
    )

    @classmethod
    def from_line(cls, line: SheetLine, sheet: reads.AttendanceSheetRows) -> Self:
        """Map a computed line with its child's row, health record and family's guardians."""
        health = sheet.health.get(line.child_id)
        return cls(
            child=Child.from_row(sheet.children[line.child_id]),
            booking=relay.GlobalID("Booking", str(line.booking_id)),
            booking_status=line.booking_status,
            booking_status_label=label(line.booking_status),
            status=line.status,
            status_label=label(line.status),
            expected=line.expected,
            attendance=line.attendance,
            attendance_label=None if line.attendance is None else label(line.attendance),
            diet=None if health is None else health.diet,
            diet_label=None if health is None else label(health.diet),
            food_allergies=None if health is None else health.food_allergies,
            other_allergies=None if health is None else health.other_allergies,
            has_pai=health is not None and health.has_pai,
            contacts=[
                AttendanceContact.from_row(g) for g in sheet.guardians.get(line.family_id, [])
            ],
        )


@strawberry.type(description="The attendance sheet (feuille de pointage) of a slot on a date.")
class AttendanceSheet:
    slot: Slot = strawberry.field(description="The slot.")
    activity: Activity = strawberry.field(description="Its activity.")
    date: dt.date = strawberry.field(description="The date.")
    runs_on_date: bool = strawberry.field(
        description="The slot takes place on this weekday and within its validity (false: "
        "the sheet is empty)."
    )
    expected_count: int = strawberry.field(description="How many entries are expected.")
    entries: list[AttendanceSheetEntry] = strawberry.field(
        description="The children with a place that day, by last then first name: reserved "
        "(expected), declared absent, or marked present without a place. Not listed: the "
        "waiting list and cancelled bookings."
    )

    @classmethod
    def from_rows(cls, sheet: reads.AttendanceSheetRows) -> Self:
        """Map the loaded sheet."""
        activity = Activity.from_row(sheet.activity)
        slot = sheet.slot
        return cls(
            slot=Slot.from_row(slot, activity),
            activity=activity,
            date=sheet.day,
            runs_on_date=slot_runs_on(slot.weekday, slot.valid_from, slot.valid_to, sheet.day),
            expected_count=sum(1 for line in sheet.lines if line.expected),
            entries=[AttendanceSheetEntry.from_line(line, sheet) for line in sheet.lines],
        )


@strawberry.type(description="Staff's attendance reads.")
class AttendanceSheetQueries:
    @strawberry.field(
        description="Staff: the attendance sheet of a slot on a date — the children expected "
        "there, with their booking, mark, allergies, PAI and family contacts — to mark with "
        "attendanceMark. Null when the slot does not exist or belongs to an establishment the "
        "agent is not assigned to.",
        permission_classes=[Staff],
    )
    async def attendance_sheet(
        self,
        info: strawberry.Info,
        slot: Annotated[relay.GlobalID, strawberry.argument(description="The slot.")],
        date: Annotated[dt.date, strawberry.argument(description="The date.")],
    ) -> AttendanceSheet | None:
        sheet = await reads.attendance_sheet(info.context, decode_pk(slot, "Slot", "slot"), date)
        return None if sheet is None else AttendanceSheet.from_rows(sheet)
