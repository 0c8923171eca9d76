"""The types every polgraph stage exchanges: Article → Extraction(actors, places, events).

All are small frozen dataclasses with `to_dict` / `from_dict` for the JSON Lines contract
(see README "Output contract"). Ids are deterministic functions of content, so running the
same input twice yields the same ids in files, in networkx and in Neo4j.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date
from functools import cache, lru_cache
from typing import Any, Literal, Self, cast

ActorKind = Literal["person", "organization", "country", "group"]
PlaceKind = Literal["country", "city", "region", "facility", "other"]
Modality = Literal["asserted", "planned", "hypothetical", "reported"]

ACTOR_KINDS: tuple[ActorKind, ...] = ("person", "organization", "country", "group")
PLACE_KINDS: tuple[PlaceKind, ...] = ("country", "city", "region", "facility", "other")
MODALITIES: tuple[Modality, ...] = ("asserted", "planned", "hypothetical", "reported")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip accents and collapse whitespace: 'José  Antonio' → 'jose antonio'.

    Cached: the extractor folds the same few thousand words again and again.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def slug(text: str) -> str:
    """A readable id fragment: 'José Antonio Kast' → 'jose-antonio-kast'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def short_hash(text: str, length: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def article_id(url: str | None, text: str) -> str:
    """Stable article id: the URL when given, else the whitespace-normalized text."""
    basis = url.strip() if url and url.strip() else " ".join(text.split())
    return "article:" + short_hash(basis)


def actor_id(kind: str, name: str, country: str | None = None) -> str:
    """`country:CHL` for countries, else `kind:slug-of-name` (stable across articles)."""
    if kind == "country" and country:
        return f"country:{country}"
    return f"{kind}:{slug(name)}"


def place_id(kind: str, name: str, country: str | None) -> str:
    """`place:ECU` for a country, `place:city:ECU:quito` for anything inside one."""
    if kind == "country" and country:
        return f"place:{country}"
    return f"place:{kind}:{country or 'XXX'}:{slug(name)}"


def mention_id(article: str, start: int, cameo: str, source: str, target: str | None) -> str:
    """Stable id of one mention (an extracted `Event`) from the article, the trigger offset
    and the coded dyad. The graph's events, which group the mentions of one act across
    articles, have `event:` ids of their own (graph.events)."""
    return "mention:" + short_hash(f"{article}|{start}|{cameo}|{source}|{target or ''}")


def preferred_name(names: Iterable[str]) -> str:
    """The name an actor goes by when several spellings meet: the most characters, then the
    most accented ("José" over "Jose"), then the alphabetically first.

    The one rule for every merge: within an article, across articles in networkx, and in
    Neo4j (where `graph.store`'s Cypher spells the same ranking), so the order in which
    articles arrive never changes a name.
    """
    return min(names, key=_name_rank)


def _name_rank(name: str) -> tuple[int, int, str]:
    return (-len(name), -sum(1 for c in name if c > "~"), name)


def _date_or_none(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _choice(values: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in values:
            raise ValueError(f"{value!r} is not one of {', '.join(values)}")
        return str(value)

    return check


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


# How a JSON value becomes a field value, by the field's annotation (the model's only types).
_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "str": str,
    "str | None": _optional(str),
    "int": int,
    "float": float,
    "float | None": _optional(float),
    "bool": bool,
    "date | None": _date_or_none,
    "tuple[str, ...]": lambda value: tuple(value or ()),
    "ActorKind": _choice(ACTOR_KINDS),
    "PlaceKind": _choice(PLACE_KINDS),
    "Modality": _choice(MODALITIES),
}


class Record:
    """JSON round-trip derived from the dataclass fields, so each field is listed once.

    `to_dict` gives the fields in declaration order with dates as ISO strings and tuples as
    lists; `from_dict` converts by annotation, fills defaults for absent keys and rejects
    values outside a Literal (an unknown actor kind, a misspelt modality).
    """

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            name: _json_value(getattr(self, name)) for name in _field_names(cast(type, type(self)))
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        values: dict[str, Any] = {}
        for name, convert, required in _field_plan(cast(type, cls)):
            value = data.get(name)
            if value is not None:
                values[name] = convert(value)
            elif required:
                if name not in data:
                    raise KeyError(name)
                values[name] = None
        return cls(**values)


@cache
def _field_names(record_type: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cast(Any, record_type)))


@cache
def _field_plan(record_type: type) -> tuple[tuple[str, Callable[[Any], Any], bool], ...]:
    """Each field's name, converter and whether it has no default, worked out once per
    class: reading a large extraction builds millions of records, and `fields()` with the
    converter lookup per value was a fifth of the time of a bulk export."""
    return tuple(
        (
            f.name,
            _CONVERTERS[str(f.type)],
            f.default is MISSING and f.default_factory is MISSING,
        )
        for f in fields(cast(Any, record_type))
    )


@dataclass(frozen=True, slots=True)
class Article(Record):
    """One news article as read from a file, a JSON record or stdin.

    `text` is not part of the JSON contract: `to_dict` leaves it out unless asked.
    """

    id: str
    title: str | None
    url: str | None
    published: date | None
    source: str | None
    text: str = ""
    path: str | None = None

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        out = Record.to_dict(self)
        if not with_text:
            del out["text"]
        return out


@dataclass(frozen=True, slots=True)
class Actor(Record):
    """A political actor: person, organization, country or group."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place(Record):
    """A resolved location; `within` is the id of the enclosing place, if known."""

    id: str
    name: str
    kind: PlaceKind
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    within: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Record):
    """One mention of a coded interaction: source actor does CAMEO `cameo` to target, as one
    sentence of one article reports it (id `mention:…`). The graph layers group the mentions
    of the same act across sentences and articles into one event (graph.events).

    `start`/`end` are character offsets of the sentence in the article text; `trigger`
    is the word or phrase that matched the lexicon. Fields are keyword-only and declared
    in the order of the JSON contract.
    """

    id: str
    cameo: str
    label: str
    quad_class: int
    goldstein: float
    source: str
    target: str | None = None
    place: str | None = None
    date: date | None = None
    date_text: str | None = None
    negated: bool = False
    modality: Modality = "asserted"
    reporter: str | None = None
    sentence: str
    start: int
    end: int
    confidence: float = 0.5
    trigger: str | None = None

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("04" for "042")."""
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything polgraph found in one article; the unit every later stage consumes."""

    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "places": [p.to_dict() for p in self.places],
            "events": [e.to_dict() for e in self.events],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        return cls(
            article=Article.from_dict(data["article"]),
            actors=tuple(Actor.from_dict(a) for a in data.get("actors") or ()),
            places=tuple(Place.from_dict(p) for p in data.get("places") or ()),
            events=tuple(Event.from_dict(e) for e in data.get("events") or ()),
        )
