"""`polgraph extract` (articles → JSON Lines) and `polgraph run` (the main job: files + map)."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO

import typer

from graph.cli.app import (
    EXIT_FAILURES,
    EXIT_OK,
    EXIT_USAGE,
    app,
    fail,
    stdout_console,
    user_errors,
)
from graph.cli.progress import InputReporter, ProgressDisplay

if TYPE_CHECKING:
    from ingest.model import Extraction
    from ingest.pipeline import ExtractOptions


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    parquet = "parquet"  # parts of a sharded run (--dask) only


class PartFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"


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
Dask = Annotated[
    str | None,
    typer.Option(
        "--dask",
        metavar="ADDRESS",
        help="Extract on a Dask cluster: a scheduler (tcp://host:8786), or local / local:N "
        "for N worker processes here. Output goes to OUT/extraction/part-NNNNN.* with a "
        "manifest; a rerun redoes only the shards not complete. Needs polgraph[dask].",
    ),
]
ShardSize = Annotated[
    int | None,
    typer.Option("--shard-size", min=1, help="Articles per shard with --dask (default 250)."),
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

    def resumed(self, articles: int) -> None:
        """A sharded run found `articles` already extracted by an earlier run: they leave
        the total this run works through."""
        if self.display.total is not None:
            self.display.total = max(self.display.total - articles, 0)


@app.command()
def extract(
    paths: Paths,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one article per line; json: one array; parquet: parts (--dask only).",
        ),
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of stdout (replaced only once complete: a failed run "
            "leaves an existing file as it was). With --dask: the output folder, whose "
            "extraction/ folder gets the parts.",
        ),
    ] = None,
    model: Model = None,
    workers: Workers = None,
    batch_size: BatchSize = None,
    actors: Actors = None,
    lexicon: Lexicon = None,
    max_bytes: MaxBytes = None,
    dask: Dask = None,
    shard_size: ShardSize = None,
) -> None:
    """Extract actors, places and CAMEO-coded events from articles.

    Example: polgraph extract examples/ -o out/extraction.jsonl

    On a cluster: polgraph extract corpus/ --dask local:2 -o out/ (parts in out/extraction/)
    """
    if dask is not None:
        if output is None:
            fail("--dask writes parts to a folder: give it with -o DIR", EXIT_USAGE)
        if output_format is OutputFormat.json:
            fail("--dask writes jsonl or parquet parts, not one json document", EXIT_USAGE)
        options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
        _extract_sharded(paths, output, options, dask, output_format.value, shard_size)
    if output_format is OutputFormat.parquet:
        fail("--format parquet is for the parts of a sharded run: add --dask", EXIT_USAGE)
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


def _check_address(address: str) -> None:
    """A malformed --dask value is a usage error, found before anything is read."""
    from ingest.errors import ConfigError

    try:
        from ingest.cluster import local_workers
    except ImportError:
        fail("--dask needs Dask: pip install 'polgraph[dask]'", EXIT_USAGE)
    try:
        local_workers(address)
    except ConfigError as exc:
        fail(str(exc), EXIT_USAGE)


def _extract_sharded(
    paths: list[str],
    out: Path,
    options: ExtractOptions,
    address: str,
    fmt: str,
    shard_size: int | None,
) -> NoReturn:
    """`extract --dask`: the parts of out/extraction/, then the summary; exits."""
    _check_address(address)
    run = _Run(ProgressDisplay("extract", None))
    paths = run.start(paths)
    if not paths:
        typer.echo(run.summary(), err=True)
        raise typer.Exit(run.exit_code())
    with user_errors():
        from graph.job import EXTRACTION_FOLDER
        from ingest.cluster import extract_sharded
        from ingest.shards import DEFAULT_SHARD_ARTICLES

        with run.display:
            result = extract_sharded(
                paths,
                out / EXTRACTION_FOLDER,
                options,
                address,
                fmt=fmt,
                shard_articles=shard_size or DEFAULT_SHARD_ARTICLES,
                on_error=run.on_error,
                on_note=run.on_note,
                on_part=run.display.read,
                on_resume=run.resumed,
            )
    typer.echo(f"{run.summary()}; {result.summary()} in {result.folder}", err=True)
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
    dask: Dask = None,
    shard_size: ShardSize = None,
    part_format: Annotated[
        PartFormat,
        typer.Option("--format", "-f", help="With --dask: the parts as jsonl or parquet."),
    ] = PartFormat.jsonl,
) -> None:
    """The main job: articles → extraction.jsonl, graph.graphml, graph.json and map.html.

    Example: polgraph run examples/ --out out/

    On a cluster: polgraph run corpus/ --dask tcp://scheduler:8786 --out out/ (the
    extraction as parts in out/extraction/, resumable)
    """
    from rich.table import Table

    if dask is not None:
        _check_address(dask)
    elif part_format is not PartFormat.jsonl:
        fail("--format parquet is for the parts of a sharded run: add --dask", EXIT_USAGE)
    job = _Run(ProgressDisplay("run", None))
    paths = job.start(paths)
    if not paths:
        typer.echo(job.summary() + f"; {out} left as it was", err=True)
        raise typer.Exit(job.exit_code())
    options = _options(model, workers, batch_size, actors, lexicon, max_bytes)
    sharded = ""
    with user_errors():
        from graph.job import run_job, run_sharded_job

        with job.display:
            if dask is None:
                result = run_job(paths, out, options, job.on_error, job.on_extraction, job.on_note)
            else:
                shards, result = run_sharded_job(
                    paths,
                    out,
                    options,
                    dask,
                    fmt=part_format.value,
                    shard_articles=shard_size,
                    on_error=job.on_error,
                    on_note=job.on_note,
                    on_part=job.display.read,
                    on_resume=job.resumed,
                )
                sharded = f"; {shards.summary()}"
    table = Table(title="polgraph summary", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    for what, count in result.summary():
        table.add_row(what, str(count))
    console = stdout_console()
    console.print(table)
    for path in result.files:
        console.print(f"wrote {path}")
    typer.echo(job.summary() + sharded, err=True)
    raise typer.Exit(job.exit_code())
