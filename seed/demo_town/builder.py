"""The whole load, step by step, in one session."""

from __future__ import annotations

from seed.demo_town.invoices import _Invoices
from seed.demo_town.next_year import _NextYear
from seed.demo_town.scenarios_bourg import _BourgScenarios
from seed.demo_town.scenarios_file_changes import _FileChanges
from seed.demo_town.scenarios_lux import _LuxScenarios
from seed.demo_town.scenarios_youth import _YouthScenarios


class _TownBuilder(
    _LuxScenarios, _YouthScenarios, _BourgScenarios, _FileChanges, _NextYear, _Invoices
):
    """Writes the town into one session; every method adds one aggregate's rows."""

    async def build(self) -> int:
        """Create every row; returns the tenant id."""
        await self._tenant_and_establishments()
        await self._calendar()
        await self._activities()
        await self._families()
        await self._accounts()
        await self._registrations()
        self._standing_bookings()
        self._scenarios()
        await self._write_bookings()
        await self._next_school_year()
        await self._write_requests()
        await self._billing()
        return self.tenant_id

    def _scenarios(self) -> None:
        """Requests in every state, and the bookings they produced or changed."""
        self._lenny_requests()
        self._simon_requests()
        self._youth_requests()
        self._morel_requests()
        self._file_changes()
