"""The suite hashes passwords cheaply (CRENEAU_PASSWORD_HASH_COST=test, tests/conftest.py);
production keeps argon2-cffi's parameters and refuses the cheap ones."""

from __future__ import annotations

import pytest

from domain import passwords
from domain.passwords import _hasher_for


def test_the_suite_runs_with_cheap_parameters() -> None:
    assert passwords._hasher.time_cost == 1
    assert passwords._hasher.memory_cost == 64
    assert passwords.verify_password(passwords.hash_password("Mercredi-2026!"), "Mercredi-2026!")


def test_default_parameters_unless_asked_and_never_cheap_in_production() -> None:
    default = _hasher_for("", "production")
    assert (default.time_cost, default.memory_cost, default.parallelism) == (3, 65536, 4)
    assert _hasher_for("default", "development").memory_cost == 65536
    with pytest.raises(ValueError, match="refused in production"):
        _hasher_for("test", "production")
    with pytest.raises(ValueError, match="must be 'default' or 'test'"):
        _hasher_for("cheap", "development")
