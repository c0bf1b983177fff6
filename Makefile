# The two commands: `make run` and `make test`. Both bootstrap .venv from nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PG_TEST_URL ?= postgresql+asyncpg://postgres@127.0.0.1:5432/creneau_test

.PHONY: run test lint bench schema clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==25.3"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m server.cli migrate
	$(PY) -m server.cli demo
	$(PY) -m server.cli serve

# The suite runs on SQLite; then again on PostgreSQL when one answers at 127.0.0.1:5432
# (end-to-end tests, which run their own server on SQLite, only once). Each run is spread
# over TEST_WORKERS pytest-xdist workers, each with its own databases (tests/conftest.py);
# 2 keeps both cores of the reference machine busy (measurements in the README).
TEST_WORKERS ?= 2
test: $(STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS)
	@if $(PY) -m tests.support.postgres_available "$(PG_TEST_URL)"; then \
		echo "== PostgreSQL answers: running the suite again against it =="; \
		CRENEAU_TEST_DATABASE_URL="$(PG_TEST_URL)" $(PY) -m pytest -n $(TEST_WORKERS) -m "not e2e"; \
	else \
		echo "== PostgreSQL not reachable: PostgreSQL run skipped =="; \
	fi

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(VENV)/bin/lint-imports

schema: $(STAMP)
	$(PY) -m server.cli export-schema --output schema.graphql

bench: $(STAMP)
	$(PY) -m bench.generate_town

clean:
	rm -rf $(VENV) var/*.sqlite3*
