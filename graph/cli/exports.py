"""`polgraph export`: an extraction folder → GraphML, GEXF, JSON, CSV, Parquet or PLOVER."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import EXIT_USAGE, app, fail, stdout_console, user_errors


class ExportFormat(StrEnum):
    """The names of graph.export.EXPORT_FORMATS (spelled here so `--help` loads no pandas)."""

    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    events_csv = "events-csv"
    events_parquet = "events-parquet"
    mentions_csv = "mentions-csv"
    plover = "plover"


@app.command()
def export(
    source: Annotated[
        Path,
        typer.Option(
            "--from",
            help="Folder holding extraction.jsonl (from `polgraph run`), or a .jsonl file.",
        ),
    ] = Path("out"),
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="graphml / gexf / json: the whole graph; csv: one row per actor pair; "
            "events-csv / events-parquet: one row per event, with its report count; "
            "mentions-csv: one row per report (sentence); plover: PLOVER JSON Lines.",
        ),
    ] = ExportFormat.graphml,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Output file (default: a file in the --from folder)."),
    ] = None,
) -> None:
    """Write the graph of an earlier run in a format other tools read.

    Example: polgraph export --from out/ --format gexf -o out/graph.gexf
    """
    from graph.export import export_run
    from graph.job import extraction_file

    if not extraction_file(source).exists():
        fail(
            f"{extraction_file(source)}: not found (run `polgraph run PATH --out DIR` first)",
            EXIT_USAGE,
        )
    with user_errors():
        try:
            written = export_run(source, output_format.value, output)
        except OSError as exc:
            fail(f"{exc.filename or output}: cannot write ({exc.strerror or exc})")
    stdout_console().print(f"wrote {written}")
