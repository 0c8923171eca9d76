"""Read articles from text, Markdown, HTML, JSON and JSON Lines files, folders and stdin.

Every reader returns `ingest.model.Article`s with the text left exactly as the extractor
will see it (character offsets point into `Article.text`). Bad input never stops a batch:
`read_sources` yields an `InputError` in stream order for each file or record that cannot
be read, and goes on with the rest.

Formats, by extension (files without one are sniffed like stdin):

- `.txt`, `.md`: optional header lines (`Title:`, `URL:`/`Link:`, `Published:`/`Date:`,
  `Source:`; `Author:` and `Note:` are accepted and ignored), then a blank line, then the
  body. Without a header the whole file is the body and the title is its first line
  (Markdown `#` removed) when that line is at most 200 characters.
- `.html`, `.htm`: main text extracted offline by trafilatura (navigation, footers and
  other site furniture dropped; paragraphs separated by blank lines), title, date, URL
  and site name from the page metadata.
- `.json`: an object, a list of objects, or an object holding such a list under
  `articles`, `items`, `data` or `results`. `.jsonl`: one object per line, streamed.
  Field aliases are in `_FIELD_ALIASES`. A bad record is reported as `file:N` (N counts
  records from 1 in `.json`, lines from 1 in `.jsonl`); the other records go through.
- Folders are walked recursively in sorted order. Hidden files and folders, unknown
  extensions and README/LICENSE/CHANGELOG-style files are skipped silently; a file named
  explicitly is always read (an unknown extension is then an error).
- `-` reads stdin: JSON (or JSON Lines) when it starts with `{` or `[`, HTML when it
  starts with `<!doctype` or `<html`, else text with an optional header.

Rejected with one `InputError` each: missing or unreadable paths, empty input, binary
data (NUL bytes or many control characters), text that is not UTF-8 (no guessing at other
encodings), input over `max_bytes` (per file, stdin stream or JSONL line; split big `.json`
documents or use `.jsonl`), and text with no English prose (too few words, or too few
English function words among them: one-sentence newswire items pass).
An unparseable published date is not an error: the article gets `published=None`.
Reading the same article twice gives the same `Article.id`; de-duplication is left to the
caller.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TextIO

import trafilatura

from ingest.dates import parse_date
from ingest.errors import InputError
from ingest.model import Article, article_id

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
STDIN_LABEL = "<stdin>"

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl"})
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
# Project files that sit beside articles in a folder but are not news.
_NOT_ARTICLES = re.compile(r"^(readme|license|licence|changelog|contributing|notice)\b", re.I)

_HEADER_LINE = re.compile(
    r"^(title|url|link|published|date|source|author|note)[ \t]*:[ \t]*(.*)$", re.IGNORECASE
)
_HEADER_FIELDS = {"title": "title", "url": "url", "link": "url", "published": "published"}
_HEADER_FIELDS |= {"date": "published", "source": "source"}
_MAX_TITLE_CHARS = 200

_FIELD_ALIASES: Mapping[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": (
        "published",
        "date",
        "publish_date",
        "published_at",
        "publishedAt",
        "pubDate",
        "date_publish",
    ),
    "source": ("source", "site", "publisher", "sitename", "source_name"),
}
_RECORD_LISTS = ("articles", "items", "data", "results")

# Distinctive English function words: common in any English prose, rare in other languages.
# fmt: off
_ENGLISH_FUNCTION_WORDS = frozenset((
    "the", "of", "and", "to", "is", "was", "for", "that", "with", "as", "by", "at", "from",
    "has", "have", "had", "he", "she", "it", "its", "his", "her", "they", "their", "them",
    "said", "says", "were", "be", "been", "are", "an", "this", "these", "will", "would",
    "could", "not", "who", "which", "but", "or", "after", "over", "about", "upon", "than",
    "also", "into", "we", "our", "you", "there", "what", "when", "where", "while", "against",
    "between", "under", "during", "before", "new", "on", "a",
))
# fmt: on
_MIN_WORDS_FOR_RATIO = 8
_MIN_FUNCTION_WORD_RATIO = 0.12
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def read_sources(
    paths: Sequence[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
) -> Iterator[Article | InputError]:
    """Every article in `paths` (files, folders, `-` for stdin), errors yielded in place."""
    for raw in paths:
        if raw == "-":
            yield from _guarded(partial(read_stream, stdin or sys.stdin, max_bytes))
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk_folder(path):
                yield from _guarded(partial(read_file, file, max_bytes=max_bytes))
        else:
            yield from _guarded(partial(read_file, path, max_bytes=max_bytes))


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    """The articles in one file, by extension; a whole-file failure raises while iterating."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield read_text_file(path, max_bytes=max_bytes)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, max_bytes=max_bytes)
    elif suffix in JSON_SUFFIXES:
        yield from read_json_file(path, max_bytes=max_bytes)
    elif suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, max_bytes=max_bytes)
    elif suffix:
        expected = ", ".join(sorted(KNOWN_SUFFIXES))
        raise InputError(str(path), f"unsupported file type {suffix!r} (expected {expected})")
    else:
        yield from _read_sniffed(_decode(_read_bytes(path, max_bytes), str(path)), str(path))


def read_text_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One article from a `.txt`/`.md` file with an optional header block."""
    where = str(path)
    return article_from_text(_decode(_read_bytes(path, max_bytes), where), where)


def read_html_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """One article from a saved web page: main text and metadata, site furniture dropped."""
    where = str(path)
    raw = _read_bytes(path, max_bytes)
    _check_binary(raw.decode("utf-8", errors="replace"), where)
    return article_from_html(raw, where)


def read_json_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | InputError]:
    """Articles from a JSON document; a bad record becomes an InputError in the list."""
    where = str(path)
    return list(_json_document_articles(_decode(_read_bytes(path, max_bytes), where), where))


def read_jsonl_file(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Articles streamed from JSON Lines; the file is opened now, records read lazily."""
    handle = _open_binary(path)
    return _jsonl_articles(handle, str(path), max_bytes)


def read_stream(
    stream: TextIO, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | InputError]:
    """Articles from stdin (or any text stream), its format sniffed from the first line.

    JSON Lines (a first line that is a whole JSON object) is streamed with the size cap per
    line; anything else is read whole, up to `max_bytes`.
    """
    first, first_number = "", 0
    for first_number, line in enumerate(stream, start=1):  # noqa: B007 - used below
        first = line
        if line.strip():
            break
    if first.lstrip().startswith("{") and _is_json_object(first):
        yield _record_or_error_text(first, f"{STDIN_LABEL}:{first_number}", max_bytes)
        for number, line in enumerate(stream, start=first_number + 1):
            if line.strip():
                yield _record_or_error_text(line, f"{STDIN_LABEL}:{number}", max_bytes)
        return
    text = first + stream.read(max_bytes + 1)
    if len(text.encode("utf-8")) > max_bytes:
        raise InputError(STDIN_LABEL, f"input is over the {_size(max_bytes)} limit")
    yield from _read_sniffed(text, STDIN_LABEL)


def article_from_text(text: str, where: str) -> Article:
    """An Article from plain text with an optional `Key: value` header block."""
    _check_binary(text, where)
    fields, body = split_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    body = body.strip()
    if not body:
        raise InputError(where, "empty file" if not fields else "header but no article text")
    title = fields.get("title") if fields else _first_line_title(body)
    return _article(
        body, where, title, fields.get("url"), fields.get("published"), fields.get("source")
    )


def split_header(text: str) -> tuple[dict[str, str], str]:
    """The header fields and the body; no header unless the block ends with a blank line."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    fields: dict[str, str] = {}
    index = start
    while index < len(lines):
        match = _HEADER_LINE.match(lines[index].strip())
        if not match:
            break
        key = _HEADER_FIELDS.get(match[1].lower())
        value = match[2].strip()
        if key and value:
            fields[key] = value
        index += 1
    if index == start or (index < len(lines) and lines[index].strip()):
        return {}, text
    return fields, "\n".join(lines[index:])


def article_from_html(html: bytes | str, where: str) -> Article:
    """An Article from HTML through trafilatura (offline: the page is never fetched)."""
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(where, "no article text found in the HTML page")
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return _article(
        body,
        where,
        getattr(document, "title", None),
        getattr(document, "url", None),
        getattr(document, "date", None),
        getattr(document, "sitename", None),
    )


def article_from_record(record: Mapping[str, Any], where: str) -> Article:
    """An Article from one JSON object, accepting the common field aliases."""
    text = _field(record, "text")
    if text is None:
        names = "/".join(_FIELD_ALIASES["text"])
        raise InputError(where, f"record has no article text (looked for {names})")
    if not isinstance(text, str):
        raise InputError(where, f"article text is a {type(text).__name__}, not a string")
    _check_binary(text, where)
    if not text.strip():
        raise InputError(where, "article text is empty")
    source = _field(record, "source")
    if isinstance(source, Mapping):  # NewsAPI: {"id": ..., "name": ...}
        source = source.get("name")
    return _article(
        text.replace("\r\n", "\n").strip(),
        where,
        _string_or_none(_field(record, "title")),
        _string_or_none(_field(record, "url")),
        _field(record, "published"),
        _string_or_none(source),
    )


def looks_like_english_prose(text: str) -> bool:
    """True when `text` reads as English sentences (a one-line newswire item counts)."""
    words = _WORD.findall(text)
    if len(words) < 3:
        return False
    non_space = sum(1 for c in text if not c.isspace())
    letters = sum(len(w) for w in words)
    if letters < 0.6 * non_space:
        return False
    hits = sum(1 for w in words if w.lower() in _ENGLISH_FUNCTION_WORDS)
    if len(words) < _MIN_WORDS_FOR_RATIO:
        return hits >= 1 or all(w.isascii() for w in words)
    return hits >= _MIN_FUNCTION_WORD_RATIO * len(words)


def _article(
    text: str,
    where: str,
    title: str | None,
    url: str | None,
    published: object,
    source: str | None,
) -> Article:
    if not looks_like_english_prose(text):
        raise InputError(where, "no English prose found (too few English words)")
    url = url.strip() if url and url.strip() else None
    return Article(
        id=article_id(url, text),
        title=title.strip() if title and title.strip() else None,
        url=url,
        published=parse_date(published),
        source=source.strip() if source and source.strip() else None,
        text=text,
        path=where,
    )


def _read_sniffed(text: str, where: str) -> Iterator[Article | InputError]:
    head = text.lstrip()[:20].lower()
    if head.startswith("{") and _is_json_lines(text):
        yield from _jsonl_lines(text.splitlines(), where)
    elif head.startswith(("{", "[")):
        yield from _json_document_articles(text, where)
    elif head.startswith(("<!doctype", "<html")):
        yield article_from_html(text, where)
    else:
        yield article_from_text(text, where)


def _is_json_lines(text: str) -> bool:
    """True when the first of several non-empty lines is a whole JSON object by itself."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and _is_json_object(lines[0])


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _json_document_articles(text: str, where: str) -> Iterator[Article | InputError]:
    if not text.strip():
        raise InputError(where, "empty file")
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise InputError(where, f"malformed JSON ({exc})") from exc
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
        yield _record_or_error(record, f"{where}:{number}")


def _jsonl_articles(handle: Any, where: str, max_bytes: int) -> Iterator[Article | InputError]:
    with handle:
        seen = False
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            seen = True
            label = f"{where}:{number}"
            if len(raw) > max_bytes:
                yield InputError(label, f"line is over the {_size(max_bytes)} limit")
                continue
            try:
                line = _decode(raw, label)
            except InputError as exc:
                yield exc
                continue
            yield _record_or_error_text(line, label, max_bytes)
        if not seen:
            yield InputError(where, "empty file")


def _jsonl_lines(lines: list[str], where: str) -> Iterator[Article | InputError]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield _record_or_error_text(line, f"{where}:{number}", None)


def _record_or_error_text(line: str, where: str, max_bytes: int | None) -> Article | InputError:
    if max_bytes is not None and len(line.encode("utf-8")) > max_bytes:
        return InputError(where, f"line is over the {_size(max_bytes)} limit")
    try:
        record = json.loads(line)
    except ValueError as exc:
        return InputError(where, f"malformed JSON ({exc})")
    return _record_or_error(record, where)


def _record_or_error(record: object, where: str) -> Article | InputError:
    if not isinstance(record, dict):
        return InputError(where, f"record is a {type(record).__name__}, not a JSON object")
    try:
        return article_from_record(record, where)
    except InputError as exc:
        return exc


def _guarded(read: Callable[[], Iterable[Article | InputError]]) -> Iterator[Article | InputError]:
    """Run a reader, turning its InputError (raised at any point) into a yielded one."""
    try:
        yield from read()
    except InputError as exc:
        yield exc


def _walk_folder(folder: Path) -> list[Path]:
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


def _open_binary(path: Path) -> Any:
    try:
        return path.open("rb")
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file or directory") from exc
    except IsADirectoryError as exc:
        raise InputError(str(path), "is a directory") from exc
    except PermissionError as exc:
        raise InputError(str(path), "permission denied") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot open ({exc.strerror})") from exc


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with _open_binary(path) as handle:
        data: bytes = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(str(path), f"file is over the {_size(max_bytes)} limit")
    if not data.strip():
        raise InputError(str(path), "empty file")
    return data


def _decode(data: bytes, where: str) -> str:
    if b"\x00" in data:
        raise InputError(where, "binary data (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            where,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it, e.g. iconv -f cp1252 -t utf-8",
        ) from exc


def _check_binary(text: str, where: str) -> None:
    if "\x00" in text:
        raise InputError(where, "binary data (contains NUL bytes)")
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    if sample and controls > 0.05 * len(sample):
        raise InputError(where, "binary data (too many control characters)")


def _field(record: Mapping[str, Any], name: str) -> Any:
    for key in _FIELD_ALIASES[name]:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _string_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _first_line_title(body: str) -> str | None:
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    first = first.lstrip("#").strip()
    return first if first and len(first) <= _MAX_TITLE_CHARS else None


def _size(max_bytes: int) -> str:
    if max_bytes >= 1024 * 1024:
        return f"{max_bytes / (1024 * 1024):g} MB"
    if max_bytes >= 1024:
        return f"{max_bytes / 1024:g} KB"
    return f"{max_bytes} bytes"
