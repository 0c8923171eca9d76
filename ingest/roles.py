"""Role titles, descriptors, generic actor nouns and news media, from `ingest/data/*.yaml`.

The data decides what counts as a title ("Foreign Minister"), a generic actor ("police",
"protesters") or a news outlet ("Reuters", "the daily Kommersant"); this module only
compiles it into lookups and regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ingest.errors import ConfigError
from ingest.model import ActorKind, fold


@dataclass(frozen=True, slots=True)
class GenericNoun:
    """A common noun naming an actor; `government` nouns stand for their country."""

    lemma: str
    kind: ActorKind
    government: bool


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, used as a cache key
class RoleBook:
    """Compiled role titles: canonical spelling by folded form, and a title regex."""

    titles: dict[str, str]  # folded title → canonical spelling
    leader_titles: frozenset[str]  # folded titles "the leaders" can refer to
    title_pattern: str  # alternation of titles, longest first (no groups)
    qualifier_pattern: str
    descriptor_pattern: str
    generic: dict[str, GenericNoun]  # lemma (possibly multi-word) → noun
    pronouns: dict[str, str]  # pronoun → person | collective | plural | speaker
    speech_verbs: frozenset[str]  # lemmas attributing a quote to their subject
    media_names: frozenset[str]  # `media_key` of news outlets and platforms
    outlet_nouns: frozenset[str]  # `media_key` of nouns naming an outlet ("newspaper")
    agency_nouns: frozenset[str]  # ... of nouns that make any phrase a reporter
    non_actor_names: frozenset[str]  # time zones and the like (exact spelling)
    document_nouns: frozenset[str]  # folded: "treaty", "communique"

    def is_media_name(self, text: str) -> bool:
        """'Reuters', 'the Associated Press', 'KCNA': a news outlet or platform by name."""
        return media_key(text) in self.media_names

    def names_outlet(self, words: str) -> bool:
        """Whether `words` contain an outlet noun ("Interfax news agency", "state TV")."""
        return _has_phrase(words, self.outlet_nouns)

    def names_agency(self, words: str) -> bool:
        """Whether `words` name a news agency ("Russian news agencies", "TASS agency")."""
        padded = media_key(words).split()
        return _has_phrase(words, self.agency_nouns) or any(
            self.is_media_name(" ".join(padded[i:j]))
            for i in range(len(padded))
            for j in range(i + 1, len(padded) + 1)
        )

    def canonical_title(self, text: str) -> str | None:
        """'presidents' → 'President', 'foreign minister' → 'Foreign Minister'."""
        folded = fold(text).replace("’", "'")
        if folded in self.titles:
            return self.titles[folded]
        if folded.endswith("s") and folded[:-1] in self.titles:
            return self.titles[folded[:-1]]
        return None

    def is_leader_title(self, title: str) -> bool:
        return fold(title) in self.leader_titles


def _has_phrase(words: str, phrases: frozenset[str]) -> bool:
    """Whether `words` contain one of `phrases`, its last word singular or plural."""
    padded = f" {media_key(words)} "
    forms = lambda p: (p, p + "s", p[:-1] + "ies" if p.endswith("y") else p)  # noqa: E731
    return any(f" {form} " in padded for phrase in phrases for form in forms(phrase))


def media_key(text: str) -> str:
    """The form media names are compared in: folded words, dots and a leading "the" gone."""
    words = [w for w in re.split(r"[^\w/]+", fold(text.replace(".", ""))) if w]
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def read_data_yaml(name: str) -> Any:
    """The parsed YAML file `ingest/data/<name>`; an unreadable file is a `ConfigError`."""
    path = resources.files("ingest") / "data" / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"ingest/data/{name}: cannot read ({exc})") from exc


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(
        re.escape(w).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?") for w in ordered
    )


@lru_cache(maxsize=1)
def load_rolebook() -> RoleBook:
    """The packaged role and generic-actor data, compiled once."""
    roles = read_data_yaml("roles.yaml")
    generic_data = read_data_yaml("generic_actors.yaml")
    media = read_data_yaml("media.yaml")
    non_actors = read_data_yaml("non_actors.yaml")
    titles: dict[str, str] = {}
    leaders: set[str] = set()
    for group, names in roles["titles"].items():
        for name in names:
            titles.setdefault(fold(name), name)
            if group == "leader":
                leaders.add(fold(name))
    generic: dict[str, GenericNoun] = {}
    for group, spec in generic_data.items():
        for lemma in spec["lemmas"]:
            generic[fold(lemma)] = GenericNoun(
                lemma=fold(lemma),
                kind=spec["kind"],
                government=group == "government",
            )
    pronouns = {
        fold(word): category for category, words in roles["pronouns"].items() for word in words
    }
    return RoleBook(
        titles=titles,
        leader_titles=frozenset(leaders),
        title_pattern=_alternation(list(titles.values())),
        qualifier_pattern=_alternation(roles["qualifiers"]),
        descriptor_pattern=_alternation(roles["descriptors"]),
        generic=generic,
        pronouns=pronouns,
        speech_verbs=frozenset(fold(str(v)) for v in roles["speech_verbs"]),
        media_names=frozenset(media_key(str(n)) for n in media["names"]),
        outlet_nouns=frozenset(media_key(str(n)) for n in media["outlet_nouns"]),
        agency_nouns=frozenset(media_key(str(n)) for n in media["agency_nouns"]),
        non_actor_names=frozenset(map(str, non_actors["names"])),
        document_nouns=frozenset(fold(str(n)) for n in non_actors["document_nouns"]),
    )
