"""The benchmark scripts of issue 4 stay importable and write where the README says (they
are run by hand, not in the suite: ``python -m bench.bench_period_reservation``,
``python -m bench.bench_inbox``)."""

from __future__ import annotations

import importlib


def test_benchmarks_import_and_name_their_results() -> None:
    for name, result in (
        ("bench.bench_period_reservation", "period_reservation.json"),
        ("bench.bench_inbox", "inbox.json"),
    ):
        module = importlib.import_module(name)
        assert module.RESULTS.name == result
        assert callable(module.main)
