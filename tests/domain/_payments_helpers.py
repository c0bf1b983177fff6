"""What the payment flow tests share: the sandbox provider, their fixed today and the codes
of a domain failure.
"""

from __future__ import annotations

import datetime as dt

import pytest

from domain.payments.provider import SandboxProvider
from kernel.results import DomainFailure

PROVIDER = SandboxProvider("test-secret", "http://testserver")
TODAY = dt.date(2026, 2, 20)


def codes(failure: pytest.ExceptionInfo[DomainFailure]) -> list[str]:
    return [p.code for p in failure.value.problems]
