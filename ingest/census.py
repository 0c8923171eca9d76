"""How many articles some inputs hold, counted up front where that is cheap: the total of a
progress display.

The count never parses anything and never changes how the inputs are then streamed: a
text or HTML file is one article, a JSON Lines file one per non-blank line (a byte scan),
and a folder is walked as the readers walk it. Where only parsing would tell — stdin, a
`.json` document (one article or a list), a file without an extension — there is no total.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

# Read in pieces this size, so a huge line costs no memory.
_CHUNK = 1 << 20


def count_articles(paths: Sequence[str]) -> int | None:
    """The number of articles and failures `read_sources(paths)` will yield, or None when
    that cannot be known without parsing. Articles and failures alike: a missing path or an
    unreadable file is one item, named on stderr, as an article would be one."""
    from ingest.sources.readers import JSON_SUFFIXES, JSONL_SUFFIXES, article_files

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        for file in article_files(path) if path.is_dir() else [path]:
            suffix = file.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                total += count_records(file)
            elif (suffix in JSON_SUFFIXES or not suffix) and file.is_file():
                return None  # one article or a list of them: only parsing tells
            else:
                total += 1  # a text or HTML file; or a failure (missing, unknown suffix)
    return total


def count_records(path: Path) -> int:
    """The non-blank lines of a JSON Lines file, one record each; an unreadable file counts
    as one (it will be one failure). A run folder or a sharded folder of parts: the
    records of its extraction, wherever they are (ingest/parts.py)."""
    if path.is_dir():
        from ingest.parts import count_part_records, extraction_source, is_sharded_folder

        source = extraction_source(path)
        if is_sharded_folder(source):
            return count_part_records(source)
        return count_records(source) if source.is_file() else 1
    count = 0
    content = False  # the line read so far has a non-blank byte
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                *complete, rest = chunk.split(b"\n")
                for line in complete:
                    count += content or bool(line.strip())
                    content = False
                content = content or bool(rest.strip())
    except OSError:
        return 1
    return count + content
