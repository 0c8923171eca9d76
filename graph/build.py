"""Extractions → one networkx MultiDiGraph, merging the same actor, place and event across
articles.

The graph mirrors the Neo4j schema (see README): nodes carry `node_type` (`actor`,
`event`, `place`, `article`) and their fields; edges carry their relationship `type`
(`SOURCE_OF`, `TARGETS`, `OCCURRED_IN`, `WITHIN`, `REPORTED_IN`, `REPORTED_BY`,
`MENTIONED_IN`, `AFFILIATED_WITH`) and are keyed by it, except REPORTED_IN, keyed by its
mention id (graph.schema.edge_key). Events are the groups graph.events makes of the
extractions' mentions; graph.relations folds the graph into actor pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graph.events import EventGroup, Report, enclosing_places, group_mentions
from graph.schema import (
    ARTICLE_UNSTORED,
    EVENT_LINKS,
    PLACE_LINKS,
    affiliations,
    edge_key,
    report_fields,
)
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


def _add_link(graph: nx.MultiDiGraph, source: str, target: str, relationship: str) -> None:
    graph.add_edge(source, target, key=relationship, type=relationship)


def add_article(graph: nx.MultiDiGraph, extraction: Extraction) -> None:
    """Add one article with its actors and places (merged by id) to `graph`; its mentions
    become events in `add_events`, once every article is in."""
    article = extraction.article
    graph.add_node(article.id, **_node_attrs("article", article, ARTICLE_UNSTORED))
    links = {link.actor: link for link in affiliations(extraction)}
    for actor in extraction.actors:
        _add_actor(graph, actor)
        _add_link(graph, actor.id, article.id, "MENTIONED_IN")
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
        _add_link(graph, place.id, article.id, "MENTIONED_IN")
    for place in extraction.places:
        if place.within:
            _add_link(graph, place.id, place.within, "WITHIN")


def add_events(graph: nx.MultiDiGraph, events: Iterable[EventGroup]) -> None:
    """Add events with their edges: actors (SOURCE_OF, TARGETS, REPORTED_BY), place
    (OCCURRED_IN) and one REPORTED_IN per mention, keyed by the mention id."""
    for event in events:
        graph.add_node(event.id, **_node_attrs("event", event, EVENT_LINKS))
        _add_link(graph, event.source, event.id, "SOURCE_OF")
        if event.target:
            _add_link(graph, event.id, event.target, "TARGETS")
        if event.place:
            _add_link(graph, event.id, event.place, "OCCURRED_IN")
        for reporter in event.reporters:
            _add_link(graph, event.id, reporter, "REPORTED_BY")
        for report in event.mentions:
            props = report_fields(report.mention, as_json=True)
            key = edge_key("REPORTED_IN", props)
            graph.add_edge(event.id, report.article, key=key, type="REPORTED_IN", **props)


def place_chains(graph: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """Each place's enclosing places, from the graph's WITHIN edges."""
    return enclosing_places((u, v) for u, v, key in graph.edges(keys=True) if key == "WITHIN")


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
    """The merged event graph of many articles (actors, events, places, articles).

    Mentions of one act become one event with a report each (graph.events). An article
    given twice is taken as its last version: what it says replaces what it said, as a
    reload into Neo4j does.
    """
    latest: dict[str, Extraction] = {}
    for extraction in extractions:
        latest[extraction.article.id] = extraction
    graph = nx.MultiDiGraph()
    for extraction in latest.values():
        add_article(graph, extraction)
    reports = [
        Report(mention, extraction.article.id, extraction.article.published)
        for extraction in latest.values()
        for mention in extraction.events
    ]
    add_events(graph, group_mentions(reports, place_chains(graph)))
    return graph
