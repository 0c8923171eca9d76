"""The word lists and recoding tables the event rules read, loaded once from ingest/data/.

modality.yaml: planning, hypothetical, reporting and negating words, and light verbs;
intent_codes.yaml: what a planned or demanded act is coded as.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


def _read_yaml(name: str) -> Any:
    path = resources.files("ingest") / "data" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ModalityWords:
    """The word lists of ingest/data/modality.yaml."""

    planned_verbs: frozenset[str]
    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    hypothetical_marks: frozenset[str]
    obliging_aux: frozenset[str]
    reporting_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    negating_nouns: frozenset[str]
    negations: frozenset[str]
    negative_pronouns: frozenset[str]
    light_verbs: frozenset[str]
    copulas: frozenset[str]
    control_adjectives: frozenset[str]
    ultimatum_marks: frozenset[str]
    frame_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_modality_words() -> ModalityWords:
    data = _read_yaml("modality.yaml")
    return ModalityWords(**{key: frozenset(map(str, values)) for key, values in data.items()})


@dataclass(frozen=True)
class IntentCodes:
    """ingest/data/intent_codes.yaml: what a planned or demanded act is coded as."""

    planned: dict[str, str]
    demanded: dict[str, str]
    alleged: dict[str, str]  # acts that, told by someone else, are that one's accusation
    refused: dict[str, str]  # cooperative acts said not to be done: a rejection (12x)
    ultimatum: str  # an act planned unless a condition is met, not already a threat
    directed_codes: tuple[str, ...]  # code prefixes of acts done to someone
    mutual_codes: tuple[str, ...]  # code prefixes of acts "X and Y" do with each other
    obligation: str  # "X said Y must <an act the lexicon does not code>": a demand

    @staticmethod
    def recode(code: str, table: dict[str, str]) -> str | None:
        """The table's code for the longest prefix of `code` it lists ("1313" → "13")."""
        for length in range(len(code), 1, -1):
            if code[:length] in table:
                return table[code[:length]]
        return None


@lru_cache(maxsize=1)
def load_intent_codes() -> IntentCodes:
    data = _read_yaml("intent_codes.yaml")
    return IntentCodes(
        planned=dict(data["planned"]),
        demanded=dict(data["demanded"]),
        alleged=dict(data["alleged"]),
        refused=dict(data["refused"]),
        ultimatum=str(data["ultimatum"]),
        directed_codes=tuple(map(str, data["directed_codes"])),
        mutual_codes=tuple(map(str, data["mutual_codes"])),
        obligation=str(data["obligation"]),
    )
