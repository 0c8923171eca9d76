"""Extractions → one networkx MultiDiGraph, merging the same actor and place across articles.

The graph mirrors the Neo4j schema (see README): nodes carry `node_type` (`actor`,
`event`, `place`, `article`) and their model fields; edges are keyed by relationship type
(`SOURCE_OF`, `TARGETS`, `OCCURRED_IN`, `WITHIN`, `REPORTED_IN`, `MENTIONED_IN`,
`AFFILIATED_WITH`). `relation_graph` folds it into one edge per ordered actor pair, the
view researchers look at first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ingest.errors import PolgraphError
from ingest.gazetteer import load_gazetteer
from ingest.model import Actor, Extraction, Place, actor_id

NODE_TYPES = ("actor", "event", "place", "article")
RELATIONSHIP_TYPES = (
    "SOURCE_OF",
    "TARGETS",
    "OCCURRED_IN",
    "WITHIN",
    "REPORTED_IN",
    "MENTIONED_IN",
    "AFFILIATED_WITH",
)


def _name_rank(name: str) -> tuple[int, int, str]:
    """Longest name first, then the accented spelling, then alphabetical (as the store does)."""
    accented = sum(1 for c in name if ord(c) > 127)
    return (-len(name), -accented, name)


def merge_actor(existing: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """Merged node attributes for an actor seen again; the same whatever the article order."""
    name = min([existing["name"], actor.name], key=_name_rank)
    countries = sorted(c for c in (existing["country"], actor.country) if c)
    return {
        **existing,
        "name": name,
        "country": countries[0] if countries else None,
        "roles": sorted({*existing["roles"], *actor.roles}),
        "aliases": sorted(
            {*existing["aliases"], *actor.aliases, existing["name"], actor.name} - {name}
        ),
    }


def _actor_attrs(actor: Actor) -> dict[str, Any]:
    return {
        "node_type": "actor",
        "name": actor.name,
        "kind": actor.kind,
        "country": actor.country,
        "roles": sorted(actor.roles),
        "aliases": sorted(set(actor.aliases) - {actor.name}),
    }


def _place_attrs(place: Place) -> dict[str, Any]:
    attrs = place.to_dict()
    attrs.pop("id")
    attrs.pop("within")
    return {"node_type": "place", **attrs}


def add_extraction(graph: nx.MultiDiGraph, extraction: Extraction) -> None:
    """Add one article's records to `graph`, merging actors and places by id."""
    article = extraction.article
    graph.add_node(article.id, node_type="article", **_without_id(article.to_dict()))
    for actor in extraction.actors:
        if actor.id in graph:
            graph.nodes[actor.id].update(merge_actor(graph.nodes[actor.id], actor))
        else:
            graph.add_node(actor.id, **_actor_attrs(actor))
        graph.add_edge(actor.id, article.id, key="MENTIONED_IN", type="MENTIONED_IN")
        if actor.kind != "country" and actor.country:
            country = actor_id("country", actor.country, actor.country)
            if country not in graph:
                graph.add_node(country, **_country_attrs(actor.country))
            role = actor.roles[0] if actor.roles else None
            graph.add_edge(
                actor.id, country, key="AFFILIATED_WITH", type="AFFILIATED_WITH", role=role
            )
    for place in extraction.places:
        if "node_type" not in graph.nodes.get(place.id, {}):
            # (a place may already exist as a bare WITHIN endpoint from an earlier article)
            graph.add_node(place.id, **_place_attrs(place))
    for place in extraction.places:
        if place.within:
            graph.add_edge(place.id, place.within, key="WITHIN", type="WITHIN")
    for event in extraction.events:
        attrs = event.to_dict()
        for key in ("id", "source", "target", "place", "reporter"):
            attrs.pop(key)
        attrs["article"] = article.id
        attrs["url"] = article.url
        attrs["title"] = article.title
        graph.add_node(event.id, node_type="event", **attrs)
        graph.add_edge(event.source, event.id, key="SOURCE_OF", type="SOURCE_OF")
        if event.target:
            graph.add_edge(event.id, event.target, key="TARGETS", type="TARGETS")
        if event.place:
            graph.add_edge(event.id, event.place, key="OCCURRED_IN", type="OCCURRED_IN")
        graph.add_edge(event.id, article.id, key="REPORTED_IN", type="REPORTED_IN")


def _without_id(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "id"}


def _country_attrs(iso3: str) -> dict[str, Any]:
    """Attributes for a country actor known only through another actor's affiliation."""
    try:
        name = load_gazetteer().country_name(iso3)
    except PolgraphError:
        name = iso3
    return {
        "node_type": "actor",
        "name": name,
        "kind": "country",
        "country": iso3,
        "roles": [],
        "aliases": [],
    }


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """The merged event graph of many articles (actors, events, places, articles)."""
    graph = nx.MultiDiGraph()
    for extraction in extractions:
        add_extraction(graph, extraction)
    return graph


@dataclass
class DyadSummary:
    """Aggregate of all events from one actor to another (the relationship map's edge)."""

    count: int = 0
    goldstein_sum: float = 0.0
    first_date: str | None = None
    last_date: str | None = None
    roots: dict[str, int] = field(default_factory=dict)
    events: list[str] = field(default_factory=list)

    @property
    def goldstein_mean(self) -> float:
        return self.goldstein_sum / self.count if self.count else 0.0


def event_dyads(graph: nx.MultiDiGraph) -> dict[tuple[str, str], DyadSummary]:
    """Every (source, target) actor pair with the events between them, in date order."""
    dyads: dict[tuple[str, str], DyadSummary] = {}
    for node, attrs in graph.nodes(data=True):
        if attrs.get("node_type") != "event":
            continue
        sources = [u for u, _, k in graph.in_edges(node, keys=True) if k == "SOURCE_OF"]
        targets = [v for _, v, k in graph.out_edges(node, keys=True) if k == "TARGETS"]
        for source in sources:
            for target in targets:
                summary = dyads.setdefault((source, target), DyadSummary())
                summary.count += 1
                summary.goldstein_sum += float(attrs.get("goldstein") or 0.0)
                root = str(attrs.get("cameo", ""))[:2]
                summary.roots[root] = summary.roots.get(root, 0) + 1
                summary.events.append(node)
                day = attrs.get("date")
                if day:
                    summary.first_date = min(filter(None, [summary.first_date, day]))
                    summary.last_date = max(filter(None, [summary.last_date, day]))
    for summary in dyads.values():
        summary.events.sort(key=lambda e: (graph.nodes[e].get("date") or "", e))
    return dyads


def dyad_fields(
    graph: nx.MultiDiGraph, source: str, target: str, summary: DyadSummary
) -> dict[str, Any]:
    """The columns every per-pair table shares: both actors by id and name, the Goldstein
    sum and mean, and the first and last date (analytics.dyads, export.relation_table)."""
    return {
        "source_id": source,
        "source_name": graph.nodes[source].get("name", source),
        "target_id": target,
        "target_name": graph.nodes[target].get("name", target),
        "goldstein_sum": summary.goldstein_sum,
        "goldstein_mean": summary.goldstein_mean,
        "first_date": summary.first_date,
        "last_date": summary.last_date,
    }


def relation_graph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Actors as nodes, one edge per ordered actor pair aggregating its events."""
    relations = nx.DiGraph()
    for node, attrs in graph.nodes(data=True):
        if attrs.get("node_type") == "actor":
            relations.add_node(node, **attrs)
    for (source, target), summary in event_dyads(graph).items():
        relations.add_edge(
            source,
            target,
            count=summary.count,
            goldstein_sum=summary.goldstein_sum,
            goldstein_mean=summary.goldstein_mean,
            first_date=summary.first_date,
            last_date=summary.last_date,
            roots=dict(sorted(summary.roots.items())),
            events=list(summary.events),
        )
    return relations
