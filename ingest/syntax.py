"""Dependency-parse lookups the actor and event rules share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token


def prep_objects(children: Iterable[Token], preps: frozenset[str]) -> Iterator[Token]:
    """Objects of the prepositions among `children` spelled as in `preps`: for
    `tok.rights` and {"of"}, "Iraq" in "the government of Iraq"."""
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            yield from (c for c in prep.children if c.dep_ == "pobj")
