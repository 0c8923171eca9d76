"""The graph schema networkx and Neo4j share: node types, labels, relationship types, which
fields are edges rather than properties, and the country actor an affiliation points to.

`graph.build` (networkx) and `graph.store` (Neo4j) both read these, so the two stores cannot
drift apart: the same records give the same nodes, names and edges in either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from ingest.model import ACTOR_KINDS, Actor, Event, Extraction, actor_id

# the Neo4j label of each node type (`node_type` in networkx), and of each actor kind
NODE_LABELS = {"actor": "Actor", "event": "Event", "place": "Place", "article": "Article"}
ACTOR_LABELS = {kind: kind.capitalize() for kind in ACTOR_KINDS}

# Fields that name other records: they become edges, not node properties. An event
# (graph.events.EventGroup) links its actors (SOURCE_OF, TARGETS, REPORTED_BY), its place
# (OCCURRED_IN) and its mentions, each a REPORTED_IN relationship to the mention's article.
EVENT_LINKS = ("source", "target", "place", "reporters", "mentions")
PLACE_LINKS = ("within",)
# A REPORTED_IN relationship carries every field of its mention (ingest.model.Event), the
# mention's id under this name; networkx keys the edge by it (an article can report an
# event twice, in its lead and in a later sentence).
REPORT_ID = "mention"
# Article fields kept out of both graphs: the full text stays in the extraction file.
ARTICLE_UNSTORED = ("text",)


@dataclass(frozen=True, slots=True)
class Affiliation:
    """An actor's AFFILIATED_WITH edge to the country actor of its `country`."""

    actor: str
    country: Actor
    role: str | None


def affiliations(extraction: Extraction) -> Iterator[Affiliation]:
    """Every non-country actor with a country, pointing at that country's actor.

    The country actor is the one the extraction carries (id `country:ISO3`, named from the
    project's country table). An older extraction file may lack it; then the target is a
    country actor named by its ISO3 code, which a real name merged later replaces (the
    preferred name has the most characters). The role is the actor's first (main) role in
    this extraction; where several articles give the same edge, both stores keep the
    alphabetically first of their roles, so the result does not depend on article order.
    """
    countries = {actor.id: actor for actor in extraction.actors if actor.kind == "country"}
    for actor in extraction.actors:
        if actor.kind == "country" or not actor.country:
            continue
        country_id = actor_id("country", actor.country, actor.country)
        country = countries.get(country_id) or Actor(
            country_id, actor.country, "country", actor.country
        )
        yield Affiliation(actor.id, country, actor.roles[0] if actor.roles else None)


def edge_key(relationship: str, props: Mapping[str, Any]) -> str:
    """How networkx keys an edge of a MultiDiGraph: REPORTED_IN by its mention id (an event
    has one per report), every other relationship by its type (one per pair of nodes)."""
    if relationship == "REPORTED_IN" and props.get(REPORT_ID):
        return str(props[REPORT_ID])
    return relationship


def field_names(record: Any) -> tuple[str, ...]:
    """The field names of a dataclass record, in declaration order (cached per class: the
    loader asks for them once per record, and dataclasses.fields is slow)."""
    record_type: Any = type(record)
    return _field_names(record_type)


@cache
def _field_names(record_type: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(record_type))


def report_fields(mention: Event, as_json: bool = False) -> dict[str, Any]:
    """A mention's fields as its REPORTED_IN relationship holds them, `id` as `mention`:
    typed values (Neo4j stores dates as DATE), or with `as_json` the JSON contract's."""
    if as_json:
        values = mention.to_dict()
    else:
        values = {name: getattr(mention, name) for name in field_names(mention)}
    return {REPORT_ID: values.pop("id"), **values}
