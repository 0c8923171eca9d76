"""`polgraph` command line: thin commands over the library, one module per area."""

from __future__ import annotations

import logging

from graph.cli import database, exports, extract, maps  # noqa: F401  (register commands)
from graph.cli.app import app


def main() -> None:
    # The driver logs each transient retry (a lock wait between concurrent batches, a
    # leader switch) as a warning; it retries on its own, and real failures reach the
    # commands as exceptions, so those lines would only be noise on the terminal.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    app()


__all__ = ["app", "main"]
