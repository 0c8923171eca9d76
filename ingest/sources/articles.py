"""One Article from decoded input: plain text with a header, an HTML page, a JSON record."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import trafilatura

from ingest.dates import parse_date
from ingest.errors import InputError
from ingest.model import Article, article_id
from ingest.sources.decoding import check_binary
from ingest.sources.language import not_english_prose

_HEADER_LINE = re.compile(
    r"^(title|url|link|published|date|source|author|note)[ \t]*:[ \t]*(.*)$", re.IGNORECASE
)
_HEADER_FIELDS = {"title": "title", "url": "url", "link": "url", "published": "published"}
_HEADER_FIELDS |= {"date": "published", "source": "source"}
_MAX_TITLE_CHARS = 200
# A published date longer than this is no date; it is not handed to the date parser.
_MAX_DATE_CHARS = 100

FIELD_ALIASES: Mapping[str, tuple[str, ...]] = {
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


def article_from_text(text: str, where: str) -> Article:
    """An Article from plain text with an optional `Key: value` header block."""
    check_binary(text, where)
    fields, body = split_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    body = body.strip()
    if not body:
        raise InputError(where, "empty file" if not fields else "header but no article text")
    title = fields.get("title") if fields else _first_line_title(body)
    return make_article(
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
    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except RecursionError as exc:
        raise InputError(where, "HTML nested too deeply to read") from exc
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise InputError(where, "no article text found in the HTML page")
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return make_article(
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
        names = "/".join(FIELD_ALIASES["text"])
        raise InputError(where, f"record has no article text (looked for {names})")
    if not isinstance(text, str):
        raise InputError(where, f"article text is a {type(text).__name__}, not a string")
    check_binary(text, where)
    if not text.strip():
        raise InputError(where, "article text is empty")
    source = _field(record, "source")
    if isinstance(source, Mapping):  # NewsAPI: {"id": ..., "name": ...}
        source = source.get("name")
    return make_article(
        text.replace("\r\n", "\n").strip(),
        where,
        _string_or_none(_field(record, "title")),
        _string_or_none(_field(record, "url")),
        _field(record, "published"),
        _string_or_none(source),
    )


def make_article(
    text: str,
    where: str,
    title: str | None,
    url: str | None,
    published: object,
    source: str | None,
) -> Article:
    """The Article for `text` and its metadata, once the text is known to be English prose."""
    problem = not_english_prose(text)
    if problem is not None:
        raise InputError(where, problem)
    if isinstance(published, str) and len(published) > _MAX_DATE_CHARS:
        published = None
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


def _field(record: Mapping[str, Any], name: str) -> Any:
    for key in FIELD_ALIASES[name]:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _string_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _first_line_title(body: str) -> str | None:
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    first = first.lstrip("#").strip()
    return first if first and len(first) <= _MAX_TITLE_CHARS else None
