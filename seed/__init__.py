"""Data builders: the towns Créneau is shown, measured and tested with.

- ``seed.builders``: one function per row kind (tenant, establishment, activity, slot,
  calendar period, family, guardian, child, registration, booking, request and its lines,
  invoice and its lines, payment…), each adding one ORM row and flushing it through an
  ``AsyncSession`` (or, as ``*_row``, building it for a batched flush). The demo town
  writes through them, and the test factories (``tests/factories``) are these builders
  with test defaults, so a row of a given kind is spelled once.
- ``seed.demo_town``: the Saint-Ismier demo (``creneau demo``, ``make run``).
- ``seed.synthetic``: the deterministic N-child town (``creneau generate``, benchmarks,
  ``python -m bench.generate_town``). It does not use the builders: it plans about 490,000
  rows of a 2,000-child town as plain dicts with ids it chooses and writes them with Core
  executemany, with no RETURNING round trip (the demo writes its bookings the same way,
  the unit of work being about 5× slower there).
- ``seed.fingerprint``: per-table hashes of both towns (``python -m seed.fingerprint``), to
  check that a change to the builders leaves the data exactly as it was.

It sits above the domain (the demo applies real rules to its requests) and below
``server``, whose CLI loads both towns; ``bench`` only imports it.
"""
