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

from graph.schema import ARTICLE_UNSTORED, EVENT_LINKS, PLACE_LINKS, affiliations
from ingest.errors import PolgraphError
from ingest.model import Actor, Extraction, Record, fold, preferred_name


class UnknownActorError(PolgraphError):
    """No actor in the graph has this id, name or alias."""


def merge_actor(existing: dict[str, Any], actor: Actor) -> dict[str, Any]:
    """Merged node attributes for an actor seen again; the same whatever the article order."""
    name = preferred_name([existing["name"], actor.name])
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


def _node_attrs(node_type: str, record: Record, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """The record's JSON fields as node attributes (dates as ISO strings), without its id
    and the fields that are edges."""
    attrs = {k: v for k, v in record.to_dict().items() if k != "id" and k not in leave_out}
    return {"node_type": node_type, **attrs}


def _add_actor(graph: nx.MultiDiGraph, actor: Actor) -> None:
    if actor.id in graph:
        graph.nodes[actor.id].update(merge_actor(graph.nodes[actor.id], actor))
    else:
        attrs = _node_attrs("actor", actor)
        attrs["roles"] = sorted(actor.roles)
        attrs["aliases"] = sorted(set(actor.aliases) - {actor.name})
        graph.add_node(actor.id, **attrs)


def add_extraction(graph: nx.MultiDiGraph, extraction: Extraction) -> None:
    """Add one article's records to `graph`, merging actors and places by id."""
    article = extraction.article
    graph.add_node(article.id, **_node_attrs("article", article, ARTICLE_UNSTORED))
    links = {link.actor: link for link in affiliations(extraction)}
    for actor in extraction.actors:
        _add_actor(graph, actor)
        graph.add_edge(actor.id, article.id, key="MENTIONED_IN", type="MENTIONED_IN")
        link = links.get(actor.id)
        if link is None:
            continue
        _add_actor(graph, link.country)
        edge = graph.get_edge_data(link.actor, link.country.id, key="AFFILIATED_WITH") or {}
        roles = [role for role in (edge.get("role"), link.role) if role]
        graph.add_edge(
            link.actor,
            link.country.id,
            key="AFFILIATED_WITH",
            type="AFFILIATED_WITH",
            role=min(roles) if roles else None,
        )
    for place in extraction.places:
        if "node_type" not in graph.nodes.get(place.id, {}):
            # (a place may already exist as a bare WITHIN endpoint from an earlier article)
            graph.add_node(place.id, **_node_attrs("place", place, PLACE_LINKS))
    for place in extraction.places:
        if place.within:
            graph.add_edge(place.id, place.within, key="WITHIN", type="WITHIN")
    for event in extraction.events:
        attrs = _node_attrs("event", event, EVENT_LINKS)
        graph.add_node(event.id, **attrs, article=article.id, url=article.url, title=article.title)
        graph.add_edge(event.source, event.id, key="SOURCE_OF", type="SOURCE_OF")
        if event.target:
            graph.add_edge(event.id, event.target, key="TARGETS", type="TARGETS")
        if event.place:
            graph.add_edge(event.id, event.place, key="OCCURRED_IN", type="OCCURRED_IN")
        graph.add_edge(event.id, article.id, key="REPORTED_IN", type="REPORTED_IN")


def find_actors(graph: nx.Graph, actor: str) -> list[str]:
    """Ids of the actors `actor` names: an actor id, or a name or alias equal to it when
    case and accents are ignored (as Neo4j's `lookup` keys match).

    Several actors can match ("Kast" may be an alias of two people), sorted by id. Raises
    UnknownActorError, with suggestions of names containing it, when none does.
    """
    if graph.nodes.get(actor, {}).get("node_type") == "actor":
        return [actor]
    wanted = fold(actor)
    names = {
        node: _folded_names(attrs)
        for node, attrs in graph.nodes(data=True)
        if attrs.get("node_type") == "actor"
    }
    found = sorted(node for node, folded in names.items() if wanted in folded)
    if found:
        return found
    suggestions = sorted(
        str(graph.nodes[node].get("name"))
        for node, folded in names.items()
        if wanted and any(wanted in name for name in folded)
    )[:5]
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise UnknownActorError(f"no actor named {actor!r} in the graph{hint}")


def _folded_names(attrs: dict[str, Any]) -> set[str]:
    aliases = attrs.get("aliases") or []
    names = [attrs.get("name"), *(aliases if isinstance(aliases, list | tuple) else [])]
    return {fold(str(name)) for name in names if name}


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
