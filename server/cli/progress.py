"""Progress lines on stderr for the long commands (``generate``, ``bill``): one line per
phase, with counts and the time since the start, on when stderr is a terminal or with
``--progress`` (a cron job or a pipe gets nothing unless asked). stdout keeps only the
result, so scripts reading it are not disturbed."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import TextIO


class Progress:
    """Writes ``[  12.3 s] message`` lines to ``stream`` when enabled (else nothing)."""

    def __init__(
        self,
        enabled: bool,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.started = clock()

    @classmethod
    def of(cls, args: argparse.Namespace, stream: TextIO | None = None) -> Progress:
        """``--progress``, or stderr is a terminal."""
        stream = stream if stream is not None else sys.stderr
        wanted = bool(getattr(args, "progress", False))
        return cls(wanted or _is_terminal(stream), stream)

    def __call__(self, message: str) -> None:
        if self.enabled:
            elapsed = self.clock() - self.started
            print(f"[{elapsed:7.1f} s] {message}", file=self.stream, flush=True)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
