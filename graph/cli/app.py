"""The Typer application every command module registers on, and the error rendering they share.

Only Typer is imported at start-up: Rich (tables, progress bars) loads when a command
first draws one, so `polgraph --help` and usage errors stay fast. Help is
Click's plain layout (`rich_markup_mode=None`): Typer's Rich help imports a Markdown
renderer that alone costs more than the rest of start-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import typer

from ingest.errors import PolgraphError

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    name="polgraph",
    help="Turn news articles into a knowledge graph of political actors and events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK = 0
EXIT_FAILURES = 1  # some input failed; the rest went through
EXIT_USAGE = 2


def stdout_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def warn(message: str) -> None:
    """One line on stderr for a failure that does not stop the batch (yellow on a terminal).

    Written by Click, not Rich, so a usage error prints without loading Rich; the line is
    never wrapped, whatever the terminal width.
    """
    typer.secho(one_line(message), fg="yellow", err=True)


def one_line(message: str) -> str:
    """`message` with its line breaks (a parser's multi-line report, say) made spaces."""
    return " ".join(message.split()) if "\n" in message or "\r" in message else message


def error(message: str) -> None:
    """One line on stderr: `error: …` (in red on a terminal)."""
    typer.secho("error:", fg="red", bold=True, err=True, nl=False)
    typer.echo(f" {one_line(message)}", err=True)


def fail(message: str, code: int = EXIT_FAILURES) -> NoReturn:
    """One red line on stderr, then exit with `code` (no traceback)."""
    error(message)
    raise typer.Exit(code)


@contextmanager
def user_errors(usage: tuple[type[PolgraphError], ...] = ()) -> Iterator[None]:
    """Turn an expected PolgraphError into one clear line and exit 1; the kinds listed in
    `usage` (a bad option value the library found) exit 2 like any usage error."""
    try:
        yield
    except usage as exc:
        fail(str(exc), EXIT_USAGE)
    except PolgraphError as exc:
        fail(str(exc))
