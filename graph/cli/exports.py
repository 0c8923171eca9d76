"""`polgraph export`: an extraction folder → GraphML, GEXF, JSON, CSV, Parquet or PLOVER."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import networkx as nx
import typer

from graph.build import build_graph
from graph.cli.app import EXIT_USAGE, app, fail, stdout_console, user_errors
from graph.export import (
    write_edge_list_csv,
    write_events_csv,
    write_events_parquet,
    write_gexf,
    write_graphml,
    write_node_link_json,
    write_plover_jsonl,
)
from ingest.jsonl import read_extractions


class ExportFormat(StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"
    csv = "csv"
    events_csv = "events-csv"
    events_parquet = "events-parquet"
    plover = "plover"


Writer = Callable[[nx.MultiDiGraph, Path], Path]

WRITERS: dict[ExportFormat, tuple[Writer, str]] = {
    ExportFormat.graphml: (write_graphml, "graph.graphml"),
    ExportFormat.gexf: (write_gexf, "graph.gexf"),
    ExportFormat.json: (write_node_link_json, "graph.json"),
    ExportFormat.csv: (write_edge_list_csv, "relations.csv"),
    ExportFormat.events_csv: (write_events_csv, "events.csv"),
    ExportFormat.events_parquet: (write_events_parquet, "events.parquet"),
    ExportFormat.plover: (write_plover_jsonl, "events.plover.jsonl"),
}


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
            "events-csv / events-parquet: one row per event; plover: PLOVER JSON Lines.",
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
    extraction_file = source if source.is_file() else source / "extraction.jsonl"
    if not extraction_file.is_file():
        fail(f"{extraction_file}: not found (run `polgraph run PATH --out DIR` first)", EXIT_USAGE)
    writer, default_name = WRITERS[output_format]
    target = output if output is not None else extraction_file.parent / default_name
    with user_errors():
        graph = build_graph(read_extractions(extraction_file))
        try:
            written = writer(graph, target)
        except OSError as exc:
            fail(f"{target}: cannot write ({exc.strerror or exc})")
    stdout_console().print(f"wrote {written}")
