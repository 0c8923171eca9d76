"""`polgraph extract` (articles → JSON Lines) and `polgraph run` (the main job: files + map)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

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
from ingest.jsonl import write_extractions
from ingest.model import Extraction

if TYPE_CHECKING:
    from ingest.pipeline import ExtractOptions


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


# Extraction options default to None, meaning ExtractOptions' own default: the values live
# there, and importing them here would load spaCy for every command, even `--help`.
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
Workers = Annotated[int | None, typer.Option("--workers", min=1, help="spaCy worker processes.")]
BatchSize = Annotated[
    int | None, typer.Option("--batch-size", min=1, help="Articles per spaCy batch.")
]
Actors = Annotated[
    Path | None,
    typer.Option("--actors", help="Actor dictionary (YAML or CSV) that overrides guesses."),
]
Lexicon = Annotated[
    Path | None, typer.Option("--lexicon", help="Event lexicon YAML on top of the packaged one.")
]
MaxBytes = Annotated[
    int | None, typer.Option("--max-bytes", min=1, help="Skip input files larger than this.")
]


def _options(
    model: str | None,
    workers: int | None,
    batch_size: int | None,
    actors: Path | None,
    lexicon: Path | None,
    max_bytes: int | None,
) -> ExtractOptions:
    """ExtractOptions from the flags given; the others keep ExtractOptions' defaults."""
    from ingest.pipeline import ExtractOptions

    given: dict[str, Any] = {
        "model": model,
        "workers": workers,
        "batch_size": batch_size,
        "actor_dictionary": actors,
        "lexicon": lexicon,
        "max_bytes": max_bytes,
    }
    return ExtractOptions(**{name: value for name, value in given.items() if value is not None})


class _Run:
    """Counts failures while extraction streams, reporting each on one stderr line."""

    def __init__(self) -> None:
        self.failures = 0

    def on_error(self, error: InputError) -> None:
        self.failures += 1
        warn(f"skipped {error}")

    def exit_code(self) -> int:
        return EXIT_FAILURES if self.failures else EXIT_OK


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


def _advance(progress: Progress) -> Callable[[Extraction], None]:
    """A callback moving the progress bar on by one article."""
    task = progress.add_task("extracting", total=None)

    def advance(extraction: Extraction) -> None:
        title = extraction.article.title or extraction.article.id
        progress.update(task, advance=1, description=f"extracting {title}"[:60])

    return advance


def _reported(
    extractions: Iterator[Extraction], on_extraction: Callable[[Extraction], None]
) -> Iterator[Extraction]:
    for extraction in extractions:
        on_extraction(extraction)
        yield extraction


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
    workers: Workers = None,
    batch_size: BatchSize = None,
    actors: Actors = None,
    lexicon: Lexicon = None,
    max_bytes: MaxBytes = None,
) -> None:
    """Extract actors, places and CAMEO-coded events from articles.

    Example: polgraph extract examples/ -o out/extraction.jsonl
    """
    from ingest.pipeline import extract_paths

    run = _Run()
    options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
    with user_errors(), ExitStack() as stack:
        stream: TextIO = sys.stdout
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            stream = stack.enter_context(output.open("w", encoding="utf-8"))
        advance = _advance(stack.enter_context(_progress()))
        extractions = _reported(extract_paths(paths, options, run.on_error), advance)
        if output_format is OutputFormat.jsonl:
            write_extractions(extractions, stream)
        else:
            json.dump([e.to_dict() for e in extractions], stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    raise typer.Exit(run.exit_code())


@app.command()
def run(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("out"),
    model: Model = None,
    workers: Workers = None,
    batch_size: BatchSize = None,
    actors: Actors = None,
    lexicon: Lexicon = None,
    max_bytes: MaxBytes = None,
) -> None:
    """The main job: articles → extraction.jsonl, graph.graphml, graph.json and map.html.

    Example: polgraph run examples/ --out out/
    """
    from graph.job import run_job

    run_state = _Run()
    options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
    with user_errors(), _progress() as progress:
        result = run_job(paths, out, options, run_state.on_error, _advance(progress))
    table = Table(title="polgraph summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for what, count in result.summary():
        table.add_row(what, str(count))
    console = stdout_console()
    console.print(table)
    for path in result.files:
        console.print(f"wrote {path}")
    raise typer.Exit(run_state.exit_code())
