"""`polgraph` command line: thin commands over the library, one module per area."""

from __future__ import annotations

import logging
import signal
from types import FrameType

from graph.cli import database, evaluate, exports, extract, maps, queries  # noqa: F401
from graph.cli.app import app


def _stop(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends a command like Ctrl-C does: cleanup runs (staged output files are
    removed, the previous outputs stay), then the process exits with 128 + the signal."""
    raise SystemExit(128 + signum)


def main() -> None:
    # The driver logs each transient retry (a lock wait between concurrent batches, a
    # leader switch) as a warning; it retries on its own, and real failures reach the
    # commands as exceptions, so those lines would only be noise on the terminal.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    signal.signal(signal.SIGTERM, _stop)
    app()


__all__ = ["app", "main"]
