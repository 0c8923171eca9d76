"""Read and write Extractions as JSON Lines (one article per line): the output contract."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ingest.errors import InputError
from ingest.model import Extraction


def dump_extraction(extraction: Extraction) -> str:
    """One JSON line (no trailing newline) for one article's extraction."""
    return json.dumps(extraction.to_dict(), ensure_ascii=False, sort_keys=False)


def write_extractions(extractions: Iterable[Extraction], stream: IO[str]) -> int:
    """Write each extraction as a line; return how many were written."""
    count = 0
    for extraction in extractions:
        stream.write(dump_extraction(extraction) + "\n")
        count += 1
    return count


def read_extractions(path: Path) -> Iterator[Extraction]:
    """Stream Extractions back from a JSON Lines file written by `polgraph extract`, or
    from a sharded folder (or one Parquet part) written by `polgraph extract --dask`: every
    reader downstream takes either (see ingest/parts.py)."""
    path = Path(path)
    if path.is_dir() or path.suffix == ".parquet":
        from ingest.parts import read_part, read_parts

        yield from read_parts(path) if path.is_dir() else read_part(path)
        return
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot open ({exc.strerror})") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield Extraction.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number}", f"not an extraction record ({exc})") from exc
