"""Read articles from text, Markdown, HTML, JSON and JSON Lines files, folders and stdin.

Every reader returns `ingest.model.Article`s with the text left exactly as the extractor
will see it (character offsets point into `Article.text`). Bad input never stops a batch:
`read_sources` yields an `InputError` in stream order for each file or record that cannot
be read, and goes on with the rest. Something worth knowing about an input that was read
all the same (an encoding guessed) is an `InputNote`, handed to the `on_note` sink
(default: one warning line on stderr through the `ingest.sources` logger).

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
  Field aliases are in `FIELD_ALIASES`. A bad record is reported as `file:N` (N counts
  records from 1 in `.json`, lines from 1 in `.jsonl`); the other records go through.
- Folders are walked recursively in sorted order. Hidden files and folders, unknown
  extensions and README/LICENSE/CHANGELOG-style files are skipped silently; a file named
  explicitly is always read (an unknown extension is then an error).
- `-` reads stdin: JSON (or JSON Lines) when it starts with `{` or `[`, HTML when it
  starts with `<!doctype` or `<html`, else text with an optional header.

Encodings: a byte-order mark (UTF-8, UTF-16, UTF-32) is obeyed; else UTF-8; else chardet
guesses among today's web encodings (cp1252, cp1251, koi8-r, shift_jis, gb18030, ...) and
a note names the one used. HTML pages without a mark go to trafilatura as bytes.

Rejected with one `InputError` each: missing or unreadable paths, empty input, binary
data (NUL bytes without a UTF-16/32 mark, or many control characters), bytes no encoding
fits, JSON nested too deeply to parse, input over `max_bytes` (per file, stdin stream or
JSONL line; split big `.json` documents or use `.jsonl`), text that is not prose (fewer
than three words, mostly numbers or symbols, a table or code) and text in another language
(named, e.g. "no English prose found (the text is in French: fr, probability 0.99)";
see `ingest.sources.language`).
An unparseable published date is not an error: the article gets `published=None`.
Reading the same article twice gives the same `Article.id`; de-duplication is left to the
caller.
"""

from __future__ import annotations

from ingest.sources.articles import (
    FIELD_ALIASES,
    article_from_html,
    article_from_record,
    article_from_text,
    split_header,
)
from ingest.sources.language import identify_language, looks_like_english_prose
from ingest.sources.notes import InputNote, NoteSink, log_note
from ingest.sources.readers import (
    DEFAULT_MAX_BYTES,
    KNOWN_SUFFIXES,
    STDIN_LABEL,
    read_file,
    read_html_file,
    read_json_file,
    read_jsonl_file,
    read_sources,
    read_stream,
    read_text_file,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FIELD_ALIASES",
    "KNOWN_SUFFIXES",
    "STDIN_LABEL",
    "InputNote",
    "NoteSink",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "identify_language",
    "log_note",
    "looks_like_english_prose",
    "read_file",
    "read_html_file",
    "read_json_file",
    "read_jsonl_file",
    "read_sources",
    "read_stream",
    "read_text_file",
    "split_header",
]
