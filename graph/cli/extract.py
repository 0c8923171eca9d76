"""`polgraph extract` (articles → JSON Lines) and `polgraph run` (the main job: files + map)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from graph.cli.app import (
    EXIT_FAILURES,
    EXIT_OK,
    app,
    stderr_console,
    stdout_console,
    user_errors,
    warn,
)
from ingest.errors import InputError
from ingest.jsonl import dump_extraction, write_extractions
from ingest.model import Extraction
from ingest.nlp import DEFAULT_BATCH_SIZE
from ingest.pipeline import ExtractOptions, extract_paths
from ingest.sources import DEFAULT_MAX_BYTES


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


Paths = Annotated[
    list[str],
    typer.Argument(
        help="Files or folders of articles (.txt .md .html .json .jsonl), or - for stdin."
    ),
]
Model = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="POLGRAPH_SPACY_MODEL",
        help="spaCy pipeline name, e.g. en_core_web_md or en_core_web_trf.",
    ),
]
Workers = Annotated[int, typer.Option("--workers", min=1, help="spaCy worker processes.")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")]
Actors = Annotated[
    Path | None,
    typer.Option("--actors", help="Actor dictionary (YAML or CSV) that overrides guesses."),
]
Lexicon = Annotated[
    Path | None, typer.Option("--lexicon", help="Event lexicon YAML replacing the packaged one.")
]
MaxBytes = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Skip input files larger than this.")
]


def _options(
    model: str | None,
    workers: int,
    batch_size: int,
    actors: Path | None,
    lexicon: Path | None,
    max_bytes: int,
) -> ExtractOptions:
    return ExtractOptions(
        model=model,
        batch_size=batch_size,
        workers=workers,
        max_bytes=max_bytes,
        actor_dictionary=actors,
        lexicon=lexicon,
    )


class _Run:
    """Counts failures while extraction streams, reporting each on one stderr line."""

    def __init__(self) -> None:
        self.failures = 0

    def on_error(self, error: InputError) -> None:
        self.failures += 1
        warn(f"skipped {error}")

    def exit_code(self) -> int:
        return EXIT_FAILURES if self.failures else EXIT_OK


def _with_progress(stream: Iterator[Extraction], progress: Progress) -> Iterator[Extraction]:
    task = progress.add_task("extracting", total=None)
    for extraction in stream:
        progress.update(
            task,
            advance=1,
            description=f"extracting {extraction.article.title or extraction.article.id}"[:60],
        )
        yield extraction


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} articles"),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    )


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="jsonl: one article per line; json: one array."),
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    model: Model = None,
    workers: Workers = 1,
    batch_size: BatchSize = DEFAULT_BATCH_SIZE,
    actors: Actors = None,
    lexicon: Lexicon = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """Extract actors, places and CAMEO-coded events from articles.

    Example: polgraph extract examples/ -o out/extraction.jsonl
    """
    run = _Run()
    options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
    with user_errors(), ExitStack() as stack:
        stream: TextIO = sys.stdout
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            stream = stack.enter_context(output.open("w", encoding="utf-8"))
        progress = stack.enter_context(_progress())
        extractions = _with_progress(extract_paths(paths, options, run.on_error), progress)
        if output_format is OutputFormat.jsonl:
            write_extractions(extractions, stream)
        else:
            json.dump([e.to_dict() for e in extractions], stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    raise typer.Exit(run.exit_code())


def summary_table(extractions: list[Extraction]) -> Table:
    """Articles; actors by kind; events by CAMEO root; places — for the end of a run."""
    actors = {a.id: a for e in extractions for a in e.actors}
    places = {p.id for e in extractions for p in e.places}
    events = [ev for e in extractions for ev in e.events]
    table = Table(title="polgraph summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(len(extractions)))
    for kind, count in sorted(Counter(a.kind for a in actors.values()).items()):
        table.add_row(f"actors: {kind}", str(count))
    for root, count in sorted(Counter(ev.root for ev in events).items()):
        table.add_row(f"events: CAMEO {root}", str(count))
    table.add_row("events (all)", str(len(events)))
    table.add_row("places", str(len(places)))
    return table


@app.command()
def run(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out"),
    model: Model = None,
    workers: Workers = 1,
    batch_size: BatchSize = DEFAULT_BATCH_SIZE,
    actors: Actors = None,
    lexicon: Lexicon = None,
    max_bytes: MaxBytes = DEFAULT_MAX_BYTES,
) -> None:
    """The main job: articles → extraction.jsonl, graph.graphml, graph.json and map.html.

    Example: polgraph run examples/ --out out/
    """
    from graph.build import build_graph
    from graph.export import write_graphml, write_node_link_json
    from graph.viz import render_map

    run_state = _Run()
    options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
    with user_errors():
        out.mkdir(parents=True, exist_ok=True)
        extractions: list[Extraction] = []
        with (
            (out / "extraction.jsonl").open("w", encoding="utf-8") as stream,
            _progress() as progress,
        ):
            for extraction in _with_progress(
                extract_paths(paths, options, run_state.on_error), progress
            ):
                stream.write(dump_extraction(extraction) + "\n")
                extractions.append(extraction)
        graph = build_graph(extractions)
        write_graphml(graph, out / "graph.graphml")
        write_node_link_json(graph, out / "graph.json")
        render_map(graph, out / "map.html", view="relations", title="polgraph relationship map")
    console = stdout_console()
    console.print(summary_table(extractions))
    for name in ("extraction.jsonl", "graph.graphml", "graph.json", "map.html"):
        console.print(f"wrote {out / name}")
    raise typer.Exit(run_state.exit_code())
