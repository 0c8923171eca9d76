"""What the event rules read: the article's actors, places and dates, the lexicon, the words.

`EventContext` is built once per article by the pipeline; every rule takes it (or the part
of it it needs) explicitly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from spacy.tokens import Span, Token

from ingest.actors import ActorIndex
from ingest.events.words import IntentCodes, ModalityWords
from ingest.model import Article


class EntryLike(Protocol):
    """A trigger entry of the lexicon (ingest.lexicon.LexiconEntry); read-only."""

    @property
    def code(self) -> str: ...
    @property
    def particle(self) -> str | None: ...
    @property
    def objects(self) -> frozenset[str]: ...
    @property
    def prep(self) -> str | None: ...
    @property
    def xcomps(self) -> frozenset[str]: ...
    @property
    def genitive(self) -> str | None: ...
    @property
    def label(self) -> str: ...


class CodeLike(Protocol):
    """A row of the CAMEO codebook (ingest.lexicon.CameoCode); read-only."""

    @property
    def code(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def quad_class(self) -> int: ...
    @property
    def goldstein(self) -> float: ...


class LexiconLike(Protocol):
    """The lexicon lookups the rules use (ingest.lexicon.Lexicon)."""

    def entries_for_verb(self, lemma: str) -> Sequence[EntryLike]: ...
    def entries_for_noun(self, lemma: str) -> Sequence[EntryLike]: ...
    def entries_for_judgement(self, lemma: str) -> Sequence[EntryLike]: ...
    def code(self, code: str) -> CodeLike: ...


@dataclass(frozen=True)
class EventContext:
    """Per-article lookups the event rules need, built by the pipeline."""

    article: Article
    text: str  # what the parser read: the article's text, its dateline blanked (same offsets)
    actors: ActorIndex
    place_at: Callable[[Token], str | None]  # place id of a location token, if any
    date_of: Callable[[Span], tuple[date | None, str | None]]  # a DATE entity → date
    lexicon: LexiconLike
    words: ModalityWords
    place_country: Callable[[str], str | None]  # place id → country actor id
    demonym_country: Callable[[Token], str | None]  # "Indian" → country actor id
    intents: IntentCodes
