"""The types every polgraph stage exchanges: Article → Extraction(actors, places, events).

All are small frozen dataclasses with `to_dict` / `from_dict` for the JSON Lines contract
(see README "Output contract"). Ids are deterministic functions of content, so running the
same input twice yields the same ids in files, in networkx and in Neo4j.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal, cast

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


def event_id(article: str, start: int, cameo: str, source: str, target: str | None) -> str:
    """Stable event id from the article, the trigger offset and the coded dyad."""
    return "event:" + short_hash(f"{article}|{start}|{cameo}|{source}|{target or ''}")


def _date_or_none(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file, a JSON record or stdin."""

    id: str
    title: str | None
    url: str | None
    published: date | None
    source: str | None
    text: str
    path: str | None = None

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": _iso(self.published),
            "source": self.source,
            "path": self.path,
        }
        if with_text:
            out["text"] = self.text
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            title=data.get("title"),
            url=data.get("url"),
            published=_date_or_none(data.get("published")),
            source=data.get("source"),
            text=data.get("text") or "",
            path=data.get("path"),
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """A political actor: person, organization, country or group."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        kind = data["kind"]
        if kind not in ACTOR_KINDS:
            raise ValueError(f"unknown actor kind {kind!r}")
        return cls(
            id=data["id"],
            name=data["name"],
            kind=cast(ActorKind, kind),
            country=data.get("country"),
            roles=tuple(data.get("roles") or ()),
            aliases=tuple(data.get("aliases") or ()),
        )


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location; `within` is the id of the enclosing place, if known."""

    id: str
    name: str
    kind: PlaceKind
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    within: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "within": self.within,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        kind = data["kind"]
        if kind not in PLACE_KINDS:
            raise ValueError(f"unknown place kind {kind!r}")
        lat, lon = data.get("lat"), data.get("lon")
        return cls(
            id=data["id"],
            name=data["name"],
            kind=cast(PlaceKind, kind),
            country=data.get("country"),
            lat=None if lat is None else float(lat),
            lon=None if lon is None else float(lon),
            within=data.get("within"),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """One coded interaction: source actor does CAMEO `cameo` to target, with provenance.

    `start`/`end` are character offsets of the sentence in the article text; `trigger`
    is the word or phrase that matched the lexicon.
    """

    id: str
    cameo: str
    label: str
    quad_class: int
    goldstein: float
    source: str
    target: str | None
    sentence: str
    start: int
    end: int
    place: str | None = None
    date: date | None = None
    date_text: str | None = None
    negated: bool = False
    modality: Modality = "asserted"
    reporter: str | None = None
    confidence: float = 0.5
    trigger: str | None = None

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("04" for "042")."""
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cameo": self.cameo,
            "label": self.label,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "source": self.source,
            "target": self.target,
            "place": self.place,
            "date": _iso(self.date),
            "date_text": self.date_text,
            "negated": self.negated,
            "modality": self.modality,
            "reporter": self.reporter,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "trigger": self.trigger,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        modality = data.get("modality") or "asserted"
        if modality not in MODALITIES:
            raise ValueError(f"unknown modality {modality!r}")
        return cls(
            id=data["id"],
            cameo=str(data["cameo"]),
            label=data["label"],
            quad_class=int(data["quad_class"]),
            goldstein=float(data["goldstein"]),
            source=data["source"],
            target=data.get("target"),
            sentence=data["sentence"],
            start=int(data["start"]),
            end=int(data["end"]),
            place=data.get("place"),
            date=_date_or_none(data.get("date")),
            date_text=data.get("date_text"),
            negated=bool(data.get("negated", False)),
            modality=cast(Modality, modality),
            reporter=data.get("reporter"),
            confidence=float(data.get("confidence", 0.5)),
            trigger=data.get("trigger"),
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything polgraph found in one article; the unit every later stage consumes."""

    article: Article
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = field(default=())

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
