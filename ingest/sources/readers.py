"""Walk paths, folders and stdin, and read each file by its extension (or by sniffing)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO

from ingest.errors import InputError
from ingest.model import Article
from ingest.sources.articles import article_from_html, article_from_text
from ingest.sources.decoding import (
    ByteLines,
    byte_stream,
    check_binary,
    declared_encoding,
    decode_text,
    is_over_cap,
    is_wide_unicode,
    open_binary,
    read_bytes,
    size_label,
    skip_rest_of_line,
)
from ingest.sources.json_records import (
    is_json_lines,
    is_json_object_line,
    json_document_articles,
    jsonl_stream_articles,
    jsonl_text_articles,
    record_or_error_text,
)
from ingest.sources.notes import NoteSink, log_note

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
STDIN_LABEL = "<stdin>"

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
# Project files that sit beside articles in a folder but are not news.
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|contributing|notice)\b", re.I)


def read_sources(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | BinaryIO | None = None,
    on_note: NoteSink = log_note,
) -> Iterator[Article | InputError]:
    """Every article in `paths` (files, folders, `-` for stdin), errors yielded in place.

    Notes (an encoding guessed) go to `on_note` as they happen, before the article.
    """
    for raw in paths:
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _guarded(partial(read_stream, stream, max_bytes, on_note=on_note))
            continue
        path = Path(raw)
        files = article_files(path) if path.is_dir() else [path]
        for file in files:
            yield from _guarded(partial(read_file, file, max_bytes=max_bytes, on_note=on_note))


def read_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, on_note: NoteSink = log_note
) -> Iterator[Article | InputError]:
    """The articles in one file, by extension; a whole-file failure raises while iterating."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield read_text_file(path, max_bytes=max_bytes, on_note=on_note)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, max_bytes=max_bytes)
    elif suffix in JSON_SUFFIXES:
        yield from read_json_file(path, max_bytes=max_bytes, on_note=on_note)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, max_bytes=max_bytes, on_note=on_note)
    elif suffix:
        expected = ", ".join(sorted(KNOWN_SUFFIXES))
        raise InputError(str(path), f"unsupported file type {suffix!r} (expected {expected})")
    else:
        where = str(path)
        yield from _read_sniffed(decode_text(read_bytes(path, max_bytes), where, on_note), where)


def read_text_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, on_note: NoteSink = log_note
) -> Article:
    """One article from a `.txt`/`.md` file with an optional header block."""
    where = str(path)
    return article_from_text(decode_text(read_bytes(path, max_bytes), where, on_note), where)


def read_html_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One article from a saved web page: main text and metadata, site furniture dropped.

    A page with a byte-order mark is decoded here; any other page goes to trafilatura as
    bytes, which reads its `<meta charset>` or guesses.
    """
    where = str(path)
    raw = read_bytes(path, max_bytes)
    if declared_encoding(raw) is not None:
        page = decode_text(raw, where, log_note)
        check_binary(page, where)
        return article_from_html(page, where)
    check_binary(raw.decode("utf-8", errors="replace"), where)
    return article_from_html(raw, where)


def read_json_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, on_note: NoteSink = log_note
) -> list[Article | InputError]:
    """Articles from a JSON document; a bad record becomes an InputError in the list."""
    where = str(path)
    text = decode_text(read_bytes(path, max_bytes), where, on_note)
    return list(json_document_articles(text, where))


def read_jsonl_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, on_note: NoteSink = log_note
) -> Iterator[Article | InputError]:
    """Articles streamed from JSON Lines; the file is opened now, records read lazily.

    `max_bytes` caps each line, not the file. A UTF-16/32 file (its lines cannot be split
    as bytes) is read whole, up to `max_bytes`.
    """
    handle = open_binary(path)
    wide = is_wide_unicode(handle.read(4))
    handle.seek(0)
    if wide:
        handle.close()
        where = str(path)
        text = decode_text(read_bytes(path, max_bytes), where, on_note)
        return jsonl_text_articles(text.splitlines(), where)
    return _closing(handle, jsonl_stream_articles(handle, str(path), max_bytes, on_note))


def read_stream(
    stream: TextIO | BinaryIO,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    on_note: NoteSink = log_note,
) -> Iterator[Article | InputError]:
    """Articles from stdin (or any stream), its format sniffed from the first line.

    JSON Lines (a first line that is a whole JSON object) is streamed with the size cap per
    line; anything else is read whole, up to `max_bytes`. Bytes are decoded like files
    (byte-order mark, UTF-8, else a guessed legacy encoding).
    """
    source = byte_stream(stream)
    head: list[bytes] = []
    size = 0
    while line := source.readline(max_bytes + 1):
        if is_over_cap(line, max_bytes) and line.lstrip().startswith(b"{"):
            # Too long to hold or sniff: taken as the first of JSON Lines, reported alone.
            skip_rest_of_line(source, line)
            label = f"{STDIN_LABEL}:{len(head) + 1}"
            yield InputError(label, f"line is over the {size_label(max_bytes)} limit")
            yield from jsonl_stream_articles(
                source, STDIN_LABEL, max_bytes, on_note, first_number=len(head) + 2
            )
            return
        head.append(line)
        size += len(line)
        if size > max_bytes:
            raise InputError(STDIN_LABEL, f"input is over the {size_label(max_bytes)} limit")
        if line.strip() or is_wide_unicode(head[0]):
            break
    first = head[-1] if head else b""
    if first.lstrip().startswith(b"{") and not is_wide_unicode(head[0]):
        label = f"{STDIN_LABEL}:{len(head)}"
        text = _decoded_or_none(first, label, on_note)
        if text is not None and is_json_object_line(text):
            yield record_or_error_text(text, label)
            yield from jsonl_stream_articles(
                source, STDIN_LABEL, max_bytes, on_note, first_number=len(head) + 1
            )
            return
    yield from _read_sniffed(_read_rest(source, head, size, max_bytes, on_note), STDIN_LABEL)


def _decoded_or_none(line: bytes, where: str, on_note: NoteSink) -> str | None:
    try:
        return decode_text(line, where, on_note)
    except InputError:
        return None  # judged with the rest of the input, as one document


def _read_rest(
    source: ByteLines, head: list[bytes], size: int, max_bytes: int, on_note: NoteSink
) -> str:
    data = b"".join(head) + source.read(max_bytes + 1 - size)
    if len(data) > max_bytes:
        raise InputError(STDIN_LABEL, f"input is over the {size_label(max_bytes)} limit")
    if not data.strip():
        raise InputError(STDIN_LABEL, "empty file")
    return decode_text(data, STDIN_LABEL, on_note)


def _read_sniffed(text: str, where: str) -> Iterator[Article | InputError]:
    head = text.lstrip("\ufeff \t\r\n")[:20].lower()
    if head.startswith("{") and is_json_lines(text):
        yield from jsonl_text_articles(text.splitlines(), where)
    elif head.startswith(("{", "[")):
        yield from json_document_articles(text, where)
    elif head.startswith(("<!doctype", "<html")):
        check_binary(text, where)
        yield article_from_html(text, where)
    else:
        yield article_from_text(text, where)


def _closing(
    handle: BinaryIO, items: Iterator[Article | InputError]
) -> Iterator[Article | InputError]:
    with handle:
        yield from items


def _guarded(read: Callable[[], Iterable[Article | InputError]]) -> Iterator[Article | InputError]:
    """Run a reader, turning its InputError (raised at any point) into a yielded one."""
    try:
        yield from read()
    except InputError as exc:
        yield exc


def article_files(folder: Path) -> list[Path]:
    """Article files under `folder`, sorted by their path parts (a/1.txt before b.txt)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            suffix = Path(name).suffix.lower()
            if name.startswith(".") or suffix not in KNOWN_SUFFIXES or _NOT_ARTICLES.match(name):
                continue
            found.append(Path(root) / name)
    return sorted(found, key=lambda path: path.relative_to(folder).parts)
