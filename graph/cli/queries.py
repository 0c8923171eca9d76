"""`polgraph query`: run a named Cypher query from the library and print its rows."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from graph.cli.app import EXIT_USAGE, app, fail, stderr_console, stdout_console, user_errors
from graph.store.connection import Neo4jSettings

if TYPE_CHECKING:
    from graph.store.queries import NamedQuery, QueryResult


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="Query name (see --list).")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="key=value, repeatable (see the query's header)."),
    ] = None,
    output_format: Annotated[
        QueryFormat,
        typer.Option(
            "--format",
            "-f",
            help="table (tab-separated when piped), json or csv (a header even without rows).",
        ),
    ] = QueryFormat.table,
    list_all: Annotated[
        bool, typer.Option("--list", help="List the queries with their parameters and exit.")
    ] = False,
    neo4j: Annotated[
        str | None,
        typer.Option("--neo4j", help="Bolt URI (default: $NEO4J_URI or bolt://localhost:7687)."),
    ] = None,
    database: Annotated[
        str | None,
        typer.Option("--database", help="Database name (default: $NEO4J_DATABASE or neo4j)."),
    ] = None,
) -> None:
    """Run a named Cypher query from the library.

    Parameters are checked against the query's header before anything runs (a bad value
    exits 2); an actor, place or event the database does not hold is an error (exit 1).
    Example: polgraph query meetings --param actor=Kast --format csv
    """
    from graph.store.queries import QueryUsageError, get_query, list_queries

    if list_all:
        with user_errors():
            typer.echo("\n".join(query_listing(list_queries())))
        return
    if name is None:
        fail("give a query NAME or --list", EXIT_USAGE)
    params = _parse_params(param or [])
    with user_errors(usage=(QueryUsageError,)):
        from graph.store.queries import bind_params, query_result

        bind_params(get_query(name), params)  # a usage error before any connection
        from graph.store.connection import connect

        settings = Neo4jSettings.from_env(os.environ, uri=neo4j, database=database)
        with connect(settings) as driver:
            result = query_result(driver, name, params, settings.database)
    render_result(result, output_format)


def query_listing(queries: Sequence[NamedQuery]) -> list[str]:
    """Each query's name and description, then one line per parameter: its type, bounds
    and default (or "required"), and what it is for; and which parameters must go together."""
    width = max(len(q.name) for q in queries)
    lines = []
    for named in queries:
        lines.append(f"{named.name.ljust(width)}  {named.description}")
        column = max((len(p.name) for p in named.params), default=0)
        for param in named.params:
            lines.append(f"    {param.name.ljust(column)}  {param.signature()} — {param.help}")
        if named.requires:
            options = " | ".join(" + ".join(option) for option in named.requires)
            lines.append(f"    (give one of: {options})")
    return lines


def _parse_params(items: Iterable[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"--param takes key=value, got {item!r}", EXIT_USAGE)
        params[key.strip()] = value
    return params


def render_result(result: QueryResult, output_format: QueryFormat) -> None:
    """Rows to stdout: a Rich table on a terminal (tab-separated lines when piped, so
    nothing wraps), a JSON array, or CSV with its header row even when no row came back."""
    columns, rows = list(result.columns), result.rows
    if output_format is QueryFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=_json_default))
        return
    if output_format is QueryFormat.csv:
        from graph.safe_csv import csv_safe

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([csv_safe(column) for column in columns])
        for row in rows:
            writer.writerow([_csv_cell(row[column], csv_safe) for column in columns])
        return
    console = stdout_console()
    if not rows:
        stderr_console().print("(no rows)")
    if not console.is_terminal:
        for line in [columns, *([_cell(row[column]) for column in columns] for row in rows)]:
            typer.echo("\t".join(_one_line(cell) for cell in line))
    elif rows:
        console.print(_table(columns, rows))


def _table(columns: list[str], rows: list[dict[str, Any]]) -> Any:
    from rich.markup import escape
    from rich.table import Table

    if len(rows) == 1:  # one record reads better as field/value pairs than as a wide row
        table = Table("field", "value")
        for column in columns:
            table.add_row(escape(column), escape(_cell(rows[0][column])))
        return table
    table = Table()
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(escape(_cell(row[column])) for column in columns))
    return table


def _one_line(cell: str) -> str:
    """A cell for a tab-separated line: tabs and line breaks become spaces."""
    return " ".join(cell.split()) if any(c in cell for c in "\t\r\n") else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv_cell(value: Any, csv_safe: Callable[[Any], Any]) -> str:
    """A cell for CSV: text (and lists, joined) neutralised against formula injection;
    numbers and dates as they are, so -4.0 stays a number."""
    cell = _cell(value)
    return csv_safe(cell) if isinstance(value, str | list | tuple) else cell


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
