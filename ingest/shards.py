"""Inputs cut into shards for a sharded run: whole files, grouped, and line ranges of large
JSON Lines files; each shard's content hash; and the articles of one shard, read as a
serial run reads them.

A shard is the unit of work and of resumption: its part is written whole or not at all,
and a rerun skips it when its content hash and the options that shape the output are the
ones the manifest recorded. Shards follow the serial reading order (folders walked as
`read_sources` walks them, lines in order), so the parts, read in name order, hold the
articles in the order a serial run writes them, with the same paths and line labels.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ingest.errors import ConfigError, InputError
from ingest.model import Article
from ingest.sources import DEFAULT_MAX_BYTES, NoteSink
from ingest.sources.decoding import is_wide_unicode
from ingest.sources.json_records import jsonl_stream_articles
from ingest.sources.readers import JSONL_SUFFIXES, article_files, read_file

DEFAULT_SHARD_ARTICLES = 250  # about half a minute of one core on news-length articles
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ShardInput:
    """One input of a shard: a whole file, or the lines `first_line`… of a JSON Lines
    file between byte offsets `start` and `end`."""

    path: str
    first_line: int | None = None
    start: int = 0
    end: int | None = None

    def describe(self) -> dict[str, Any]:
        """The manifest's record of this input."""
        return {k: v for k, v in asdict(self).items() if v is not None and (k, v) != ("start", 0)}


@dataclass(frozen=True, slots=True)
class Shard:
    """A run of consecutive inputs, `articles` of them (as census counts), and the sha256
    of their bytes (None when an input cannot be read now: such a shard is never skipped)."""

    index: int
    inputs: tuple[ShardInput, ...]
    articles: int
    digest: str | None

    def label(self) -> str:
        """The shard's inputs in a few words, for an error line: `a.jsonl:251-500`."""
        first = self.inputs[0]
        name = first.path
        if first.first_line is not None:
            name += f":{first.first_line}-{first.first_line + self.articles - 1}"
        more = len(self.inputs) - 1
        return f"{name} (+{more} more)" if more else name


def plan_shards(paths: Sequence[str], shard_articles: int = DEFAULT_SHARD_ARTICLES) -> list[Shard]:
    """The shards of `paths`, in the serial reading order; stdin cannot be sharded."""
    if shard_articles < 1:
        raise ConfigError("shard size must be at least 1 article")
    pieces: list[tuple[ShardInput, int, str | None]] = []
    for raw in paths:
        if raw == "-":
            raise ConfigError("stdin (-) cannot be split into shards: give files or folders")
        path = Path(raw)
        for file in article_files(path) if path.is_dir() else [path]:
            pieces.extend(_file_pieces(file, shard_articles))
    shards: list[Shard] = []
    group: list[tuple[ShardInput, int, str | None]] = []
    for piece in pieces:
        if piece[0].first_line is not None:  # a line range: a shard of its own
            _close(group, shards)
            _close([piece], shards)
            continue
        group.append(piece)
        if sum(weight for _, weight, _ in group) >= shard_articles:
            _close(group, shards)
    _close(group, shards)
    return shards


def _close(group: list[tuple[ShardInput, int, str | None]], shards: list[Shard]) -> None:
    if not group:
        return
    digests = [digest for _, _, digest in group]
    digest: str | None = None
    if all(d is not None for d in digests):
        hasher = hashlib.sha256()
        for item, _, member in group:
            hasher.update(json.dumps(item.describe(), sort_keys=True).encode())
            hasher.update(str(member).encode())
        digest = hasher.hexdigest()
    inputs = tuple(item for item, _, _ in group)
    shards.append(Shard(len(shards), inputs, sum(w for _, w, _ in group), digest))
    group.clear()


def _file_pieces(file: Path, shard_articles: int) -> list[tuple[ShardInput, int, str | None]]:
    """A file as one piece, or as line ranges when it is JSON Lines with more records
    than a shard holds (a UTF-16/32 file cannot be cut at line bytes: kept whole)."""
    path = str(file)
    try:
        with file.open("rb") as handle:
            if file.suffix.lower() in JSONL_SUFFIXES and not is_wide_unicode(handle.read(4)):
                handle.seek(0)
                return _line_ranges(path, handle, shard_articles)
            hasher = hashlib.sha256()
            while chunk := handle.read(_CHUNK):
                hasher.update(chunk)
    except OSError:
        return [(ShardInput(path), 1, None)]  # the worker reports why, as a serial run would
    return [(ShardInput(path), 1, hasher.hexdigest())]


def _line_ranges(
    path: str, handle: Any, shard_articles: int
) -> list[tuple[ShardInput, int, str | None]]:
    """Consecutive line ranges holding `shard_articles` non-blank lines each; one piece
    (the whole file) when the file holds no more than that."""
    ranges: list[tuple[ShardInput, int, str | None]] = []
    hasher, records, first, start, offset = hashlib.sha256(), 0, 1, 0, 0
    for number, line in enumerate(handle, start=1):
        hasher.update(line)
        offset += len(line)
        records += bool(line.strip())
        if records == shard_articles:
            ranges.append((ShardInput(path, first, start, offset), records, hasher.hexdigest()))
            hasher, records, first, start = hashlib.sha256(), 0, number + 1, offset
    if records or not ranges:
        ranges.append((ShardInput(path, first, start, offset), records, hasher.hexdigest()))
    if len(ranges) == 1:  # small enough: read as a whole file (and its "empty file" check)
        _, count, digest = ranges[0]
        return [(ShardInput(path), max(count, 1), digest)]
    return ranges


def read_shard(
    shard: Shard, max_bytes: int = DEFAULT_MAX_BYTES, on_note: NoteSink | None = None
) -> Iterator[Article | InputError]:
    """The articles of one shard, errors yielded in place, exactly as `read_sources` reads
    the same inputs in a serial run (same paths, same `file.jsonl:N` labels)."""
    from ingest.sources import log_note

    note = on_note or log_note
    for item in shard.inputs:
        try:
            if item.first_line is None:
                yield from read_file(Path(item.path), max_bytes=max_bytes, on_note=note)
            else:
                yield from _read_line_range(item, max_bytes, note)
        except InputError as exc:
            yield exc


def _read_line_range(
    item: ShardInput, max_bytes: int, on_note: NoteSink
) -> Iterator[Article | InputError]:
    from ingest.sources.decoding import open_binary

    with open_binary(Path(item.path)) as handle:
        handle.seek(item.start)
        window = _ByteWindow(handle, (item.end or 0) - item.start)
        yield from jsonl_stream_articles(
            window, item.path, max_bytes, on_note, first_number=item.first_line or 1
        )


class _ByteWindow:
    """`readline` and `read` over the next `size` bytes of a binary stream only."""

    def __init__(self, stream: Any, size: int) -> None:
        self.stream = stream
        self.left = size

    def _cap(self, size: int) -> int:
        return self.left if size < 0 else min(size, self.left)

    def readline(self, size: int = -1, /) -> bytes:
        data: bytes = self.stream.readline(self._cap(size)) if self.left else b""
        self.left -= len(data)
        return data

    def read(self, size: int = -1, /) -> bytes:
        data: bytes = self.stream.read(self._cap(size)) if self.left else b""
        self.left -= len(data)
        return data


def options_fingerprint(values: dict[str, Any], files: dict[str, Path | None]) -> dict[str, Any]:
    """What shapes a shard's output besides its input: option values as given, and the
    sha256 of option files (a dictionary or lexicon edited in place counts as changed)."""
    found = dict(values)
    for name, path in files.items():
        if path is None:
            found[name] = None
            continue
        try:
            found[name] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc
    return found
