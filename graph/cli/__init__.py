"""`polgraph` command line: thin commands over the library, one module per area."""

from __future__ import annotations

from graph.cli import database, exports, extract, maps  # noqa: F401  (register commands)
from graph.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
