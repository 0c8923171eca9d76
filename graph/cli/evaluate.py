"""`polgraph evaluate`: extractions scored against a folder of gold annotations."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from graph.cli.app import EXIT_FAILURES, EXIT_OK, EXIT_USAGE, app, fail, user_errors, warn

if TYPE_CHECKING:
    from ingest.errors import InputError
    from ingest.evaluation import ArticleScore, CodedEvent, Evaluation, Tally

SENTENCE_WIDTH = 160  # longer sentences are cut in the text report (never in --json)


@app.command()
def evaluate(
    predictions: Annotated[
        Path,
        typer.Argument(
            help="Extraction JSON Lines file (from `polgraph extract`), or a `polgraph run` "
            "output folder (its extraction.jsonl)."
        ),
    ],
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Folder of gold files, one NAME.json per article (format in the README).",
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the whole evaluation as one JSON object.")
    ] = False,
) -> None:
    """Score extractions against gold events: P/R/F1, missed and spurious events, confusion.

    Each gold file is paired with the extraction of the article of the same file name (or
    the same title). Example: polgraph evaluate --gold gold/ out/
    """
    if not gold.is_dir():
        fail(f"{gold}: not a folder of gold files", EXIT_USAGE)
    from graph.job import extraction_file, stream_extractions

    source = extraction_file(predictions)
    if not source.exists():
        fail(f"{source}: not found (give an extraction .jsonl or a run folder)", EXIT_USAGE)
    failures: list[InputError] = []

    def on_error(error: InputError) -> None:
        failures.append(error)
        warn(f"skipped {error}")

    with user_errors():
        from ingest.evaluation import evaluate as score
        from ingest.evaluation import read_gold_folder

        articles = list(read_gold_folder(gold, on_error))
        if not articles:
            fail(f"{gold}: no gold files (*.json) to score against", EXIT_USAGE)
        result = score(articles, stream_extractions([], source, on_error))
    for label in result.unpaired:
        warn(f"not scored: {label}: no gold file for this article (by file name or title)")
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo("\n".join(report(result)))
    raise typer.Exit(EXIT_FAILURES if failures else EXIT_OK)


def report(result: Evaluation) -> list[str]:
    """The text report: scores per article and overall, then each article's missed,
    spurious and miscoded events with their sentences, then the confusion by root."""
    width = max([len("overall"), *(len(score.gold.name) for score in result.articles)])
    lines = [
        f"{'article'.ljust(width)}  {'predicted':>9} {'matched':>7} {'core found':>10}"
        f"  {'P':>5} {'R':>5} {'F1':>5}"
    ]
    for score in result.articles:
        note = "" if score.extraction is not None else "  (no extraction)"
        lines.append(_score_line(score.gold.name, width, score.tally) + note)
    total = result.tally
    lines += [
        _score_line("overall", width, total),
        f"actor recall {total.actor_recall:.2f} ({total.actors_found}/{total.actors}), "
        f"actor country accuracy {total.country_accuracy:.2f} "
        f"({total.countries_right}/{total.countries}), place accuracy "
        f"{total.place_accuracy:.2f} ({total.places_right}/{total.places} matched events "
        "with a gold place)",
    ]
    for score in result.articles:
        lines += _event_lines(score)
    return [*lines, "", *confusion_lines(result.confusion())]


def _score_line(label: str, width: int, tally: Tally) -> str:
    core = f"{tally.core_found}/{tally.core}"
    return (
        f"{label.ljust(width)}  {tally.predicted:9d} {tally.matched:7d} {core:>10}"
        f"  {tally.precision:5.2f} {tally.recall:5.2f} {tally.f1:5.3f}"
    )


def _event_lines(score: ArticleScore) -> list[str]:
    """Under the article's name: events coded with another root, core events missed,
    predictions that match nothing (the last two without the first)."""
    confused_gold = {id(gold) for gold, _ in score.confused}
    confused_predicted = {id(predicted) for _, predicted in score.confused}
    lines = [
        f"  wrong code  gold {gold.root} {_dyad(gold.source, gold.target)} coded "
        f"{predicted.event.cameo}: {_sentence(predicted.event.sentence)}"
        for gold, predicted in score.confused
    ]
    lines += [
        f"  missed      {gold.root}  {_dyad(gold.source, gold.target)}: {_sentence(gold.evidence)}"
        for gold in score.missed
        if id(gold) not in confused_gold
    ]
    lines += [
        f"  spurious    {predicted.event.cameo} {_coded_dyad(predicted)}: "
        f"{_sentence(predicted.event.sentence)}"
        for predicted in score.spurious
        if id(predicted) not in confused_predicted
    ]
    return ["", score.gold.name, *lines] if lines else []


def _dyad(source: tuple[str, ...] | None, target: tuple[str, ...] | None) -> str:
    """The gold event's actors by their first names: 'Putin → Kim', 'Putin → (none)'."""
    return f"{source[0] if source else '(none)'} → {target[0] if target else '(none)'}"


def _coded_dyad(event: CodedEvent) -> str:
    return f"{event.source or '(none)'} → {event.target or '(none)'}"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= SENTENCE_WIDTH else f'"{text[: SENTENCE_WIDTH - 1]}…"'


def confusion_lines(cells: Counter[tuple[str | None, str | None]]) -> list[str]:
    """Gold roots down, predicted roots across; the `missed` column counts core gold
    events nothing matched, the `spurious` row predictions that agree with no gold event
    even on the actors. Correct matches are not in the table."""
    if not cells:
        return ["confusion by CAMEO root: no missed, spurious or miscoded events"]
    gold_roots = sorted({gold for gold, _ in cells if gold is not None})
    predicted_roots = sorted({predicted for _, predicted in cells if predicted is not None})
    columns: list[str | None] = [*predicted_roots, None]
    rows: list[str | None] = [*gold_roots, None]
    header = "gold \\ predicted"
    lines = [
        "confusion by CAMEO root (rows: gold root; columns: predicted root)",
        f"{header:>17} " + " ".join(f"{root or 'missed':>6}" for root in columns),
    ]
    for row in rows:
        counts = [cells.get((row, column), 0) for column in columns]
        lines.append(
            f"{row or 'spurious':>17} " + " ".join(f"{count or '.':>6}" for count in counts)
        )
    return lines
