"""Exit 0 when the PostgreSQL server of a URL answers (used by `make test`), else 1."""

from __future__ import annotations

import asyncio
import sys

from models.postgres_admin import postgres_answers

if __name__ == "__main__":
    sys.exit(0 if asyncio.run(postgres_answers(sys.argv[1])) else 1)
