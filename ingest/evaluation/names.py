"""When a predicted actor or place name counts as one of a gold list's names.

Names are compared folded: lower case, accents dropped, any run of punctuation or spaces
one space ("U.S." → "u s", "Kim Jong-un" → "kim jong un"). A predicted name then matches
a gold name, from strongest to weakest, when

- both are the same (`EXACT`);
- one is the other's words in a row ("Government of Chile" contains "Chile"), and the
  shorter one has a word that is not generic (`CONTAINED`; `data/generic_name_words.txt`);
- both end in the same word of four letters or more that is not generic ("President
  Maduro" and "Nicolás Maduro"; not "Foreign Minister" and "Prime Minister") (`SURNAME`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

NO_MATCH, SURNAME, CONTAINED, EXACT = 0, 1, 2, 3
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """The words that identify no one alone (the data file, comments left out)."""
    text = (resources.files("ingest") / "data" / "generic_name_words.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=16384)
def folded_name(name: str) -> str:
    """'Kim Jong-un' → 'kim jong un'; 'U.S.' → 'u s'; 'José' → 'jose'."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_ALNUM.sub(" ", plain.lower()).strip()


def name_match(predicted: str, gold: str) -> int:
    """How strongly `predicted` matches `gold`: EXACT, CONTAINED, SURNAME or NO_MATCH."""
    mine, theirs = folded_name(predicted), folded_name(gold)
    if not mine or not theirs:
        return NO_MATCH
    if mine == theirs:
        return EXACT
    generic = generic_words()
    shorter, longer = sorted((mine, theirs), key=len)
    if f" {shorter} " in f" {longer} " and any(w not in generic for w in shorter.split()):
        return CONTAINED
    last = theirs.rsplit(" ", 1)[-1]
    if (
        mine.rsplit(" ", 1)[-1] == last
        and last not in generic
        and sum(c.isalpha() for c in last) >= 4
    ):
        return SURNAME
    return NO_MATCH


def best_match(predicted: str | None, gold: Iterable[str] | None) -> int:
    """The strongest match of `predicted` against any of the gold names."""
    if predicted is None or gold is None:
        return NO_MATCH
    return max((name_match(predicted, name) for name in gold), default=NO_MATCH)


def same_participant(predicted: str | None, gold: Iterable[str] | None) -> bool:
    """A source or target agrees: both absent, or the name matches a gold name."""
    if gold is None:
        return predicted is None
    return best_match(predicted, gold) > NO_MATCH
