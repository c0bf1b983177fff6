"""``creneau calendar …``: import a school year's official calendar for a collectivity."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calendar`` commands to the ``creneau`` parser (filled by the calendar work)."""
