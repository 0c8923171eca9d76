"""The Typer application every command module registers on, and the error rendering they share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from ingest.errors import PolgraphError

app = typer.Typer(
    name="polgraph",
    help="Turn news articles into a knowledge graph of political actors and events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK = 0
EXIT_FAILURES = 1  # some input failed; the rest went through
EXIT_USAGE = 2


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    """One line on stderr for a failure that does not stop the batch."""
    stderr_console().print(f"[yellow]{escape(message)}[/yellow]")


def fail(message: str, code: int = EXIT_FAILURES) -> NoReturn:
    """One red line on stderr, then exit with `code` (no traceback)."""
    stderr_console().print(f"[bold red]error:[/bold red] {escape(message)}")
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn any expected PolgraphError into one clear line and exit code 1."""
    try:
        yield
    except PolgraphError as exc:
        fail(str(exc))
