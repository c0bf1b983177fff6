"""``creneau tenant …``: create and list collectivities from the command line."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``tenant`` commands to the ``creneau`` parser (filled by the tenant work)."""
