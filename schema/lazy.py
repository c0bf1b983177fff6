"""Reaching a GraphQL type defined in a module above this one, without importing it.

The graph is cyclic (a family has requests, a request has its family); the modules are
not. They are ordered — catalogue and calendar, family (people < children < family),
documents, request lines, requests, then the root fields — and a module imports only
modules below it. A field that points upwards names its type with ``strawberry.lazy`` in
its annotation and reaches the class (or the helper that builds it) with :func:`upward`
when it runs, once every module is loaded; so importing the modules in any order works,
and import-linter sees no circle.
"""

from __future__ import annotations

import importlib
from typing import Any


def upward(module: str, name: str) -> Any:
    """``module.name``, for a module above the caller's (imported on first use)."""
    return getattr(importlib.import_module(module), name)
