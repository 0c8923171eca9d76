"""Name matching: folded name words, spellings in a Doc, and the alias index of known actors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span

from ingest.model import fold

# lower-case words inside personal names ("Luiz Inácio Lula da Silva", "Ahmed al-Sharaa")
PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "van",
        "von",
        "der",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "di",
        "du",
        "ibn",
        "abu",
        "ben",
    }
)


def name_tokens(text: str) -> list[str]:
    """The folded words of a name, possessive and punctuation dropped: "Kast's" → ["kast"]."""
    text = re.sub(r"['’]s\b", "", text)
    return [t for t in re.split(r"[^\w]+", fold(text)) if t]


def proper_noun_runs(doc: Doc, excluded: set[int] | frozenset[int]) -> list[Span]:
    """Runs of capitalised proper nouns (name particles inside: "Lula da Silva") that
    touch none of the `excluded` tokens."""
    out: list[Span] = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in excluded or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            i += 1
            continue
        j = i
        while (
            j < len(doc)
            and j not in excluded
            and (
                (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper())
                or (doc[j].lower_ in PARTICLES and j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN")
            )
        ):
            j += 1
        out.append(doc[i:j])
        i = max(j, i + 1)
    return out


def looks_like_name(span: Span) -> bool:
    """Two to six capitalised words, particles aside ("Hugo de Zela", not "the talks")."""
    words = [t for t in span if t.lower_ not in PARTICLES]
    return 1 < len(span) <= 6 and all(t.text[:1].isupper() and t.is_alpha for t in words)


def spelling_at(doc: Doc, start: int, words: tuple[str, ...]) -> Span | None:
    """The span from `start` whose name words are exactly `words` ("al-Sharaa", "U.N.")."""
    seen: list[str] = []
    end = start
    while end < len(doc) and len(seen) < len(words):
        seen.extend(name_tokens(doc[end].text))
        end += 1
        if seen != list(words[: len(seen)]):
            return None
    return doc[start:end] if seen == list(words) else None


class DictionaryEntryLike(Protocol):
    """An actor dictionary entry (ingest.dictionary.DictionaryEntry, or a person cluster)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def country(self) -> str | None: ...
    @property
    def roles(self) -> tuple[str, ...]: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class AliasIndex:
    """Folded alias token sequences → dictionary entry, for scanning a Doc."""

    by_first_token: dict[str, list[tuple[tuple[str, ...], DictionaryEntryLike]]]
    by_alias: dict[str, DictionaryEntryLike]

    @classmethod
    def build(cls, entries: Iterable[DictionaryEntryLike]) -> AliasIndex:
        by_first: dict[str, list[tuple[tuple[str, ...], DictionaryEntryLike]]] = {}
        by_alias: dict[str, DictionaryEntryLike] = {}
        for entry in entries:
            for alias in {entry.name, *entry.aliases}:
                tokens = tuple(name_tokens(alias))
                if not tokens:
                    continue
                by_alias.setdefault(" ".join(tokens), entry)
                by_first.setdefault(tokens[0], []).append((tokens, entry))
        for options in by_first.values():
            options.sort(key=lambda item: len(item[0]), reverse=True)
        return cls(by_first, by_alias)

    def lookup(self, text: str) -> DictionaryEntryLike | None:
        return self.by_alias.get(" ".join(name_tokens(text)))
