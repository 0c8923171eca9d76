"""`polgraph extract` (articles → JSON Lines) and `polgraph run` (the main job: files + map)."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from graph.cli.app import EXIT_FAILURES, EXIT_OK, app, stdout_console, user_errors
from graph.cli.progress import InputReporter, ProgressDisplay

if TYPE_CHECKING:
    from ingest.model import Extraction
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


class _Run(InputReporter):
    """One extraction run as the user sees it: failed inputs and notes (InputReporter), and
    the summary line at the end."""

    def on_extraction(self, extraction: Extraction) -> None:
        self.display.read()

    def summary(self, verb: str = "extracted") -> str:
        tally = self.display.tally
        line = f"{verb} {tally.read:,} article(s)"
        if tally.skipped:
            line += f", {tally.skipped:,} input(s) skipped"
        return f"{line} in {self.display.elapsed()}"

    def exit_code(self) -> int:
        return EXIT_FAILURES if self.display.tally.skipped else EXIT_OK


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="jsonl: one article per line; json: one array."),
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of stdout (replaced only once complete: a failed run "
            "leaves an existing file as it was).",
        ),
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
    run = _Run(ProgressDisplay("extract", None))
    paths = run.start(paths)
    if not paths:
        typer.echo(run.summary(), err=True)
        raise typer.Exit(run.exit_code())
    options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
    with user_errors(), ExitStack() as stack:
        from graph.outputs import replacing
        from ingest.jsonl import write_extractions
        from ingest.pipeline import extract_paths

        stream: TextIO = sys.stdout
        if output is not None:
            staged = stack.enter_context(replacing(output))
            stream = stack.enter_context(staged.open("w", encoding="utf-8"))
        stack.enter_context(run.display)
        extractions = run.counted(extract_paths(paths, options, run.on_error, run.on_note))
        if output_format is OutputFormat.jsonl:
            write_extractions(extractions, stream)
        else:
            json.dump([e.to_dict() for e in extractions], stream, ensure_ascii=False, indent=2)
            stream.write("\n")
    typer.echo(run.summary(), err=True)
    raise typer.Exit(run.exit_code())


@app.command()
def run(
    paths: Paths,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            help="Output folder (its files are replaced only once all are complete: a "
            "failed run leaves the previous ones as they were).",
        ),
    ] = Path("out"),
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
    from rich.table import Table

    job = _Run(ProgressDisplay("run", None))
    paths = job.start(paths)
    if not paths:
        typer.echo(job.summary() + f"; {out} left as it was", err=True)
        raise typer.Exit(job.exit_code())
    options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
    with user_errors():
        from graph.job import run_job

        with job.display:
            result = run_job(paths, out, options, job.on_error, job.on_extraction, job.on_note)
    table = Table(title="polgraph summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for what, count in result.summary():
        table.add_row(what, str(count))
    console = stdout_console()
    console.print(table)
    for path in result.files:
        console.print(f"wrote {path}")
    typer.echo(job.summary(), err=True)
    raise typer.Exit(job.exit_code())
