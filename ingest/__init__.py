"""Read and understand articles: sources → nlp → actors, places, dates, events → Extraction.

The names below are the public API (notebooks and other programs import them from here).
They load on first use, so `import ingest` (or the model alone) does not pull in spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.errors import InputError, PolgraphError
    from ingest.jsonl import read_extractions, write_extractions
    from ingest.model import Actor, Article, Event, Extraction, Place
    from ingest.nlp import load_pipeline
    from ingest.pipeline import ExtractOptions, extract_articles, extract_paths
    from ingest.sources import InputNote, read_sources

_HOMES = {
    "Actor": "ingest.model",
    "Article": "ingest.model",
    "Event": "ingest.model",
    "Extraction": "ingest.model",
    "Place": "ingest.model",
    "InputError": "ingest.errors",
    "InputNote": "ingest.sources",
    "PolgraphError": "ingest.errors",
    "read_extractions": "ingest.jsonl",
    "write_extractions": "ingest.jsonl",
    "load_pipeline": "ingest.nlp",
    "ExtractOptions": "ingest.pipeline",
    "extract_articles": "ingest.pipeline",
    "extract_paths": "ingest.pipeline",
    "read_sources": "ingest.sources",
}

__all__ = [
    "Actor",
    "Article",
    "Event",
    "ExtractOptions",
    "Extraction",
    "InputError",
    "InputNote",
    "Place",
    "PolgraphError",
    "extract_articles",
    "extract_paths",
    "load_pipeline",
    "read_extractions",
    "read_sources",
    "write_extractions",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'ingest' has no attribute {name!r}")
    return getattr(import_module(home), name)
