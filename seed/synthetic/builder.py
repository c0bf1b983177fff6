"""The whole build, step by step: every row of the town in insertion order."""

from __future__ import annotations

from typing import Any

from seed.synthetic.billing import _Billing
from seed.synthetic.families import _Families
from seed.synthetic.messages import _Messages
from seed.synthetic.offer import _Offer
from seed.synthetic.registrations import _Registrations
from seed.synthetic.requests import _Requests


class _TownBuilder(_Offer, _Families, _Registrations, _Requests, _Messages, _Billing):
    """Builds every row of one synthetic tenant from a seed, in insertion-ready dicts."""

    def build(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of the town, keyed by table name."""
        self._tenant_and_calendar()
        self._establishments_and_activities()
        self._staff()
        self._families()
        self._registrations_and_bookings()
        self._file_change_requests()
        self._finalize_requests()
        self._messages()
        self._invoices()
        self._activity_rows()
        return self.rows
