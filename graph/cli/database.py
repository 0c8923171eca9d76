"""`polgraph neo4j start|stop|status`, `polgraph load` and `polgraph query`: the Neo4j commands."""

from __future__ import annotations

import csv
import json
import os
import shlex
import sys
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.cli.app import (
    EXIT_FAILURES,
    EXIT_USAGE,
    app,
    fail,
    stderr_console,
    stdout_console,
    user_errors,
    warn,
)
from graph.store.connection import (
    DEFAULT_LOAD_BATCH,
    DEFAULT_PASSWORD,
    DEFAULT_WRITERS,
    Neo4jSettings,
    connect,
)
from graph.store.server.launcher import (
    ServerOptions,
    ServerPaths,
    ServerState,
    server_status,
    start_server,
    stop_server,
)
from ingest.errors import InputError

if TYPE_CHECKING:
    from graph.store.load import BatchOutcome, LoadReport

neo4j_app = typer.Typer(
    help="Run a local Neo4j without Docker (Community 5.26 in-process, jars from Maven Central).",
    no_args_is_help=True,
)
app.add_typer(neo4j_app, name="neo4j")

NeoUri = Annotated[
    str | None,
    typer.Option("--neo4j", help="Bolt URI (default: $NEO4J_URI or bolt://localhost:7687)."),
]
Database = Annotated[
    str | None,
    typer.Option("--database", help="Database name (default: $NEO4J_DATABASE or neo4j)."),
]
StateDir = Annotated[
    Path | None,
    typer.Option(
        "--state-dir",
        help="Where the server keeps pid, log and data "
        "(default: $POLGRAPH_NEO4J_HOME or ~/.cache/polgraph/neo4j).",
    ),
]


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _paths(state_dir: Path | None) -> ServerPaths:
    return ServerPaths.from_env(os.environ, state_dir=state_dir)


@neo4j_app.command("start")
def neo4j_start(
    port: Annotated[int, typer.Option("--port", help="Bolt port on 127.0.0.1.")] = 7687,
    data: Annotated[
        Path | None, typer.Option("--data", help="Database directory (default: STATE_DIR/data).")
    ] = None,
    state_dir: StateDir = None,
    auth: Annotated[
        str | None,
        typer.Option(
            "--auth",
            help="USER:PASSWORD to turn authentication on (password of 8+ characters); "
            "without it any password is accepted.",
        ),
    ] = None,
    heap: Annotated[str, typer.Option("--heap", help="JVM max heap, e.g. 768m or 1g.")] = "768m",
    apoc: Annotated[bool, typer.Option("--apoc/--no-apoc", help="Load APOC core.")] = True,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for Bolt.")] = 180.0,
) -> None:
    """Start Neo4j in the background and print `export NEO4J_…` lines.

    Example: eval "$(polgraph neo4j start)". The first start downloads the jars (minutes).
    """
    credentials = _parse_auth(auth)
    options = ServerOptions(
        port=port, data_dir=data, heap=heap, apoc=apoc, auth=credentials, start_timeout=timeout
    )
    paths = _paths(state_dir)
    with user_errors():
        if server_status(paths) is None:
            stderr_console().print(f"starting Neo4j (log: {paths.log_file}) …")
        state = start_server(paths, options)
    verb = "already running" if state.already_running else "started"
    stderr_console().print(f"Neo4j {verb} at {state.uri} (pid {state.pid}, log {state.log_path})")
    for line in export_lines(state, credentials):
        typer.echo(line)


def _parse_auth(auth: str | None) -> tuple[str, str] | None:
    if auth is None:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or len(password) < 8:
        fail("--auth takes USER:PASSWORD with a password of 8 or more characters", EXIT_USAGE)
    return user, password


def export_lines(state: ServerState, credentials: tuple[str, str] | None) -> list[str]:
    """Shell lines that point NEO4J_* at the server (for `eval`)."""
    lines = [f"export NEO4J_URI={shlex.quote(state.uri)}"]
    if state.auth_user is None:
        lines += ["export NEO4J_USERNAME=neo4j", f"export NEO4J_PASSWORD={DEFAULT_PASSWORD}"]
    else:
        lines.append(f"export NEO4J_USERNAME={shlex.quote(state.auth_user)}")
        if credentials is not None and credentials[0] == state.auth_user:
            lines.append(f"export NEO4J_PASSWORD={shlex.quote(credentials[1])}")
        else:
            lines.append("# NEO4J_PASSWORD: the password given with --auth when it was started")
    return lines


@neo4j_app.command("stop")
def neo4j_stop(state_dir: StateDir = None) -> None:
    """Stop the local Neo4j cleanly (SIGTERM, then wait)."""
    with user_errors():
        state = stop_server(_paths(state_dir))
    if state is None:
        stderr_console().print("no local Neo4j is running")
    else:
        stderr_console().print(f"stopped Neo4j at {state.uri} (pid {state.pid})")


@neo4j_app.command("status")
def neo4j_status(state_dir: StateDir = None) -> None:
    """Say whether the local Neo4j runs, where, and where its log and data are (exit 1 if not)."""
    paths = _paths(state_dir)
    state = server_status(paths)
    if state is None:
        stdout_console().print(f"not running (state dir {paths.state_dir})")
        raise typer.Exit(EXIT_FAILURES)
    out = stdout_console()
    out.print(f"running at {state.uri} (pid {state.pid})")
    out.print(f"log:  {state.log_path}")
    out.print(f"data: {state.data_dir}")
    out.print(f"auth: {'on, user ' + state.auth_user if state.auth_user else 'off'}")


@app.command()
def load(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Article files or folders to extract and load.")
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option("--from", help="Load a JSON Lines file from `polgraph extract` instead."),
    ] = None,
    neo4j: NeoUri = None,
    database: Database = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Records per write transaction.")
    ] = DEFAULT_LOAD_BATCH,
    writers: Annotated[
        int, typer.Option("--writers", min=1, help="Write transactions in flight at once.")
    ] = DEFAULT_WRITERS,
) -> None:
    """Extract articles (or read --from FILE.jsonl) and write them into Neo4j.

    Loading the same input again changes nothing. Example: polgraph load examples/
    """
    if not paths and from_file is None:
        fail("give article PATHs or --from FILE.jsonl", EXIT_USAGE)
    settings = Neo4jSettings.from_env(os.environ, uri=neo4j, database=database)
    input_errors: list[InputError] = []

    def on_input_error(error: InputError) -> None:
        input_errors.append(error)
        warn(f"skipped {error}")

    from graph.job import stream_extractions
    from graph.store.load import load_extractions
    from graph.store.writer import ensure_schema

    with user_errors():
        driver = connect(settings)
    with driver, user_errors(), _load_progress() as progress:
        ensure_schema(driver, settings.database)
        task = progress.add_task("loading", total=None)
        stream = stream_extractions(paths or [], from_file, on_input_error)

        def advance(outcome: BatchOutcome) -> None:
            progress.update(task, advance=len(outcome.article_ids))
            if outcome.error:
                warn(
                    f"batch failed, rolled back: {', '.join(outcome.article_ids)}: {outcome.error}"
                )

        report = load_extractions(
            driver,
            stream,
            settings.database,
            batch_size=batch_size,
            progress=advance,
            writers=writers,
        )
    stdout_console().print(load_summary(report, settings))
    if report.failed or input_errors:
        raise typer.Exit(EXIT_FAILURES)


def _load_progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    )


def load_summary(report: LoadReport, settings: Neo4jSettings) -> str:
    """Two lines a person reads after `polgraph load`: what went in, created vs matched."""
    counts = report.counts
    lines = [
        f"loaded {report.articles} article(s), {report.events} event(s) into {settings.uri} "
        f"({settings.database}) in {report.batches} batch(es)",
        f"nodes: {counts.nodes_created} created, {counts.nodes_matched} already there; "
        f"relationships: {counts.relationships_created} created, "
        f"{counts.relationships_matched} already there",
    ]
    if counts.relationships_skipped:
        lines.append(f"{counts.relationships_skipped} relationship(s) skipped: endpoint not found")
    if report.failed:
        failed = sum(len(batch.article_ids) for batch in report.failed)
        lines.append(f"{len(report.failed)} batch(es) failed ({failed} article(s) not loaded)")
    return "\n".join(lines)


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="Query name (see --list).")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="key=value, repeatable (see the query's header)."),
    ] = None,
    output_format: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table, json or csv.")
    ] = QueryFormat.table,
    list_all: Annotated[bool, typer.Option("--list", help="List the library and exit.")] = False,
    neo4j: NeoUri = None,
    database: Database = None,
) -> None:
    """Run a named Cypher query from the library.

    Example: polgraph query meetings --param actor=Kast --format csv
    """
    from graph.store.queries import list_queries, run_query

    if list_all:
        with user_errors():
            queries = list_queries()
        width = max(len(q.name) for q in queries)
        for named in queries:
            typer.echo(f"{named.name.ljust(width)}  {named.description}")
        return
    if name is None:
        fail("give a query NAME or --list", EXIT_USAGE)
    params = _parse_params(param or [])
    settings = Neo4jSettings.from_env(os.environ, uri=neo4j, database=database)
    with user_errors(), connect(settings) as driver:
        rows = run_query(driver, name, params, settings.database)
    render_rows(rows, output_format)


def _parse_params(items: Iterable[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--param takes key=value, got {item!r}", EXIT_USAGE)
        params[key.strip()] = value
    return params


def render_rows(rows: list[dict[str, Any]], output_format: QueryFormat) -> None:
    """Rows to stdout as a Rich table, a JSON array or CSV."""
    if output_format is QueryFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default))
        return
    columns = list(rows[0]) if rows else []
    if output_format is QueryFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[column]) for column in columns])
        return
    if not rows:
        stderr_console().print("(no rows)")
        return
    if len(rows) == 1:  # one record reads better as field/value pairs than as a wide row
        table = Table("field", "value")
        for column in columns:
            table.add_row(escape(column), escape(_cell(rows[0][column])))
    else:
        table = Table()
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(escape(_cell(row[column])) for column in columns))
    stdout_console().print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
