"""The word lists of scripts/data/petrarch_words.yaml (particles, auxiliaries, name casing …)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).resolve().parent / "data" / "petrarch_words.yaml"


@dataclass(frozen=True)
class Words:
    """Closed word classes the converters need; see the data file for what each is for."""

    particles: frozenset[str]
    auxiliaries: frozenset[str]
    conjunctions: frozenset[str]
    lower_name_particles: frozenset[str]
    upper_name_words: frozenset[str]
    institution_words: frozenset[str]
    office_words: frozenset[str]


@cache
def load_words() -> Words:
    """The lists, read once per run."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    return Words(**{key: frozenset(map(str, values)) for key, values in data.items()})
