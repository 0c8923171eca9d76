"""Extraction parts: one file per shard (JSON Lines or Parquet) in a sharded output folder.

A sharded run (`polgraph extract|run --dask`) writes `part-00000.jsonl`, `part-00001.jsonl`,
… (or `.parquet`) beside a `manifest.json`. Read in name order, the parts hold the
articles in input order, so a folder reads back as the one file a serial run writes.
Every reader streams: one part open at a time, Parquet in record batches.

The Parquet schema is derived from the model's dataclass fields (one column per field,
lists of structs for actors, places and events), so the two formats hold the same
records and each field is still named once, in `ingest/model.py`.
"""

from __future__ import annotations

import io
import json
import os
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.errors import InputError
from ingest.model import Actor, Article, Event, Extraction, Place

if TYPE_CHECKING:
    import pyarrow as pa

EXTRACTION_FILE = "extraction.jsonl"  # a run folder's extraction, from a serial run
EXTRACTION_FOLDER = "extraction"  # a run folder's parts and manifest, from a sharded run
PART_FORMATS = ("jsonl", "parquet")
PART_PREFIX = "part-"
MANIFEST_FILE = "manifest.json"
_BATCH_ROWS = 256  # Parquet rows decoded at a time when reading


def part_name(index: int, fmt: str) -> str:
    """The file name of shard `index`: part-00042.jsonl."""
    return f"{PART_PREFIX}{index:05d}.{fmt}"


def part_files(folder: Path) -> list[Path]:
    """The parts of a sharded folder, in shard order (temporary files are hidden: skipped)."""
    suffixes = {f".{fmt}" for fmt in PART_FORMATS}
    return sorted(
        path
        for path in Path(folder).iterdir()
        if path.name.startswith(PART_PREFIX) and path.suffix in suffixes and path.is_file()
    )


def is_sharded_folder(path: Path) -> bool:
    """`path` is a folder a sharded run wrote (it has a manifest or parts)."""
    path = Path(path)
    return path.is_dir() and ((path / MANIFEST_FILE).is_file() or bool(part_files(path)))


def extraction_source(path: Path) -> Path:
    """Where the extractions of `path` are: `path` itself when it is a file or a sharded
    folder, else the run folder's extraction.jsonl or its extraction/ folder of parts (the
    .jsonl path, missing, when there is neither)."""
    path = Path(path)
    if path.is_file() or is_sharded_folder(path):
        return path
    if not (path / EXTRACTION_FILE).is_file() and is_sharded_folder(path / EXTRACTION_FOLDER):
        return path / EXTRACTION_FOLDER
    return path / EXTRACTION_FILE


def count_part_records(folder: Path) -> int:
    """The articles a sharded folder holds, counted without parsing: the lines of its
    JSON Lines parts, the row counts in its Parquet parts' footers."""
    from ingest.census import count_records

    total = 0
    for part in part_files(folder):
        if part.suffix == ".parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(part).metadata.num_rows
        else:
            total += count_records(part)
    return total


def encode_part(extractions: Iterable[Extraction], fmt: str) -> bytes:
    """The bytes of one part: JSON Lines exactly as `polgraph extract` writes them, or a
    Parquet file of the same records."""
    from ingest.jsonl import dump_extraction

    if fmt == "jsonl":
        return "".join(dump_extraction(e) + "\n" for e in extractions).encode("utf-8")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([e.to_dict() for e in extractions], schema=parquet_schema())
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()
    raise ValueError(f"unknown part format {fmt!r} (expected {', '.join(PART_FORMATS)})")


def write_atomically(target: Path, data: bytes) -> None:
    """`data` written beside `target` under a hidden name, then renamed over it: a reader
    (or a rerun after a crash) sees the whole part or none of it."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def read_part(path: Path) -> Iterator[Extraction]:
    """Stream the Extractions of one part (by its suffix)."""
    if path.suffix == ".parquet":
        yield from _read_parquet(path)
    else:
        from ingest.jsonl import read_extractions

        yield from read_extractions(path)


def read_parts(folder: Path) -> Iterator[Extraction]:
    """Stream every part of a sharded folder, in shard order."""
    for path in part_files(folder):
        yield from read_part(path)


def _read_parquet(path: Path) -> Iterator[Extraction]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(str(path), f"not a Parquet part ({exc})") from exc
    row = 0
    with parquet:
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS):
            for record in batch.to_pylist():
                row += 1
                try:
                    yield Extraction.from_dict(record)
                except (ValueError, KeyError, TypeError) as exc:
                    where = f"{path}:row {row}"
                    raise InputError(where, f"not an extraction record ({exc})") from exc


_ARROW_TYPES = {
    "str": "string",
    "str | None": "string",
    "int": "int64",
    "float": "float64",
    "float | None": "float64",
    "bool": "bool",
    "date | None": "string",  # ISO dates, as in the JSON contract
    "tuple[str, ...]": "list<string>",
    "ActorKind": "string",
    "PlaceKind": "string",
    "Modality": "string",
}


def _struct(cls: type, skip: Sequence[str] = ()) -> pa.StructType:
    import pyarrow as pa

    def arrow(annotation: str) -> pa.DataType:
        name = _ARROW_TYPES[annotation]
        return pa.list_(pa.string()) if name == "list<string>" else pa.type_for_alias(name)

    columns: list[Any] = [
        pa.field(f.name, arrow(str(f.type))) for f in fields(cls) if f.name not in skip
    ]
    return pa.struct(columns)


@lru_cache(maxsize=1)
def parquet_schema() -> pa.Schema:
    """One row per article: the article's fields, and lists of actor, place and event
    structs, each with the fields of its dataclass (article text is not in the contract)."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("article", _struct(Article, skip=("text",))),
            pa.field("actors", pa.list_(_struct(Actor))),
            pa.field("places", pa.list_(_struct(Place))),
            pa.field("events", pa.list_(_struct(Event))),
        ]
    )


def load_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a sharded folder, or None when there is none (or it is unreadable:
    then every shard counts as not done)."""
    try:
        data = json.loads((Path(folder) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def save_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically (sorted keys, so it diffs well)."""
    text = json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomically(Path(folder) / MANIFEST_FILE, text.encode("utf-8"))
