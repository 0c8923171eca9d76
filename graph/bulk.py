"""Extractions → the node and relationship CSVs of `neo4j-admin database import full`: exactly
the nodes, relationships and properties graph.store's Bolt loader writes, for a new database.

The rows come from the loader's own row builders (graph.store.rows) and event grouping
(graph.events.group_mentions), so the import and the load cannot drift apart: the same
actors merged the same way (preferred name, smallest country, sorted unions), the same
events, ids and properties, one REPORTED_IN per mention. Columns are derived from the
model's fields and typed by their annotations (`quad_class:long`, `date:date`,
`roles:string[]`), so a field added to the model reaches the CSVs with no edit here.

Streaming: articles and their MENTIONED_IN edges are written as they are read; actors,
places and affiliations are held (a merge needs them all, and they are few next to the
mentions); mentions are spilled to disk in buckets by event family (pickled, a few thousand
at a time) and grouped bucket by bucket once the input is read, so memory holds one
bucket's mentions, never the corpus.

CSV: every string is quoted (an empty string stays an empty string, `""`; an absent value is
an empty field, which the importer leaves unset, as Neo4j stores no null); quotes are
doubled; line breaks inside values become spaces, so the importer needs no
`--multiline-fields`, and the values that held one go to `restore.jsonl`, which
`polgraph neo4j import` sets back through Bolt once the database is served (few values:
sentences that spanned a hard-wrapped line). Arrays are joined with a delimiter chosen,
once the values are known, among characters none of them contains. `import.json` records
the files, their label or type and the delimiter for `polgraph neo4j import`
(graph.store.server.importer), and `import.args` the same as neo4j-admin arguments
(`neo4j-admin database import full neo4j @import.args`, for the official Docker image).
"""

from __future__ import annotations

import json
import pickle
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import IO, Any

from graph.events import EventGroup, Report, enclosing_places, family_key, group_mentions
from graph.schema import (
    ACTOR_LABELS,
    ARTICLE_UNSTORED,
    EVENT_LINKS,
    PLACE_LINKS,
    REPORT_ID,
    affiliations,
    report_fields,
)
from graph.store.rows import (
    Row,
    actor_record,
    actor_row,
    edge_props,
    joined_actor_row,
    node_props,
    place_row,
)
from ingest.model import Actor, Article, Event, Extraction, Place

MANIFEST = "import.json"
RESTORE_FILE = "restore.jsonl"
ARGS_FILE = "import.args"
BUCKETS = 64  # mention spill files, by event family
SPILL_CHUNK = 2_000  # mentions pickled at a time per bucket
# array delimiters, in order of preference: the first that no array value contains
DELIMITERS = ("|", ";", "¦", "\x1f")
ACTOR_COLUMNS = ("id", "kind", "name", "country", "roles", "aliases", "lookup")
ACTOR_ARRAYS = ("roles", "aliases", "lookup")

# a model field's annotation → its neo4j-admin column type ("" for string)
_COLUMN_TYPES = {
    "str": "",
    "str | None": "",
    "ActorKind": "",
    "PlaceKind": "",
    "Modality": "",
    "int": "long",
    "float": "double",
    "float | None": "double",
    "bool": "boolean",
    "date | None": "date",
    "datetime.date | None": "date",
    "tuple[str, ...]": "string[]",
}


class DuplicateArticle(Exception):
    """An article id given twice; the import keeps its first version."""


@dataclass(frozen=True, slots=True)
class ImportFile:
    """One CSV of the import: nodes with `labels`, or relationships of `rel_type`."""

    name: str
    labels: tuple[str, ...] = ()
    rel_type: str | None = None
    rows: int = 0

    @property
    def argument(self) -> str:
        """The `--nodes=` / `--relationships=` value (relative to the folder)."""
        prefix = ":".join(self.labels) if self.labels else (self.rel_type or "")
        flag = "--relationships" if self.rel_type else "--nodes"
        return f"{flag}={prefix}={self.name}" if prefix else f"{flag}={self.name}"


@dataclass(frozen=True, slots=True)
class ImportFolder:
    """What `write_import_csvs` wrote: the files, the array delimiter and the counts."""

    folder: Path
    files: tuple[ImportFile, ...]
    array_delimiter: str
    articles: int
    reports: int
    events: int
    duplicates: int = 0
    restore: int = 0  # values with line breaks, in RESTORE_FILE

    def to_dict(self) -> dict[str, Any]:
        return {
            "array_delimiter": self.array_delimiter,
            "articles": self.articles,
            "reports": self.reports,
            "events": self.events,
            "duplicates": self.duplicates,
            "restore": self.restore,
            "files": [
                {"name": f.name, "labels": list(f.labels), "type": f.rel_type, "rows": f.rows}
                for f in self.files
            ],
        }

    @classmethod
    def read(cls, folder: Path) -> ImportFolder:
        """The manifest of an export folder (`import.json`)."""
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = tuple(
            ImportFile(f["name"], tuple(f["labels"]), f["type"], f["rows"]) for f in data["files"]
        )
        return cls(
            folder,
            files,
            data["array_delimiter"],
            data["articles"],
            data["reports"],
            data["events"],
            data.get("duplicates", 0),
            data.get("restore", 0),
        )

    def arguments(self) -> list[str]:
        """The importer's input arguments (file names relative to the folder)."""
        return [f"--array-delimiter={self.array_delimiter}", *(f.argument for f in self.files)]


def column_type(annotation: Any) -> str:
    """The neo4j-admin type suffix of a model field's annotation."""
    return _COLUMN_TYPES[str(annotation)]


def model_columns(record_type: Any, leave_out: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(name, type) of a record type's stored fields, in declaration order."""
    return [(f.name, column_type(f.type)) for f in fields(record_type) if f.name not in leave_out]


def report_columns() -> list[tuple[str, str]]:
    """REPORTED_IN's columns: the mention's fields, its id as `mention` (graph.schema)."""
    columns = model_columns(Event)
    return [(REPORT_ID if name == "id" else name, kind) for name, kind in columns]


# -- CSV cells -----------------------------------------------------------------------------


def _text(value: str) -> str:
    """A quoted string cell (line breaks stay: `_CsvFile.write` turns them into spaces)."""
    return '"' + value.replace('"', '""') + '"'


def _flat(line: str) -> str:
    return line.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def cell(value: Any, delimiter: str) -> str:
    """One CSV field: strings quoted, None empty, booleans lower-case, dates ISO, arrays
    joined with `delimiter` (an empty array is an empty field: the importer stores none).
    Line breaks are left to the row (`_CsvFile.write`)."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace('"', '""') + '"'
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return repr(value)
    if kind is date:
        return str(value.isoformat())
    if kind is list or kind is tuple:
        return _text(delimiter.join(value)) if value else ""
    raise TypeError(f"no CSV cell for {kind.__name__}")


def header(id_space: str | None, columns: Sequence[tuple[str, str]]) -> str:
    """A node file's header: `id:ID(Space)` first, typed properties after."""
    cells = []
    for name, kind in columns:
        if name == "id" and id_space:
            cells.append(f"id:ID({id_space})")
        else:
            cells.append(f"{name}:{kind}" if kind else name)
    return ",".join(cells)


def line_broken(values: Mapping[str, Any]) -> dict[str, Any]:
    """The values holding a line break (a string, or a list with such a string)."""
    return {key: value for key, value in values.items() if _breaks(value)}


def _breaks(value: Any) -> bool:
    if isinstance(value, str):
        return "\n" in value or "\r" in value
    if isinstance(value, list | tuple):
        return any(_breaks(item) for item in value if isinstance(item, str))
    return False


class _Restore:
    """The values whose line breaks the CSVs turned into spaces, as JSON lines to set back
    once the database is served (graph.store.server.importer.restore_values)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / RESTORE_FILE
        self.rows = 0
        self._stream: IO[str] = self.path.open("w", encoding="utf-8")

    def node(self, label: str, node_id: str, values: Mapping[str, Any]) -> None:
        found = line_broken(values)
        if found:
            self._write({"target": label, "id": node_id, "props": found})

    def relationship(self, rel_type: str, start: str, end: str, values: Mapping[str, Any]) -> None:
        found = line_broken(values)
        if found:
            self._write({"target": rel_type, "start": start, "end": end, "props": found})

    def _write(self, row: Row) -> None:
        self._stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.rows += 1

    def close(self) -> None:
        self._stream.close()


class _CsvFile:
    """One output CSV with its header, counting rows."""

    def __init__(self, folder: Path, name: str, head: str) -> None:
        self.name = name
        self.rows = 0
        self._stream: IO[str] = (folder / name).open("w", encoding="utf-8", newline="")
        self._stream.write(head + "\n")

    def write(self, cells: Iterable[str]) -> bool:
        """Write one row; True if a value held a line break (written as a space)."""
        line = ",".join(cells)
        broken = "\n" in line or "\r" in line
        self._stream.write((_flat(line) if broken else line) + "\n")
        self.rows += 1
        return broken

    def close(self) -> None:
        self._stream.close()


def _relationship_header(start: str, end: str, columns: Sequence[tuple[str, str]] = ()) -> str:
    props = [f"{name}:{kind}" if kind else name for name, kind in columns]
    return ",".join([f":START_ID({start})", f":END_ID({end})", *props])


# -- the export ----------------------------------------------------------------------------


@dataclass
class _Held:
    """What the export holds while it reads: merged actors, places and their links."""

    actors: dict[str, Row] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    within: dict[tuple[str, str], None] = field(default_factory=dict)
    affiliations: dict[tuple[str, str], str | None] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    records: dict[Actor, str] = field(default_factory=dict)  # merged: its actor_record

    def add_actor(self, actor: Actor) -> str:
        """Merge an actor record (once per distinct record); its `actor_record` JSON."""
        record = self.records.get(actor)
        if record is None:
            row = actor_row(actor)
            seen = self.actors.get(row["id"])
            self.actors[row["id"]] = row if seen is None else joined_actor_row(seen, row)
            record = self.records[actor] = actor_record(actor)
        return record

    def add(self, extraction: Extraction) -> None:
        for actor in extraction.actors:
            self.add_actor(actor)
        for link in affiliations(extraction):
            self.add_actor(link.country)
            key = (link.actor, link.country.id)
            role = self.affiliations.get(key)
            if key not in self.affiliations or (
                link.role is not None and (role is None or link.role < role)
            ):  # (graph.store.cypher.MERGE_AFFILIATIONS: the smallest role given)
                self.affiliations[key] = link.role
        for place in extraction.places:
            self.places.setdefault(place.id, place)
            if place.within:
                self.within[(place.id, place.within)] = None


class _Spill:
    """Mentions spilled to BUCKETS files by event family, read back one bucket at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._buffers: list[list[Report]] = [[] for _ in range(BUCKETS)]

    def add(self, report: Report) -> None:
        bucket = zlib.crc32(family_key(report.mention).encode()) % BUCKETS
        buffer = self._buffers[bucket]
        buffer.append(report)
        if len(buffer) >= SPILL_CHUNK:
            self._flush(bucket)

    def _flush(self, bucket: int) -> None:
        with (self.folder / f"bucket-{bucket:03d}.pickle").open("ab") as stream:
            pickle.dump(self._buffers[bucket], stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._buffers[bucket] = []

    def buckets(self) -> Iterator[list[Report]]:
        for bucket in range(BUCKETS):
            chunks: list[list[Report]] = []
            path = self.folder / f"bucket-{bucket:03d}.pickle"
            if path.exists():
                with path.open("rb") as stream:
                    while True:
                        try:
                            chunks.append(pickle.load(stream))
                        except EOFError:
                            break
                path.unlink()
            reports = [report for chunk in chunks for report in chunk]
            reports += self._buffers[bucket]
            self._buffers[bucket] = []
            if reports:
                yield reports


def write_import_csvs(
    extractions: Iterable[Extraction],
    folder: Path,
    on_duplicate: Callable[[str], None] | None = None,
) -> ImportFolder:
    """Write the import CSVs of `extractions` and `import.json` into `folder` (created).

    An article id given again is left out (the import keeps the first version; the Bolt
    loader would replace it with the last) and reported to `on_duplicate`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    held = _Held()
    spill_dir = Path(tempfile.mkdtemp(prefix=".spill-", dir=folder))
    spill = _Spill(spill_dir)
    article_columns = model_columns(Article, ARTICLE_UNSTORED)
    files: list[tuple[_CsvFile, tuple[str, ...], str | None]] = []

    def open_file(
        name: str, head: str, labels: tuple[str, ...] = (), rel: str | None = None
    ) -> _CsvFile:
        csv = _CsvFile(folder, name, head)
        files.append((csv, labels, rel))
        return csv

    articles = open_file("articles.csv", header("Article", article_columns), ("Article",))
    actor_mentions = open_file(
        "mentioned_in_actors.csv",
        _relationship_header("Actor", "Article", [("record", "")]),
        rel="MENTIONED_IN",
    )
    place_mentions = open_file(
        "mentioned_in_places.csv", _relationship_header("Place", "Article"), rel="MENTIONED_IN"
    )
    restore = _Restore(folder)
    reports = duplicates = 0
    try:
        for extraction in extractions:
            article = extraction.article
            if article.id in held.articles:
                duplicates += 1
                if on_duplicate is not None:
                    on_duplicate(article.id)
                continue
            held.articles.add(article.id)
            held.add(extraction)
            props = node_props(article, ARTICLE_UNSTORED)
            if articles.write(cell(props[name], "") for name, _ in article_columns):
                restore.node("Article", article.id, props)
            for actor in extraction.actors:
                record = held.records[actor]  # (JSON: no raw line break)
                actor_mentions.write((_text(actor.id), _text(article.id), _text(record)))
            for place_id in sorted({place.id for place in extraction.places}):
                place_mentions.write((_text(place_id), _text(article.id)))
            for mention in extraction.events:
                spill.add(Report(mention, article.id, article.published))
                reports += 1
        delimiter = _delimiter(held)
        events = _write_events(spill, held, delimiter, open_file, restore)
        _write_actors_and_places(held, delimiter, open_file, restore)
    finally:
        restore.close()
        for csv, _, _ in files:
            csv.close()
        shutil.rmtree(spill_dir, ignore_errors=True)
    written = ImportFolder(
        folder,
        tuple(ImportFile(csv.name, labels, rel, csv.rows) for csv, labels, rel in files),
        delimiter,
        len(held.articles),
        reports,
        events,
        duplicates,
        restore.rows,
    )
    (folder / MANIFEST).write_text(json.dumps(written.to_dict(), indent=2) + "\n")
    # the same arguments for neo4j-admin run by hand, e.g. in the official Docker image:
    # `neo4j-admin database import full neo4j @import.args` from within the folder
    (folder / ARGS_FILE).write_text("\n".join(written.arguments()) + "\n", encoding="utf-8")
    return written


def _delimiter(held: _Held) -> str:
    """The first of DELIMITERS that no array value (nor label) contains."""
    used: set[str] = set()
    for row in held.actors.values():
        for name in ACTOR_ARRAYS:
            for value in row[name]:
                used.update(c for c in DELIMITERS if c in value)
    for place in held.places.values():
        used.update(c for c in DELIMITERS if c in place.id or c in place.name)
    for candidate in DELIMITERS:
        if candidate not in used:
            return candidate
    raise ValueError("every array delimiter occurs in the data")


def _write_events(
    spill: _Spill,
    held: _Held,
    delimiter: str,
    open_file: Callable[..., _CsvFile],
    restore: _Restore,
) -> int:
    """Group each bucket's mentions into events (graph.events) and write the events, their
    ends and their reports."""
    event_columns = [
        (f.name, column_type(f.type)) for f in fields(EventGroup) if f.name not in EVENT_LINKS
    ]
    mention_columns = report_columns()
    events = open_file("events.csv", header("Event", event_columns), ("Event",))
    sources = open_file("source_of.csv", _relationship_header("Actor", "Event"), rel="SOURCE_OF")
    targets = open_file("targets.csv", _relationship_header("Event", "Actor"), rel="TARGETS")
    occurred = open_file(
        "occurred_in.csv", _relationship_header("Event", "Place"), rel="OCCURRED_IN"
    )
    reporters = open_file(
        "reported_by.csv", _relationship_header("Event", "Actor"), rel="REPORTED_BY"
    )
    reported_in = open_file(
        "reported_in.csv",
        _relationship_header("Event", "Article", mention_columns),
        rel="REPORTED_IN",
    )
    valid = {(place, parent) for place, parent in held.within if parent in held.places}
    chains = enclosing_places(valid)
    count = 0
    for bucket in spill.buckets():
        for event in group_mentions(bucket, chains):
            count += 1
            props = node_props(event, EVENT_LINKS)
            if events.write(cell(props[name], delimiter) for name, _ in event_columns):
                restore.node("Event", event.id, props)
            eid = _text(event.id)
            if event.source in held.actors:
                sources.write((_text(event.source), eid))
            if event.target and event.target in held.actors:
                targets.write((eid, _text(event.target)))
            if event.place and event.place in held.places:
                occurred.write((eid, _text(event.place)))
            for reporter in event.reporters:
                if reporter in held.actors:
                    reporters.write((eid, _text(reporter)))
            for report in event.mentions:
                values = edge_props(report_fields(report.mention))
                if reported_in.write(
                    (
                        eid,
                        _text(report.article),
                        *(cell(values.get(name), delimiter) for name, _ in mention_columns),
                    )
                ):
                    restore.relationship("REPORTED_IN", event.id, report.mention.id, values)
    return count


def _write_actors_and_places(
    held: _Held, delimiter: str, open_file: Callable[..., _CsvFile], restore: _Restore
) -> None:
    actor_head = ",".join(
        f"{name}:string[]" if name in ACTOR_ARRAYS else name for name in ACTOR_COLUMNS[1:]
    )
    actors = open_file("actors.csv", f"id:ID(Actor),:LABEL,{actor_head}")
    for row in held.actors.values():
        labels = ("Actor", ACTOR_LABELS[row["kind"]])
        if actors.write(
            [
                _text(row["id"]),
                _text(delimiter.join(labels)),
                *(cell(row[name], delimiter) for name in ACTOR_COLUMNS[1:]),
            ]
        ):
            restore.node("Actor", row["id"], {name: row[name] for name in ACTOR_COLUMNS[1:]})
    place_columns = model_columns(Place, PLACE_LINKS)
    places = open_file(
        "places.csv",
        header("Place", [*place_columns, ("location", "point"), ("lookup", "string[]")]),
        ("Place",),
    )
    for place in held.places.values():
        row = place_row(place)
        location = (
            None
            if place.lat is None or place.lon is None
            else f"{{latitude:{place.lat!r},longitude:{place.lon!r}}}"
        )
        if places.write(
            [
                *(cell(row["props"][name], delimiter) for name, _ in place_columns),
                cell(location, delimiter),
                cell(row["lookup"], delimiter),
            ]
        ):
            restore.node("Place", place.id, row["props"])
    within = open_file("within.csv", _relationship_header("Place", "Place"), rel="WITHIN")
    for inner, parent in held.within:
        if parent in held.places:
            within.write((_text(inner), _text(parent)))
    affiliated = open_file(
        "affiliated_with.csv",
        _relationship_header("Actor", "Actor", [("role", "")]),
        rel="AFFILIATED_WITH",
    )
    for (actor, country), role in held.affiliations.items():
        if affiliated.write((_text(actor), _text(country), cell(role, delimiter))):
            restore.relationship("AFFILIATED_WITH", actor, country, {"role": role})
