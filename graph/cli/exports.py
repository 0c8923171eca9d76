"""`polgraph export`: an extraction folder → GraphML, GEXF, JSON, CSV, Parquet, PLOVER, or
the CSVs of a Neo4j bulk import."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from graph.cli.app import EXIT_USAGE, app, fail, stdout_console, user_errors, warn


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
    neo4j_import = "neo4j-import"


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
            "mentions-csv: one row per report (sentence); plover: PLOVER JSON Lines; "
            "neo4j-import: a folder of node and relationship CSVs for "
            "`polgraph neo4j import` (neo4j-admin database import full).",
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
    if output_format is ExportFormat.neo4j_import:
        written = export_neo4j_import(source, output)
        stdout_console().print(f"wrote {written}")
        return
    with user_errors():
        try:
            written = export_run(source, output_format.value, output)
        except OSError as exc:
            fail(f"{exc.filename or output}: cannot write ({exc.strerror or exc})")
    stdout_console().print(f"wrote {written}")


def export_neo4j_import(source: Path, output: Path | None) -> Path:
    """The import CSVs of a run folder (graph.bulk), streamed; duplicate articles warned of."""
    from graph.bulk import write_import_csvs
    from graph.job import extraction_file
    from ingest.jsonl import read_extractions

    path = extraction_file(source)  # a file, or a folder of parts (a --dask run's)
    folder = output if output is not None else path.parent / "neo4j-import"

    def duplicate(article: str) -> None:
        warn(f"{path}: article {article} given again; the import keeps its first version")

    with user_errors():
        try:
            written = write_import_csvs(read_extractions(path), folder, duplicate)
        except OSError as exc:
            fail(f"{exc.filename or folder}: cannot write ({exc.strerror or exc})")
    stdout_console().print(
        f"{written.articles:,} article(s), {written.reports:,} report(s) of "
        f"{written.events:,} event(s)"
    )
    return folder
