"""What every actor rule may read: the article's tokens and sentences, the data, the regexes.

`ActorContext` is built once per article and never changes; the rules' results go to
`ingest.actors.mentions.Mentions`, which is passed to them explicitly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from ingest.actors.names import AliasIndex
from ingest.actors.offices import OfficeHolders
from ingest.model import Actor
from ingest.roles import RoleBook
from ingest.syntax import prep_objects


class Geography(Protocol):
    """What the actor stage needs from the gazetteer (see ingest.gazetteer)."""

    def country_code(self, text: str) -> str | None: ...
    def demonym_country(self, text: str) -> str | None: ...
    def capital_country(self, text: str) -> str | None: ...
    def city_country(self, text: str, min_population: int) -> str | None: ...
    def is_regional_demonym(self, text: str) -> bool: ...
    def continent(self, iso3: str) -> str | None: ...
    def country_name(self, iso3: str) -> str: ...
    def country_actor(self, iso3: str) -> Actor: ...


@dataclass(frozen=True)
class ActorResources:
    """The data the actor rules read, loaded once per run."""

    geo: Geography
    roles: RoleBook
    known: AliasIndex  # packaged well-known actors (background knowledge)
    user: AliasIndex  # user dictionary: overrides everything
    offices: OfficeHolders  # Phoenix's dated office holders (background knowledge by date)


@dataclass(frozen=True)
class ContextPatterns:
    """Regexes over the text around a name: titles before it, "of X" and appositions after."""

    left_title: re.Pattern[str]
    right_of: re.Pattern[str]
    right_appos: re.Pattern[str]
    role_np: re.Pattern[str]
    left_owner: re.Pattern[str]  # "Venezuela's" / "Venezuelan" right before an organization
    right_appos_of: re.Pattern[str]  # ", the leader of Hezbollah" after a name
    left_title_of: re.Pattern[str]  # "the foreign minister of Canada, " before a name
    left_title_posted: re.Pattern[str]  # "China's ambassador to New Zealand, " before a name


# a possessor ("Chile's", "the U.S.'s") or a demonym ("Chilean") in front of a noun
_OWNER = r"(?:(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s|(?P<dem>[A-Z][\w-]+))"


# what "of" names after a title: "Canada", "the Democratic Republic of Congo", "Lebanon's
# Hezbollah" (capitalised words, possessives inside)
_OF = r"(?P<of>[A-Z][\w.'’-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'’-]*){0,4})"


@lru_cache(maxsize=4)
def context_patterns(roles: RoleBook) -> ContextPatterns:
    """Compile the context regexes once per RoleBook (they are large alternations)."""
    title = rf"(?P<role>{roles.title_pattern})s?"
    desc = rf"(?:(?:{roles.descriptor_pattern})[\s,]+)*"
    qual = rf"(?P<qual>(?:{roles.qualifier_pattern})[\s-]+)?"
    owner = (
        r"(?:(?P<poss>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})\s?['’]s\s+"
        r"|(?P<dem>[A-Z][\w-]+(?:\s[A-Z][\w-]+)??)\s+)?"
    )
    return ContextPatterns(
        left_title=re.compile(rf"(?:^|[\s(“\"])(?-i:{owner})(?i:{desc}{qual}{title})\s+$"),
        right_of=re.compile(r"^\s+of\s+(?:the\s+)?(?P<country>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3})"),
        right_appos=re.compile(
            rf"^\s*,\s+(?:(?:the|a|an)\s+)?(?:{_OWNER}\s+)?(?i:{desc}{qual}(?:{title})?)"
        ),
        role_np=re.compile(
            rf"^(?i:(?:the|both|two|all)\s+)?(?:(?P<dem>[A-Z][\w-]+)\s+)?(?i:{desc}{qual}{title})$"
        ),
        left_owner=re.compile(rf"{_OWNER}\s+$"),
        right_appos_of=re.compile(
            rf"^\s*,\s+(?i:the|an?)\s+(?i:{desc}{qual}{title})\s+(?:of|for)\s+(?:the\s+)?{_OF}"
        ),
        left_title_of=re.compile(
            rf"(?:^|[\s(“\"])(?i:(?:the\s+)?{desc}{qual}{title})\s+(?:of|for)\s+(?:the\s+)?"
            rf"{_OF},?\s+$"
        ),
        left_title_posted=re.compile(
            rf"(?:^|[\s(“\"])(?-i:{owner})(?i:{desc}{qual}{title})\s+(?:to|in|at)\s+"
            rf"(?:the\s+)?{_OF},?\s+$"
        ),
    )


def owner_country(match: re.Match[str], geo: Geography) -> str | None:
    """The country of a regex match's `poss` ("Chile's") or else `dem` group: a demonym
    ("Chilean") or a country's name used as one ("the Cook Islands Prime Minister")."""
    dem = match.group("dem") or ""
    return (
        geo.country_code(match.group("poss") or "")
        or geo.demonym_country(dem)
        or (geo.country_code(dem) if dem[:1].isupper() else None)
    )


def token_demonym(tok: Token, geo: Geography) -> str | None:
    """The country a demonym token names ("Indian" → IND, "Korean" in "North Korean" →
    PRK), unless the words before it make it a region's ("South American", "West African",
    "Southeast Asian"): "American" after a region word is not the United States."""
    if not tok.text[:1].isupper():
        return None
    doc = tok.doc
    for width in (2, 1):  # the widest demonym ending here: "North Korean", "South American"
        if tok.i - width < 0 or not doc[tok.i - width].text[:1].isupper():
            continue
        words = doc[tok.i - width : tok.i + 1].text
        if geo.is_regional_demonym(words):
            return None
        code = geo.demonym_country(words)
        if code:
            return code
    return geo.demonym_country(tok.text)


def of_country(tok: Token, geo: Geography) -> str | None:
    """The country of an "of X" qualifier ("the president of Armenia", "the government of
    Iraq"): a role mention so qualified refers only to that country's office holder."""
    for obj in prep_objects(tok.rights, frozenset({"of"})):
        code = geo.country_code(obj.text)
        if code:
            return code
    return None


@dataclass(frozen=True)
class ActorContext:
    """One article as the actor rules read it, with the run's resources."""

    doc: Doc
    text: str  # Doc.text joins every token on each access
    skipped: frozenset[int]  # tokens in furniture and headings: never actors
    sentence_of: tuple[Span, ...]  # token index → its sentence (Token.sent walks the Doc)
    res: ActorResources
    patterns: ContextPatterns
    day: date | None = None  # the article's date: whose office background knowledge gives

    @classmethod
    def build(
        cls,
        doc: Doc,
        res: ActorResources,
        skip: Sequence[tuple[int, int]] = (),
        day: date | None = None,
    ) -> ActorContext:
        """The context of `doc`; tokens inside the `skip` char ranges are left out."""
        skipped = frozenset(t.i for t in doc if any(a <= t.idx < b for a, b in skip))
        sentence_of = tuple(sent for sent in doc.sents for _ in range(len(sent)))
        patterns = context_patterns(res.roles)
        return cls(doc, doc.text, skipped, sentence_of, res, patterns, day)

    def left_of(self, span: Span) -> str:
        """The sentence's text before `span`."""
        return self.text[self.sentence_of[span.start].start_char : span.start_char]

    def right_of(self, span: Span) -> str:
        """The sentence's text after `span`."""
        return self.text[span.end_char : self.sentence_of[span.start].end_char]
