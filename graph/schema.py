"""The graph schema networkx and Neo4j share: node types, labels, relationship types, which
model fields are edges rather than properties, and the country actor an affiliation points to.

`graph.build` (networkx) and `graph.store` (Neo4j) both read these, so the two stores cannot
drift apart: the same records give the same nodes, names and edges in either.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ingest.model import ACTOR_KINDS, Actor, Extraction, actor_id

# the Neo4j label of each node type (`node_type` in networkx), and of each actor kind
NODE_LABELS = {"actor": "Actor", "event": "Event", "place": "Place", "article": "Article"}
ACTOR_LABELS = {kind: kind.capitalize() for kind in ACTOR_KINDS}

# Model fields that name another record: they become edges, not node properties.
EVENT_LINKS = ("source", "target", "place", "reporter")
PLACE_LINKS = ("within",)
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
