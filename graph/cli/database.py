"""`polgraph neo4j start|stop|status|import` and `polgraph load`: a local server, a bulk import
into a new database, and loading into it."""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli.app import (
    EXIT_FAILURES,
    EXIT_USAGE,
    app,
    error,
    fail,
    stderr_console,
    stdout_console,
    user_errors,
    warn,
)
from graph.cli.progress import InputReporter, ProgressDisplay
from graph.store.connection import (
    DEFAULT_LOAD_BATCH,
    DEFAULT_PASSWORD,
    DEFAULT_RETRY_TIME,
    DEFAULT_WRITERS,
    Neo4jSettings,
)

if TYPE_CHECKING:
    from neo4j import Driver

    from graph.slices import Slice
    from graph.store.connection import Neo4jError
    from graph.store.load import BatchOutcome, LoadReport
    from graph.store.server.launcher import ServerPaths, ServerState

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


def _paths(state_dir: Path | None) -> ServerPaths:
    from graph.store.server.launcher import ServerPaths

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
    from graph.store.server.launcher import ServerOptions, server_status, start_server

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
    from graph.store.server.launcher import stop_server

    with user_errors():
        state = stop_server(_paths(state_dir))
    if state is None:
        stderr_console().print("no local Neo4j is running")
    else:
        stderr_console().print(f"stopped Neo4j at {state.uri} (pid {state.pid})")


@neo4j_app.command("status")
def neo4j_status(state_dir: StateDir = None) -> None:
    """Say whether the local Neo4j runs, where, and where its log and data are (exit 1 if not)."""
    from graph.store.server.launcher import server_status

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


@neo4j_app.command("import")
def neo4j_import(
    folder: Annotated[
        Path | None,
        typer.Argument(help="A folder from `polgraph export --format neo4j-import`."),
    ] = None,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Export this run folder (or extraction .jsonl) first, into a temporary folder.",
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="New database directory (default: STATE_DIR/data)."),
    ] = None,
    state_dir: StateDir = None,
    heap: Annotated[
        str, typer.Option("--heap", help="JVM max heap of the importer, e.g. 1g.")
    ] = "1g",
) -> None:
    """Build a new database offline with neo4j-admin's bulk importer (far faster than
    `polgraph load` for a large first load), then add the schema.

    Refuses to overwrite a directory that holds a database. Afterwards serve it with
    `polgraph neo4j start --data DIR`; `polgraph load` then adds to it incrementally.
    Example: polgraph neo4j import --from out/ --data /srv/polgraph-db
    """
    import tempfile

    from graph.store.server.importer import existing_database, finish_import, run_import

    if (folder is None) == (from_file is None):
        fail("give an import FOLDER or --from OUT (one of them)", EXIT_USAGE)
    paths = _paths(state_dir)
    target = (data or paths.state_dir / "data").expanduser().resolve()
    found = existing_database(target)
    if found is not None:
        fail(
            f"{found}: a database exists already; the import never overwrites one "
            "(give a new --data directory, or remove this one)"
        )
    with tempfile.TemporaryDirectory(prefix="polgraph-csv-") as scratch:
        if from_file is not None:
            from graph.cli.exports import export_neo4j_import

            folder = export_neo4j_import(from_file, Path(scratch))
        assert folder is not None
        if not (folder / "import.json").is_file():
            fail(f"{folder}: no import.json (write it with polgraph export --format neo4j-import)")
        stderr_console().print(f"importing {folder} into {target} …")
        with user_errors():
            imported = run_import(folder, target, paths, heap=heap)
            stderr_console().print(f"imported in {imported:.1f} s; creating the schema …")
            schema = finish_import(target, paths, folder)
    stdout_console().print(
        f"imported into {target} in {imported:.1f} s, schema in {schema:.1f} s; "
        f"serve it with: polgraph neo4j start --data {shlex.quote(str(target))}"
    )


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
    retry_time: Annotated[
        float,
        typer.Option(
            "--retry-time",
            min=0,
            help="Seconds a transaction is retried through transient failures (a server "
            "restarting) before the load stops.",
        ),
    ] = DEFAULT_RETRY_TIME,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Load only articles reporting an event on or after this date (YYYY-MM-DD).",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", help="Load only articles reporting an event on or before this date."
        ),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="Load only articles reporting an event with an end (source, target or "
            "place) of this ISO3 country. Articles in the slice load whole (graph/slices.py).",
        ),
    ] = None,
) -> None:
    """Extract articles (or read --from FILE.jsonl) and write them into Neo4j.

    Loading the same input again changes nothing. Example: polgraph load examples/
    """
    if not paths and from_file is None:
        fail("give article PATHs or --from FILE.jsonl", EXIT_USAGE)
    from graph.slices import Slice
    from ingest.errors import ConfigError

    with user_errors(usage=(ConfigError,)):
        part = Slice.parse(since, until, country)
    settings = Neo4jSettings.from_env(
        os.environ, uri=neo4j, database=database, retry_time=retry_time
    )
    from graph.store.connection import connect
    from ingest.census import count_records

    loading = _Loading(ProgressDisplay("load", None, loading=True))
    paths = loading.start(paths or [], count_records(from_file) if from_file else 0)
    if not paths and from_file is None:  # every path given is missing
        loading.stopped()
        raise typer.Exit(EXIT_FAILURES)
    with user_errors():
        driver = connect(settings)
    report: LoadReport | None = None
    stopped: Neo4jError | None = None
    try:
        with driver, loading.display:
            try:
                report = loading.run(driver, settings, paths, from_file, batch_size, writers, part)
            except Exception as exc:  # the server went away (or refused) part-way through
                stopped = _translated(exc, settings)
    except (KeyboardInterrupt, SystemExit):  # Ctrl-C or SIGTERM: say what got in first
        error("load interrupted")
        loading.stopped()
        raise
    if report is not None:
        stdout_console().print(load_summary(report, settings))
    if stopped is not None:
        error(f"load stopped: {stopped}")
        loading.stopped()
    else:
        typer.echo(loading.summary())
    if stopped is not None or loading.display.tally.failed or loading.display.tally.skipped:
        raise typer.Exit(EXIT_FAILURES)


def _translated(exc: Exception, settings: Neo4jSettings) -> Neo4jError:
    """A load's failure as the one-line error to print; an unexpected one is re-raised."""
    from graph.store.connection import Neo4jError, driver_error

    if isinstance(exc, Neo4jError):
        return exc
    translated = driver_error(exc, settings)
    if translated is None:
        raise exc
    return translated


class _Loading(InputReporter):
    """One load as the user sees it: failed inputs and notes (InputReporter) and rolled-back
    batches each on one stderr line; articles read, committed and failed; the summary."""

    def on_batch(self, outcome: BatchOutcome) -> None:
        if outcome.error:
            self.display.failed(len(outcome.article_ids))
            warn(f"batch failed, rolled back: {', '.join(outcome.article_ids)}: {outcome.error}")
        else:
            self.display.committed(len(outcome.article_ids))

    def stopped(self) -> None:
        """The load ended early: articles read but neither committed nor reported failed
        (in flight, a commit unconfirmed) count as failed; then the summary line."""
        tally = self.display.tally
        self.display.failed(tally.read - tally.committed - tally.failed)
        typer.echo(self.summary())

    def run(
        self,
        driver: Driver,
        settings: Neo4jSettings,
        paths: list[str],
        from_file: Path | None,
        batch_size: int,
        writers: int,
        part: Slice,
    ) -> LoadReport:
        from graph.job import stream_extractions
        from graph.slices import select
        from graph.store.load import load_extractions
        from graph.store.writer import ensure_schema

        ensure_schema(driver, settings.database)
        stream = stream_extractions(paths, from_file, self.on_error, on_note=self.on_note)
        return load_extractions(
            driver,
            select(self.counted(stream), part),
            settings.database,
            batch_size=batch_size,
            progress=self.on_batch,
            writers=writers,
        )

    def summary(self) -> str:
        """The last line of every load, whatever happened: committed, failed, skipped."""
        tally = self.display.tally
        line = f"articles: {tally.committed:,} committed, {tally.failed:,} failed"
        if tally.skipped:
            line += f", {tally.skipped:,} input(s) skipped"
        return f"{line} (of {tally.read:,} read) in {self.display.elapsed()}"


def load_summary(report: LoadReport, settings: Neo4jSettings) -> str:
    """Two lines a person reads after `polgraph load`: what went in, created vs matched."""
    counts = report.counts
    lines = [
        f"loaded {report.articles} article(s), {report.reports} report(s) of {report.events} "
        f"event(s) into {settings.uri} ({settings.database}) in {report.batches} batch(es)",
        f"nodes: {counts.nodes_created} created, {counts.nodes_matched} already there; "
        f"relationships: {counts.relationships_created} created, "
        f"{counts.relationships_matched} already there",
    ]
    if counts.nodes_deleted or counts.relationships_deleted:
        lines.append(
            f"replaced: {counts.nodes_deleted} node(s) and {counts.relationships_deleted} "
            "relationship(s) no report holds any more were removed"
        )
    if counts.relationships_skipped:
        lines.append(f"{counts.relationships_skipped} relationship(s) skipped: endpoint not found")
    if report.failed:
        failed = sum(len(batch.article_ids) for batch in report.failed)
        lines.append(f"{len(report.failed)} batch(es) failed ({failed} article(s) not loaded)")
    return "\n".join(lines)
