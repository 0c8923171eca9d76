"""Articles from JSON documents and JSON Lines: one error per bad record, never a stop."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ingest.errors import InputError
from ingest.model import Article
from ingest.sources.articles import article_from_record
from ingest.sources.decoding import ByteLines, bounded_lines, decode_text, size_label
from ingest.sources.notes import NoteSink

_RECORD_LISTS = ("articles", "items", "data", "results")


def parse_json(text: str, where: str) -> object:
    """The JSON value in `text`; malformed or too deeply nested JSON is an InputError.

    Python's parser recurses once per level and gives up near 1,000 levels: such a document
    is reported like any other bad input instead of stopping the batch.
    """
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise InputError(where, "JSON nested too deeply to read (over ~1,000 levels)") from exc
    except ValueError as exc:
        raise InputError(where, f"malformed JSON ({exc})") from exc


def is_json_object_line(line: str) -> bool:
    """True when `line` by itself is a JSON object (too deep to parse counts: `{`...`}`)."""
    try:
        return isinstance(json.loads(line), dict)
    except RecursionError:
        stripped = line.strip()
        return stripped.startswith("{") and stripped.endswith("}")
    except ValueError:
        return False


def is_json_lines(text: str) -> bool:
    """True when the first of several non-empty lines is a whole JSON object by itself."""
    lines = (line for line in text.splitlines() if line.strip())
    first = next(lines, None)
    return first is not None and next(lines, None) is not None and is_json_object_line(first)


def json_document_articles(text: str, where: str) -> Iterator[Article | InputError]:
    """Articles from an object, a list of objects, or an object holding such a list."""
    if not text.strip():
        raise InputError(where, "empty file")
    document = parse_json(text, where)
    if isinstance(document, dict):
        nested = next(
            (document[k] for k in _RECORD_LISTS if isinstance(document.get(k), list)), None
        )
        if nested is None:
            yield article_from_record(document, where)
            return
        document = nested
    if not isinstance(document, list):
        raise InputError(where, "JSON must be an object or a list of objects")
    if not document:
        raise InputError(where, "empty JSON list")
    for number, record in enumerate(document, start=1):
        yield record_or_error(record, f"{where}:{number}")


def jsonl_stream_articles(
    stream: ByteLines, where: str, max_bytes: int, on_note: NoteSink, first_number: int = 1
) -> Iterator[Article | InputError]:
    """Articles from JSON Lines bytes, one line at a time (each line decoded on its own)."""
    seen = False
    for number, raw in enumerate(bounded_lines(stream, max_bytes), start=first_number):
        label = f"{where}:{number}"
        if raw is None:
            seen = True
            yield InputError(label, f"line is over the {size_label(max_bytes)} limit")
            continue
        if not raw.strip():
            continue
        try:
            line = decode_text(raw, label, on_note)
        except InputError as exc:
            seen = True
            yield exc
            continue
        if line.strip():
            seen = True
            yield record_or_error_text(line, label)
    if not seen and first_number == 1:
        yield InputError(where, "empty file")


def jsonl_text_articles(lines: Iterable[str], where: str) -> Iterator[Article | InputError]:
    """Articles from JSON Lines already decoded (a sniffed file or a UTF-16 one)."""
    seen = False
    for number, line in enumerate(lines, start=1):
        if line.strip():
            seen = True
            yield record_or_error_text(line, f"{where}:{number}")
    if not seen:
        yield InputError(where, "empty file")


def record_or_error_text(line: str, where: str) -> Article | InputError:
    """The article in one JSON line, or the error that names it."""
    try:
        return record_or_error(parse_json(line, where), where)
    except InputError as exc:
        return exc


def record_or_error(record: object, where: str) -> Article | InputError:
    """The article in one parsed record, or the error that names it."""
    if not isinstance(record, dict):
        return InputError(where, f"record is a {type(record).__name__}, not a JSON object")
    try:
        return article_from_record(record, where)
    except InputError as exc:
        return exc
